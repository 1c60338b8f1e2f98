import { parseEther } from "viem";
import { ageBelief, beliefMean, emptyBelief, sampleBelief, updateBelief, type Belief } from "../economics/beliefs.ts";
import { capitalCostWei, lockedWeiSeconds } from "../economics/capitalCost.ts";
import { inferenceComputeWei } from "../economics/computeCost.ts";
import { costParameters } from "../economics/costParameters.ts";
import { gasCostWei } from "../economics/gasCost.ts";
import { rationalLie } from "../economics/inspectionGame.ts";
import { inspectionPayoffs } from "../economics/inspectionPayoffs.ts";
import { afterEpoch, breakEvenRewardWei, enters, type Participation } from "../economics/participation.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isChallenged, lieFault, submitterChores } from "./oracleView.ts";
import type { Action, Agent, AgentPolicy, Observation, RequestView } from "./types.ts";

/** A lie of this submitter still in view: whether it has been seen challenged, and whether its window has closed (it has been learned from). */
type OpenLie = { readonly windowEnd: number; readonly challenged: boolean; readonly resolved: boolean };

/**
 * A rational submitter's state. `record` is what agent_epochs.csv shows at each epoch's end (cumulative counts,
 * the belief's mean, whether it is active, its trailing profit).
 */
export type RationalSubmitterState = {
  /** q̂: its belief that a lie of its is caught. */
  readonly catchBelief: Belief;
  readonly openLies: { readonly [requestId: string]: OpenLie };
  /** Answers sent last turn, counted once the chain shows them as this submitter's (a racing answer may have been dropped): request id → whether it lied. */
  readonly sent: { readonly [requestId: string]: boolean };
  readonly participation: Participation;
  /** The epoch whose profit `epochProfitWei` adds up. */
  readonly epoch: number;
  readonly epochProfitWei: bigint;
  readonly record: {
    readonly answers: number;
    readonly lies: number;
    readonly lies_caught: number;
    readonly lies_resolved: number;
    readonly belief_catch: number;
    readonly active: number;
    readonly trailing_profit_wei: bigint;
  };
};

/** Whether the agent at `index` of the honest submitters is an entrant (it starts outside). */
const isEntrant = (scenario: Scenario, agent: Pick<Agent, "role" | "index">) => agent.role === "honest-submitter" && agent.index >= scenario.submitters.honest;

export function initialRationalSubmitterState(scenario: Scenario, agent: Pick<Agent, "role" | "index">): RationalSubmitterState {
  const active = !isEntrant(scenario, agent);
  return {
    catchBelief: emptyBelief,
    openLies: {},
    sent: {},
    participation: { active, trailingProfitWei: 0n, losingEpochs: 0 },
    epoch: 0,
    epochProfitWei: 0n,
    record: { answers: 0, lies: 0, lies_caught: 0, lies_resolved: 0, belief_catch: scenario.submitters.learning.priorMean, active: active ? 1 : 0, trailing_profit_wei: 0n },
  };
}

/** What one answer costs its submitter (gas of the submit, the compute it runs, the capital of its bond over the window), as the cost model prices it. */
export function answerCostWei(obs: Observation, lie: boolean): bigint {
  const p = costParameters(obs.scenario, obs.vm.traceLength);
  const { submitter } = inspectionPayoffs(obs.scenario, obs.vm.traceLength);
  const capital = capitalCostWei(lockedWeiSeconds(parseEther(obs.scenario.oracle.submitterBond), 0, obs.scenario.oracle.challengeWindow), p.capitalRateBps);
  return gasCostWei(p.gasEstimates.submit, p.gasPriceWei) + inferenceComputeWei(p) - (lie ? submitter.computeSavedWei : 0n) + capital;
}

/** Results in view submitted within the last challenge window (their window is still open), and who submitted them. */
function recentResults(obs: Observation): RequestView[] {
  return obs.pending.filter((r) => r.windowEnd >= obs.now && r.submitter !== undefined);
}

/**
 * What an entrant expects to make per epoch: the answers per epoch it sees (results of the last window), shared with
 * the submitters it sees plus itself, times what an honest answer earns over its cost (reward − break-even).
 */
export function entrantProfitPerEpochWei(obs: Observation, me: string): bigint {
  const recent = recentResults(obs);
  const submitters = new Set(recent.map((r) => r.submitter?.toLowerCase() ?? "").filter((a) => a !== me));
  const perEpoch = (recent.length * obs.scenario.epoch.seconds) / obs.scenario.oracle.challengeWindow;
  const margin = parseEther(obs.scenario.oracle.submitterReward) - answerCostWei(obs, false);
  const share = perEpoch / (submitters.size + 1);
  return (margin * BigInt(Math.round(share * 1_000_000))) / 1_000_000n;
}

/** The number of submitters that compete for a request, as this one sees it: the others that answered in the last window, and itself. */
function competitors(obs: Observation, me: string): number {
  return new Set([me, ...recentResults(obs).map((r) => r.submitter?.toLowerCase() ?? me)]).size;
}

