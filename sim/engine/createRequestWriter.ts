import type { Agent } from "../agents/types.ts";
import { offlineInEpoch } from "../agents/challengers.ts";
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
};

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
 * whether an honest challenger was online in some epoch between its submission and its finality), then
 * forgets it in the world and the VM cache.
 */
export function createRequestWriter({ scenario, world, recorder, vm, tally, honestChallengers, root }: CreateRequestWriterParameters): (requestId: bigint) => void {
  const epochOf = (time: number) => Math.floor((time - scenario.startTimestamp) / scenario.epoch.seconds);
  const honestOnline = (epoch: number) => honestChallengers.some((c) => !offlineInEpoch(epoch, scenario.challengers.offlineProbability, root.fork(c.id)));
  return (id) => {
    const record = world.oracle.records.get(id);
    if (!record) return;
    recorder.request(record);
    tally.requests++;
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
