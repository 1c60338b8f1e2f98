import { expectedRequests } from "../economics/demandCurve.ts";
import { usersPolicy, usersPolicyWith, type UsersPolicy } from "./users.ts";

/**
 * Users whose demand answers to the price: each epoch's mean number of requests is the scripted mean (base
 * rate, trend, shock) times (price / demand.referenceFee)^(−demand.elasticity), where the price is what the
 * oracle charges per request (`Observation.oracle.fee`: model fee + submitter reward + protocol fee). The
 * rest (Poisson draw, spreading over turns, NFT mints and resales) is the scripted users' own.
 */
export const elasticUsersPolicy: UsersPolicy = usersPolicyWith((obs) => expectedRequests(obs.scenario.demand, obs.epoch, obs.oracle.fee));

/** The users' policy the scenario chooses (`demand.strategy`). */
export const demandPolicy: UsersPolicy = (users, obs, rng) => (obs.scenario.demand.strategy === "elastic" ? elasticUsersPolicy : usersPolicy)(users, obs, rng);