/**
 * Rational submitters (`submitters.strategy: rational`; docs/economics.md). Each turn:
 * 1. At a new epoch, its profit of the last one (priced by the cost model) updates its trailing profit: it leaves
 *    after `participation.exitAfterLosingEpochs` losing epochs in a row; one outside enters while an entrant's
 *    expected profit per epoch is above `submitters.entryThreshold`.
 * 2. Each of its lies whose window has closed teaches it whether it was caught (challenged): q̂ is updated.
 * 3. Active, it answers the requests it goes for (the submitters it sees compete: each goes with probability 1/n).
 *    A malicious one lies exactly when `rationalLie` says so at a draw of q̂; an honest one never lies.
 * 4. It lets a game over a lie of its time out (the challenger wins any game it plays) and plays others honestly;
 *    it finalizes and withdraws as the scripted ones do, active or not.
 */
export const rationalSubmitterPolicy: AgentPolicy<RationalSubmitterState> = (agent: Agent, state: RationalSubmitterState, obs: Observation, rng: Rng) => {
  const s = obs.scenario;
  const me = agent.address.toLowerCase();
  const payoffs = inspectionPayoffs(s, obs.vm.traceLength).submitter;
  let { catchBelief, participation, epochProfitWei } = state;
  let { answers, lies, lies_caught, lies_resolved } = state.record;

  if (obs.epoch > state.epoch) {
    const rule = { ...s.submitters.participation, exitAfterLosingEpochs: s.submitters.participation.exitAfterLosingEpochs || Number.POSITIVE_INFINITY, entryThresholdWei: parseEther(s.submitters.entryThreshold), maxActive: Number.POSITIVE_INFINITY };
    if (participation.active) participation = afterEpoch(participation, epochProfitWei, rule);
    else if (enters(entrantProfitPerEpochWei(obs, me), 0, rule)) participation = { active: true, trailingProfitWei: 0n, losingEpochs: 0 };
    epochProfitWei = 0n;
  }

  const openLies: Record<string, OpenLie> = {};
  // Last turn's answers that the chain shows as this submitter's: now they count.
  for (const [id, lie] of Object.entries(state.sent)) {
    const request = obs.requests.get(BigInt(id));
    if (request?.submitter?.toLowerCase() !== me) continue;
    answers++;
    epochProfitWei += payoffs.rewardWei - answerCostWei(obs, lie);
    if (!lie) continue;
    lies++;
    openLies[id] = { windowEnd: request.windowEnd, challenged: false, resolved: false };
  }
  for (const [id, lie] of Object.entries(state.openLies)) {
    const request = obs.requests.get(BigInt(id));
    // Gone from view: final, and learned from when its window closed.
    if (request === undefined && lie.resolved) continue;
    const challenged = lie.challenged || (request !== undefined && isChallenged(request));
    if (lie.resolved || (request !== undefined && obs.now <= lie.windowEnd)) {
      openLies[id] = { ...lie, challenged };
      continue;
    }
    // The window has closed: caught if it was ever challenged.
    catchBelief = updateBelief(catchBelief, challenged);
    lies_resolved++;
    if (challenged) lies_caught++;
    epochProfitWei += challenged ? -(payoffs.bondWei + payoffs.rewardWei) : payoffs.lieValueWei;
    if (request !== undefined) openLies[id] = { windowEnd: lie.windowEnd, challenged, resolved: true };
  }

  const actions: Action[] = [];
  const sent: Record<string, boolean> = {};
  if (participation.active) {
    const n = competitors(obs, me);
    for (const request of obs.unanswered) {
      if (!rng.fork(`compete-${request.id}-${obs.now}`).bool(1 / n)) continue;
      const own = rng.fork(`rational-lie-${request.id}`);
      // Each answer is a decision: what it learned ages by one step.
      catchBelief = ageBelief(catchBelief, s.submitters.learning);
      const lie = agent.role === "malicious-submitter" && rationalLie(sampleBelief(catchBelief, s.submitters.learning, own), payoffs);
      const fault = lie ? lieFault(obs, request.id, own) : undefined;
      const final = fault ? obs.vm.faultyFinal(request.id, fault.step, fault.delta) : obs.vm.honestFinal(request.id);
      if (!final) continue;
      actions.push({ kind: "submit", agent, requestId: request.id, output: final.output, finalState: final.preimage, bond: obs.oracle.submitterBond, lie });
      sent[request.id.toString()] = lie;
    }
  }
  actions.push(...submitterChores(agent, obs, (requestId) => openLies[requestId.toString()] !== undefined));

  const next: RationalSubmitterState = {
    catchBelief,
    openLies,
    sent,
    participation,
    epoch: obs.epoch,
    epochProfitWei,
    record: {
      answers,
      lies,
      lies_caught,
      lies_resolved,
      belief_catch: beliefMean(catchBelief, s.submitters.learning),
      active: participation.active ? 1 : 0,
      trailing_profit_wei: participation.trailingProfitWei,
    },
  };
  return { actions, state: next };
};
