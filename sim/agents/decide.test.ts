import { describe, expect, it } from "vitest";
import { createRng } from "../rng/createRng.ts";
import { testAgent, testObservation, testRequest } from "../testing/observation.ts";
import { challengerPolicy } from "./challengers.ts";
import { decide, type Population } from "./decide.ts";
import { keeperPolicy } from "./keeper.ts";
import { defineRole, definePopulation, roles, type AgentRole } from "./roles.ts";
import { submitterPolicy } from "./submitters.ts";
import type { Action, AgentState, Role } from "./types.ts";
import { usersPolicy } from "./users.ts";

const shipped = new Map(roles.agents.map((r) => [r.role, r]));
const rngFor = (id: string) => createRng(7).fork(id);

describe("decide", () => {
  it("with the shipped roles, gives each agent's policy its own stream, in agent order, then the users'", () => {
    const { observation, requests } = testObservation({ scenario: "epochs: 10\nsubmitters: { honest: 1 }\n" });
    requests.set(1n, testRequest(1n, [1, 2, 3, 4, 5, 6, 7, 8]));
    const agents = [testAgent("honest-submitter", 0), testAgent("honest-challenger", 0), testAgent("keeper", 0), testAgent("honest-submitter", 1)];
    const users = [testAgent("user", 0)];
    const population = roles.populations[0];
    if (!population) throw new Error("no users population");
    const states = new Map<string, AgentState>([...agents.map((a): [string, AgentState] => [a.id, shipped.get(a.role)?.initialState(observation.scenario, a.index) ?? {}]), ["users", {}]]);
    const { actions, states: next } = decide({ agents, populations: [{ role: population, members: users }], roles: shipped, states, observation, rngFor });
    const expected: Action[] = [
      ...submitterPolicy(agents[0]!, observation, rngFor("honest-submitter-0")),
      ...challengerPolicy(agents[1]!, observation, rngFor("honest-challenger-0")),
      ...keeperPolicy(agents[2]!, observation),
      ...submitterPolicy(agents[3]!, observation, rngFor("honest-submitter-1")),
      ...usersPolicy(users, observation, rngFor("users")),
    ];
    // One competitor in the scenario: both submitters go for the request.
    expect(expected.filter((a) => a.kind === "submit").map((a) => a.agent.id)).toEqual(["honest-submitter-0", "honest-submitter-1"]);
    expect(actions).toEqual(expected);
    // Scripted policies hand their state back as it was (inside the compute ledger of submitters and challengers).
    const own = (state: AgentState | undefined) => (state !== undefined && "policy" in state ? state.policy : state);
    for (const [id, state] of states) expect(own(next.get(id)), id).toBe(own(state));
  });

  it("hands each agent the state its policy returned last turn, and leaves the states it was given alone", () => {
    type Count = { turns: number; lastNow: number };
    const counting: AgentRole = defineRole<Count>({
      role: "keeper",
      count: () => 1,
      initialState: () => ({ turns: 0, lastNow: 0 }),
      policy: (agent, state, observation) => ({ actions: state.turns % 2 === 1 ? [{ kind: "snapshot", agent }] : [], state: { turns: state.turns + 1, lastNow: observation.now } }),
      earnsOracleCredit: false,
    });
    const crowd = definePopulation<{ seen: number }>({ id: "crowd", role: "user", count: () => 2, initialState: () => ({ seen: 0 }), policy: (members, state) => ({ actions: [], state: { seen: state.seen + members.length } }) });
    const agents = [testAgent("keeper", 0), testAgent("keeper", 1)];
    const populations: Population[] = [{ role: crowd, members: [testAgent("user", 0), testAgent("user", 1)] }];
    const table = new Map<Role, AgentRole>([["keeper", counting]]);
    const start = new Map<string, AgentState>([["keeper-0", { turns: 0, lastNow: 0 }], ["keeper-1", { turns: 5, lastNow: 0 }], ["crowd", { seen: 0 }]]);
    const frozen = JSON.stringify([...start]);

    const first = decide({ agents, populations, roles: table, states: start, observation: testObservation({ now: 1_000 }).observation, rngFor });
    expect(first.actions.map((a) => `${a.kind}:${a.agent.id}`)).toEqual(["snapshot:keeper-1"]);
    const second = decide({ agents, populations, roles: table, states: first.states, observation: testObservation({ now: 2_000 }).observation, rngFor });
    expect(second.actions.map((a) => `${a.kind}:${a.agent.id}`)).toEqual(["snapshot:keeper-0"]);
    expect(Object.fromEntries(second.states)).toEqual({ "keeper-0": { turns: 2, lastNow: 2_000 }, "keeper-1": { turns: 7, lastNow: 2_000 }, crowd: { seen: 4 } });
    expect(JSON.stringify([...start])).toBe(frozen);
  });

  it("says which agent has no state or no registered role", () => {
    const { observation } = testObservation();
    const agents = [testAgent("keeper", 0)];
    expect(() => decide({ agents, populations: [], roles: shipped, states: new Map(), observation, rngFor })).toThrow(/no state for keeper-0/);
    expect(() => decide({ agents, populations: [], roles: new Map(), states: new Map([["keeper-0", {}]]), observation, rngFor })).toThrow(/keeper-0 has role keeper, which no registered role runs/);
  });
});
