import { ageBelief, beliefMean, emptyBelief, sampleBelief, updateBelief, type Belief } from "../economics/beliefs.ts";
import { challengerPrizeWei, rationalCheck } from "../economics/inspectionGame.ts";
import { inspectionPayoffs } from "../economics/inspectionPayoffs.ts";
import { afterEpoch, type Participation } from "../economics/participation.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import { offlineInEpoch } from "./challengers.ts";
import { challengeLie, challengerChores, isChallenged, isFirstChallenger, isLie } from "./oracleView.ts";
import type { Action, Agent, AgentPolicy, Observation } from "./types.ts";

/** What a rational challenger did about a result: left it, checked it (nothing to challenge, or a lie someone challenged first), or challenged it (waiting to see whether it was first), and done. */
type Seen = "skipped" | "checked" | "challenged" | "done";

/**
 * A rational challenger's state. `record` is what agent_epochs.csv shows at each epoch's end (cumulative counts,
 * the beliefs' means, whether it is active, its trailing profit).
 */
export type RationalChallengerState = {
  /** p̂: its belief that a result is a lie. */
  readonly lieBelief: Belief;
  /** φ̂: its belief that its challenge of a lie it found is the first. */
  readonly winBelief: Belief;
  readonly seen: { readonly [requestId: string]: Seen };
  readonly participation: Participation;
  readonly epoch: number;
  readonly epochProfitWei: bigint;
  readonly record: {
    readonly results_seen: number;
    readonly checks: number;
    readonly lies_found: number;
    readonly challenges: number;
    readonly firsts: number;
    readonly belief_lie: number;
    readonly belief_first: number;
    readonly active: number;
    readonly trailing_profit_wei: bigint;
  };
};

export function initialRationalChallengerState(scenario: Scenario): RationalChallengerState {
  const prior = scenario.challengers.learning.priorMean;
  return {
    lieBelief: emptyBelief,
    winBelief: emptyBelief,
    seen: {},
    participation: { active: true, trailingProfitWei: 0n, losingEpochs: 0 },
    epoch: 0,
    epochProfitWei: 0n,
    record: { results_seen: 0, checks: 0, lies_found: 0, challenges: 0, firsts: 0, belief_lie: prior, belief_first: prior, active: 1, trailing_profit_wei: 0n },
  };
}

/**
 * Rational challengers (`challengers.strategy: rational`, the lazy ones; docs/economics.md). Each turn:
 * 1. At a new epoch, its profit of the last one (priced by the cost model: −C per check, +P for a lie it caught
 *    first, −D for a challenge another one beat) updates its trailing profit; it leaves after
 *    `participation.exitAfterLosingEpochs` losing epochs in a row.
 * 2. Each challenge it posted teaches it, once the chain shows it, whether it was the first (φ̂).
 * 3. Active and online, it decides once per new result in its window whether to check it: `rationalCheck` at draws
 *    of p̂ and φ̂. A check runs the model and teaches it whether the result was a lie (p̂); it challenges a lie that
 *    nobody has challenged yet (a lie already challenged counts as one it was not first on).
 * 4. It plays its games honestly, defends its corrected results, finalizes them and withdraws, active or not.
 */
export const rationalChallengerPolicy: AgentPolicy<RationalChallengerState> = (agent: Agent, state: RationalChallengerState, obs: Observation, rng: Rng) => {
  const s = obs.scenario;
  const me = agent.address.toLowerCase();
  const payoffs = inspectionPayoffs(s, obs.vm.traceLength).challenger;
  const learning = s.challengers.learning;
  let { lieBelief, winBelief, participation, epochProfitWei } = state;
  let { results_seen, checks, lies_found, challenges, firsts } = state.record;

  if (obs.epoch > state.epoch) {
    const p = s.challengers.participation;
    if (participation.active) participation = afterEpoch(participation, epochProfitWei, { ...p, exitAfterLosingEpochs: p.exitAfterLosingEpochs || Number.POSITIVE_INFINITY, entryThresholdWei: 0n, maxActive: Number.POSITIVE_INFINITY });
    epochProfitWei = 0n;
  }

  const seen: Record<string, Seen> = {};
  for (const [id, what] of Object.entries(state.seen)) {
    const request = obs.requests.get(BigInt(id));
    if (request === undefined) continue;
    if (what !== "challenged") {
      seen[id] = what;
      continue;
    }
    const first = isFirstChallenger(request, me);
    if (first === undefined) {
      seen[id] = what;
      continue;
    }
    winBelief = updateBelief(winBelief, first);
    if (first) firsts++;
    epochProfitWei += first ? challengerPrizeWei(payoffs) : -payoffs.duplicateCostWei;
    seen[id] = "done";
  }

  const actions: Action[] = [];
  if (participation.active && !offlineInEpoch(obs.epoch, s.challengers.offlineProbability, rng)) {
    for (const request of obs.pending) {
      const id = request.id.toString();
      if (seen[id] !== undefined || request.windowEnd < obs.now || request.submitter?.toLowerCase() === me) continue;
      results_seen++;
      // Each result it sees is a decision: what it learned ages by one step.
      lieBelief = ageBelief(lieBelief, learning);
      winBelief = ageBelief(winBelief, learning);
      const own = rng.fork(`rational-check-${id}`);
      const lieDraw = sampleBelief(lieBelief, learning, own);
      const winDraw = sampleBelief(winBelief, learning, own);
      if (!rationalCheck(lieDraw, winDraw, payoffs)) {
        seen[id] = "skipped";
        continue;
      }
      checks++;
      epochProfitWei -= payoffs.checkCostWei;
      const lie = isLie(obs, request);
      lieBelief = updateBelief(lieBelief, lie);
      if (!lie) {
        seen[id] = "checked";
        continue;
      }
      lies_found++;
      if (isChallenged(request)) {
        // Someone challenged it in an earlier block: the prize is theirs.
        winBelief = updateBelief(winBelief, false);
        seen[id] = "checked";
        continue;
      }
      actions.push(...challengeLie(agent, obs, request));
      challenges++;
      seen[id] = "challenged";
    }
  }
  actions.push(...challengerChores(agent, obs));

  const next: RationalChallengerState = {
    lieBelief,
    winBelief,
    seen,
    participation,
    epoch: obs.epoch,
    epochProfitWei,
    record: {
      results_seen,
      checks,
      lies_found,
      challenges,
      firsts,
      belief_lie: beliefMean(lieBelief, learning),
      belief_first: beliefMean(winBelief, learning),
      active: participation.active ? 1 : 0,
      trailing_profit_wei: participation.trailingProfitWei,
    },
  };
  return { actions, state: next };
};
