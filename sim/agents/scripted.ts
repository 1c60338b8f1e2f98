import type { Rng } from "../rng/createRng.ts";
import type { Action, Agent, AgentPolicy, NoState, Observation, Policy, PopulationPolicy } from "./types.ts";

/** A scripted policy as a policy with state: it acts as before and hands its (empty) state back unchanged. */
export function scripted(policy: Policy): AgentPolicy<NoState> {
  return (agent, state, observation, rng) => ({ actions: policy(agent, observation, rng), state });
}

/** A scripted population policy (the users) as one with state, the state handed back unchanged. */
export function scriptedPopulation(policy: (members: readonly Agent[], observation: Observation, rng: Rng) => Action[]): PopulationPolicy<NoState> {
  return (members, state, observation, rng) => ({ actions: policy(members, observation, rng), state });
}
