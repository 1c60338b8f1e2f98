import { parseEther } from "viem";
import type { Scenario } from "../scenario/schema.ts";
import { capitalCostWei, lockedWeiSeconds } from "./capitalCost.ts";
import { gameMoveComputeWei, inferenceComputeWei, lieComputeSavedWei } from "./computeCost.ts";
import { costParameters } from "./costParameters.ts";
import { gasCostWei } from "./gasCost.ts";
import type { ChallengerPayoffs, SubmitterPayoffs } from "./inspectionGame.ts";

/** How a caught liar plays its game, and so what the dispute costs both sides. */
export type DisputePlay = {
  /**
   * Moves the caught liar makes before its game ends (0: it lets the first deadline pass, its best reply since an
   * honest challenger wins every game it plays; up to 2·⌈log2 T⌉ + 1 if it plays to the end). The challenger
   * answers each bisection with one move.
   */
  liarMoves: number;
};

/**
 * The inspection game's payoffs under a scenario's parameters and cost model (docs/economics.md, "Rational
 * submitters and challengers"), for a model of `traceLength` steps:
 *
 * - V = `costs.lieValue`; S = the compute a lie saves (`lieComputeSavedWei`); Bs = `oracle.submitterBond`;
 *   R = `oracle.submitterReward` (the earliest undefeated claim, the first honest challenge's, takes it);
 *   Ks = the liar's moves (gas at `costs.gasEstimates.bisectionMove` and game compute), 0 for a liar that does not play;
 * - ⌊w·Bs⌋ = `oracle.submitterBond` × `oracle.slashToWinnerBps` / 10,000, rounded down as the oracle does;
 *   Kc = a challenge's gas, the challenger's answering moves (gas and compute), and the capital cost of its bond
 *   locked for `challengeWindow + responseDeadline` (the challenge comes at once; finality follows the window, or
 *   the game's last deadline); C = one run of the model (`inferenceComputeWei`); D = a challenge's gas (a
 *   challenge of a lie another challenge defeats first ends void: its bond comes back, its gas does not).
 *
 * Gas is valued at `gas.priceGwei`. The timeout that ends the liar's game and the finalization are left out: the
 * keeper sends them (anyone may).
 */
export function inspectionPayoffs(scenario: Pick<Scenario, "oracle" | "costs" | "gas">, traceLength: number, play: DisputePlay = { liarMoves: 0 }): { submitter: SubmitterPayoffs; challenger: ChallengerPayoffs } {
  const p = costParameters(scenario, traceLength);
  const o = scenario.oracle;
  const bond = parseEther(o.submitterBond);
  const reward = parseEther(o.submitterReward);
  const move = gasCostWei(p.gasEstimates.bisectionMove, p.gasPriceWei) + gameMoveComputeWei(p);
  const challengerMoves = Math.floor(play.liarMoves / 2);
  const challengeGas = gasCostWei(p.gasEstimates.challenge, p.gasPriceWei);
  const locked = capitalCostWei(lockedWeiSeconds(parseEther(o.challengerBond), 0, o.challengeWindow + o.responseDeadline), p.capitalRateBps);
  return {
    submitter: { lieValueWei: p.lieValueWei, computeSavedWei: lieComputeSavedWei(p), bondWei: bond, rewardWei: reward, caughtCostWei: BigInt(play.liarMoves) * move },
    challenger: {
      slashShareWei: (bond * BigInt(o.slashToWinnerBps)) / 10_000n,
      rewardWei: reward,
      disputeCostWei: challengeGas + BigInt(challengerMoves) * move + locked,
      checkCostWei: inferenceComputeWei(p),
      duplicateCostWei: challengeGas,
    },
  };
}
