import type { Population } from "../agents/decide.ts";
import { roles as shippedRoles, type RoleRegistry } from "../agents/roles.ts";
import type { Agent, AgentState } from "../agents/types.ts";
import type { Scenario } from "../scenario/schema.ts";
import { agentAddress } from "./agentAddress.ts";

export type BuildAgentsReturnType = {
  /** Agents that decide one by one, in the registry's order of roles. */
  agents: Agent[];
  /** Populations that decide as one, with their members. */
  populations: Population[];
  /** Every population's members (the model's users). */
  users: Agent[];
  /** The investors (token holders). */
  investors: Agent[];
  /** Every agent's and population's initial state. */
  states: Map<string, AgentState>;
};

/** Builds the agents of a scenario from the role registry, each with a fixed address and its initial state. */
export function buildAgents(scenario: Scenario, roles: RoleRegistry = shippedRoles): BuildAgentsReturnType {
  const agents: Agent[] = [];
  const states = new Map<string, AgentState>();
  for (const role of roles.agents) {
    const traits = role.traits?.(scenario);
    for (let index = 0; index < role.count(scenario); index++) {
      const id = `${role.role}-${index}`;
      agents.push({ id, role: role.role, index, address: role.address?.(id) ?? agentAddress(id), holderStrategy: traits?.(index).holderStrategy });
      states.set(id, role.initialState(scenario, index));
    }
  }
  // A population of a feature the scenario does not have (no off-chain users) is not built at all.
  const present = roles.populations.filter((role) => !role.onlyWhenPresent || role.count(scenario) > 0);
  const populations = present.map((role): Population => {
    const members = Array.from({ length: role.count(scenario) }, (_, index): Agent => {
      const id = `${role.role}-${index}`;
      return { id, role: role.role, index, address: agentAddress(id) };
    });
    states.set(role.id, role.initialState(scenario));
    return { role, members };
  });
  return { agents, populations, users: populations.flatMap((p) => p.members), investors: agents.filter((a) => a.role === "investor"), states };
}
