import { rationalClaim } from "../economics/claimDecision.ts";
import { gasPriceWeiOf } from "../economics/costParameters.ts";
import { estimatedRequestsPerEpoch, expectedAnnualYield, joinsRaise } from "../economics/expectedYield.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import { burnsAndTransfers, closingSnapshot, inLastEpochBeforeSnapshot, investorPolicy, raiseActions, scriptedClaims } from "./investors.ts";
import type { Action, Agent, AgentPolicy, Observation } from "./types.ts";

/**
 * An investor's state: empty for scripted investors; a yield-seeking one remembers how many requests it has
 * seen the model serve (the highest request id it has observed: ids count every request from the first).
 */
export type InvestorState = { readonly requestsSeen?: number };

export function initialInvestorState(scenario: Scenario): InvestorState {
  return scenario.investors.strategy === "yield-seeking" ? { requestsSeen: 0 } : {};
}

/** The highest request id in view, or `seen` if that is higher (requests leave the view once final). */
function requestsServed(obs: Observation, seen: number): number {
  let highest = seen;
  for (const id of obs.requests.keys()) if (Number(id) > highest) highest = Number(id);
  return highest;
}

/** The annual yield a yield-seeking investor expects at this turn, having seen `requestsSeen` requests since the model went live. */
export function investorExpectedYield(obs: Observation, requestsSeen: number): number {
  const s = obs.scenario;
  const elapsedEpochs = Math.max(0, obs.now - s.startTimestamp) / s.epoch.seconds;
  const perEpoch = estimatedRequestsPerEpoch(s.demand.meanRequestsPerEpoch, s.investors.priorWeightEpochs, requestsSeen, elapsedEpochs);
  return expectedAnnualYield(perEpoch, s);
}

/**
 * A rational holder's claims: in the last epoch before the window of its oldest open snapshot closes (so that
 * one transaction takes every snapshot it can), the claim `rationalClaim` picks, worth more than its gas.
 * What it leaves rolls forward (or to the redeem pool) when the window closes. Never-claim holders never claim.
 */
export function rationalClaims(agent: Agent, obs: Observation): Action[] {
  if (agent.holderStrategy === "never-claim") return [];
  const mine = obs.token.claimable.get(agent.address.toLowerCase());
  if (!mine || !inLastEpochBeforeSnapshot(obs) || (mine.get(closingSnapshot(obs)) ?? 0n) === 0n) return [];
  const { gasEstimates } = obs.scenario.costs;
  const ids = rationalClaim({ claimable: mine, gasPriceWei: gasPriceWeiOf(obs.scenario), gas: gasEstimates });
  return ids.length > 0 ? [{ kind: "claimRevenue", agent, snapshotIds: ids }] : [];
}

/**
 * Investors under the scenario's strategies. `investors.strategy`: scripted investors deposit at their planned
 * turn; yield-seeking ones deposit at or after it only in a turn when `joinsRaise(expected yield, outside
 * rate)`. `holders.strategy`: scripted holders claim by their script, rational ones by `rationalClaims`. Burns
 * and transfers are the scripted ones either way. With both strategies scripted it is `investorPolicy`.
 */
export const investorStrategyPolicy: AgentPolicy<InvestorState> = (agent: Agent, state: InvestorState, obs: Observation, rng: Rng) => {
  const s = obs.scenario;
  if (s.investors.strategy === "scripted" && s.holders.strategy === "scripted") return { actions: investorPolicy(agent, obs, rng), state };
  let next = state;
  const before = raiseActions(agent, obs, rng, (planned) => {
    if (!planned.due) return false;
    if (s.investors.strategy !== "yield-seeking") return true;
    const seen = requestsServed(obs, state.requestsSeen ?? 0);
    next = { requestsSeen: seen };
    return joinsRaise(investorExpectedYield(obs, seen), s.investors.outsideRateBps);
  });
  if (before) return { actions: before, state: next };
  const claims = s.holders.strategy === "rational" ? rationalClaims(agent, obs) : scriptedClaims(agent, obs);
  return { actions: [...claims, ...burnsAndTransfers(agent, obs, rng)], state: next };
};
