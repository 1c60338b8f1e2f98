import type { Rng } from "../rng/createRng.ts";
import type { AgentRole, PopulationRole } from "./roles.ts";
import type { Action, Agent, AgentState, AgentStates, Observation, Role } from "./types.ts";

/** A population with its members. */
export type Population = { readonly role: PopulationRole; readonly members: readonly Agent[] };

export type DecideParameters = {
  agents: readonly Agent[];
  populations: readonly Population[];
  /** Each agent's role, for its policy. */
  roles: ReadonlyMap<Role, AgentRole>;
  /** Each agent's (and population's) state, as the last turn left it. Not modified. */
  states: AgentStates;
  observation: Observation;
  /** The stream of one agent (or population) for this turn, forked by the engine from the run's seed. */
  rngFor(id: string): Rng;
};

export type DecideReturnType = {
  /** Every agent's actions in a fixed order: agents in order, then populations (the engine shuffles them). */
  actions: Action[];
  /** Every agent's next state. */
  states: AgentStates;
};

function stateOf(states: AgentStates, id: string): AgentState {
  const state = states.get(id);
  if (state === undefined) throw new Error(`no state for ${id}: the engine gives every agent its initial state when it enters`);
  return state;
}

/** One turn's decisions: every policy sees the same observation and its own state and stream. Pure. */
export function decide({ agents, populations, roles, states, observation, rngFor }: DecideParameters): DecideReturnType {
  const actions: Action[] = [];
  const next = new Map<string, AgentState>();
  for (const agent of agents) {
    const role = roles.get(agent.role);
    if (!role) throw new Error(`agent ${agent.id} has role ${agent.role}, which no registered role runs`);
    const result = role.policy(agent, stateOf(states, agent.id), observation, rngFor(agent.id));
    actions.push(...result.actions);
    next.set(agent.id, result.state);
  }
  for (const { role, members } of populations) {
    const result = role.policy(members, stateOf(states, role.id), observation, rngFor(role.id));
    actions.push(...result.actions);
    next.set(role.id, result.state);
  }
  return { actions, states: next };
}
