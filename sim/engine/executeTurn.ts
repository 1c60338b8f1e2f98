import type { Action } from "../agents/types.ts";
import type { ExecuteTimings, MinedBlock, TxRequest } from "../chain/executor.ts";
import type { Run } from "./createRun.ts";
import { encodeAction } from "./encodeAction.ts";

export type ExecuteTurnTimings = ExecuteTimings & { encode: number; receiptsWait: number };

/**
 * Step 3 of a turn: the actions, in block order, become transactions that the executor sends in one batch
 * and mines in one block at `now`. The last block's outcomes (`settled`: its results, read
 * while this turn was observed and decided) are awaited first, so that its rows are complete when the
 * deferred queue drains. While anvil mines, the VM computes the honest results of this block's new requests
 * and the deferred rows of the last turns are written (anvil works on the other core). Returns as soon as the
 * block's logs are in; its outcomes follow.
 */
export async function executeTurn(
  run: Pick<Run, "executor" | "encodeContext" | "vm" | "deferred">,
  actions: readonly Action[],
  now: number,
  settled: Promise<void>,
  onBlock?: ((requests: readonly TxRequest[], timestamp: number) => void) | undefined,
  timings?: ExecuteTurnTimings | undefined,
): Promise<MinedBlock> {
  let started = performance.now();
  const requests = actions.map((action) => encodeAction(action, run.encodeContext));
  if (timings) {
    timings.encode += performance.now() - started;
    started = performance.now();
  }
  await settled;
  if (timings) timings.receiptsWait += performance.now() - started;
  onBlock?.(requests, now);
  const inputs = actions.flatMap((a) => (a.kind === "request" || a.kind === "mintNft" ? [a.input] : []));
  return run.executor.executeBlock(requests, {
    timestamp: now,
    whileMining: () => run.vm.precompute(inputs),
    whileReceipts: () => run.deferred.drain(),
    timings,
  });
}
