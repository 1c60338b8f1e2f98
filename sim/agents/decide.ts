import type { Rng } from "../rng/createRng.ts";
import { challengerPolicy, grieferPolicy } from "./challengers.ts";
import { investorPolicy } from "./investors.ts";
import { keeperPolicy } from "./keeper.ts";
import { submitterPolicy } from "./submitters.ts";
import type { Action, Agent, Observation } from "./types.ts";
import { usersPolicy } from "./users.ts";

export type DecideParameters = {
  agents: readonly Agent[];
  users: readonly Agent[];
  observation: Observation;
  /** The stream of one agent (or population) for this turn, forked by the engine from the run's seed. */
  rngFor(id: string): Rng;
};

/** Every agent's actions for one turn, in a fixed order (the engine shuffles them before sending). */
export function decide({ agents, users, observation, rngFor }: DecideParameters): Action[] {
  const actions: Action[] = [];
  for (const agent of agents) {
    const rng = rngFor(agent.id);
    switch (agent.role) {
      case "investor":
        actions.push(...investorPolicy(agent, observation, rng));
        break;
      case "honest-submitter":
      case "malicious-submitter":
        actions.push(...submitterPolicy(agent, observation, rng));
        break;
      case "honest-challenger":
      case "lazy-challenger":
        actions.push(...challengerPolicy(agent, observation, rng));
        break;
      case "griefer":
        actions.push(...grieferPolicy(agent, observation, rng));
        break;
      case "keeper":
        actions.push(...keeperPolicy(agent, observation));
        break;
      case "user":
        break;
    }
  }
  actions.push(...usersPolicy(users, observation, rngFor("users")));
  return actions;
}
