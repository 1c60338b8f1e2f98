import type { Agent } from "../agents/types.ts";
import { offlineInEpoch } from "../agents/challengers.ts";
import { blockSeconds, finalityDeadline } from "../agents/timing.ts";
import type { Recorder } from "../metrics/createRecorder.ts";
import type { Rng } from "../rng/createRng.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { VmCache } from "./createVmAccess.ts";
import { forgetRequest } from "./world/forgetRequest.ts";
import type { World } from "./world/types.ts";

/** A run's running totals. */
export type RunTally = {
  transactions: number;
  /** Requests written out. */
  requests: number;
  wrongFinalized: number;
  wrongFinalizedWhileHonestLive: number;
  /** Requests with a result that were not final by the claim rule's bound plus two blocks (finalized later, or still open past it at the end). */
  pastFinalityBound: number;
  /** Requests with a result whose finality was checked against the bound. */
  checkedAgainstBound: number;
};

/** A run's tally before its first request. */
export function createTally(): RunTally {
  return { transactions: 0, requests: 0, wrongFinalized: 0, wrongFinalizedWhileHonestLive: 0, pastFinalityBound: 0, checkedAgainstBound: 0 };
}

export type CreateRequestWriterParameters = {
  scenario: Scenario;
  world: World;
  recorder: Recorder;
  vm: VmCache;
  tally: RunTally;
  /** The honest challengers and the run's root stream: whether one was online is their policy's own draw. */
  honestChallengers: readonly Agent[];
  root: Rng;
};

/**
 * Writes a finished (or, at the end, still open) request's row, counts it and any wrong final result (and
 * whether an honest challenger was online in some epoch between its submission and its finality), checks its
 * finality against the claim rule's bound (a request still open at `endTime` is late if the bound has passed),
 * then forgets it in the world and the VM cache.
 */
export function createRequestWriter({ scenario, world, recorder, vm, tally, honestChallengers, root }: CreateRequestWriterParameters): (requestId: bigint, endTime?: number) => void {
  const epochOf = (time: number) => Math.floor((time - scenario.startTimestamp) / scenario.epoch.seconds);
  const honestOnline = (epoch: number) => honestChallengers.some((c) => !offlineInEpoch(epoch, scenario.challengers.offlineProbability, root.fork(c.id)));
  const b = blockSeconds(scenario);
  return (id, endTime) => {
    const record = world.oracle.records.get(id);
    if (!record) return;
    recorder.request(record);
    tally.requests++;
    if (record.windowEnd !== undefined) {
      const deadline = finalityDeadline(record.windowEnd, vm.traceLength, scenario.oracle.responseDeadline, b);
      const at = record.finalizedTime ?? endTime;
      if (at !== undefined) {
        tally.checkedAgainstBound++;
        if (at > deadline) tally.pastFinalityBound++;
      }
    }
    if (record.finalWrong) {
      tally.wrongFinalized++;
      const fromEpoch = epochOf(record.submittedTime ?? record.requestedTime);
      const toEpoch = epochOf(record.finalizedTime ?? 0);
      let live = false;
      for (let e = fromEpoch; e <= toEpoch && !live; e++) live = honestOnline(e);
      if (live) tally.wrongFinalizedWhileHonestLive++;
    }
    vm.forget(id);
    forgetRequest(world, id);
  };
}
