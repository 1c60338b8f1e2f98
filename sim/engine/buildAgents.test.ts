import { describe, expect, it } from "vitest";
import { defineRole, definePopulation, roles, type RoleRegistry } from "../agents/roles.ts";
import { parseScenario } from "../scenario/index.ts";
import { agentAddress } from "./agentAddress.ts";
import { buildAgents } from "./buildAgents.ts";

const scenario = parseScenario(
  `epochs: 1
investors: { count: 5 }
holders: { claimEverySnapshot: 2, claimLate: 1, neverClaim: 0, burnAfterSnapshot: 1 }
submitters: { honest: 2, malicious: 1 }
challengers: { honest: 1, lazy: 2, griefers: 1 }
colluders: { submitters: 1, challengers: 2 }
demand: { users: 3 }
`,
  "agents.yaml",
);

describe("buildAgents", () => {
  it("builds the shipped roles from their scenario sections, in the registry's order, each at its fixed address", () => {
    const { agents, users, investors, populations } = buildAgents(scenario);
    expect(agents.map((a) => a.id)).toEqual([
      ...["investor-0", "investor-1", "investor-2", "investor-3", "investor-4"],
      ...["honest-submitter-0", "honest-submitter-1", "malicious-submitter-0"],
      ...["honest-challenger-0", "lazy-challenger-0", "lazy-challenger-1", "griefer-0"],
      ...["colluding-submitter-0", "colluding-challenger-0", "colluding-challenger-1", "keeper-0"],
    ]);
    for (const agent of [...agents, ...users]) expect(agent.address).toBe(agentAddress(agent.id));
    expect(users.map((u) => `${u.role}:${u.id}`)).toEqual(["user:user-0", "user:user-1", "user:user-2"]);
    expect(populations.map((p) => [p.role.id, p.members.length])).toEqual([["users", 3]]);
    expect(investors).toEqual(agents.slice(0, 5));
  });

  it("gives investors the holder strategies the scenario lists, in order, and the rest a passive one", () => {
    const { investors, agents } = buildAgents(scenario);
    expect(investors.map((i) => i.holderStrategy)).toEqual(["claim-every-snapshot", "claim-every-snapshot", "claim-late", "burn-after-snapshot", "passive"]);
    expect(agents.filter((a) => a.role !== "investor").every((a) => a.holderStrategy === undefined)).toBe(true);
  });

  it("starts every agent and population with its role's initial state", () => {
    const { agents, states } = buildAgents(scenario);
    expect([...states.keys()]).toEqual([...agents.map((a) => a.id), "users"]);
    // Scripted agents start empty; submitters, challengers and griefers with an empty state inside an empty compute
    // ledger; colluders with the coalition's membership inside one.
    const ledgerOf = (policy: unknown) => JSON.stringify({ policy, ran: {}, record: { model_runs: 0, lie_runs: 0, game_moves: 0 } });
    const membership = {
      liars: [agentAddress("colluding-submitter-0").toLowerCase()],
      partners: [agentAddress("colluding-challenger-0").toLowerCase(), agentAddress("colluding-challenger-1").toLowerCase()],
    };
    for (const agent of agents) {
      const counted = ["honest-submitter", "malicious-submitter", "honest-challenger", "lazy-challenger", "griefer"].includes(agent.role);
      const colluder = agent.role === "colluding-submitter" || agent.role === "colluding-challenger";
      expect(JSON.stringify(states.get(agent.id)), agent.id).toBe(colluder ? ledgerOf(membership) : counted ? ledgerOf({}) : "{}");
    }
    expect(states.get("users")).toEqual({});

    const registry: RoleRegistry = {
      agents: [defineRole<{ rank: number }>({ role: "keeper", count: () => 2, initialState: (_, index) => ({ rank: index * 10 }), policy: (_, state) => ({ actions: [], state }), earnsOracleCredit: false })],
      populations: [definePopulation<{ n: number }>({ id: "crowd", role: "user", count: (s) => s.demand.users, initialState: (s) => ({ n: s.demand.users }), policy: (_, state) => ({ actions: [], state }) })],
    };
    const custom = buildAgents(scenario, registry);
    expect(Object.fromEntries(custom.states)).toEqual({ "keeper-0": { rank: 0 }, "keeper-1": { rank: 10 }, crowd: { n: 3 } });
  });

  it("registers exactly the roles that earn oracle credit: submitters, challengers, griefers and the colluders", () => {
    expect(roles.agents.filter((r) => r.earnsOracleCredit).map((r) => r.role)).toEqual([
      "honest-submitter",
      "malicious-submitter",
      "honest-challenger",
      "lazy-challenger",
      "griefer",
      "colluding-submitter",
      "colluding-challenger",
    ]);
  });
});
