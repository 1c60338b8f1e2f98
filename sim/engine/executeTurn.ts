import type { Action } from "../agents/types.ts";
import type { ExecuteTimings, TxOutcome, TxRequest } from "../chain/executor.ts";
import type { Run } from "./createRun.ts";
import { encodeAction } from "./encodeAction.ts";

/**
 * Step 3 of a turn: the actions, in block order, become transactions that the executor sends in one batch
 * and mines in one block at `now`. While anvil mines, the VM computes the honest results of this block's
 * new requests and the deferred recording of the last turn runs (anvil works on the other core).
 */
export async function executeTurn(
  run: Pick<Run, "executor" | "encodeContext" | "vm" | "deferred">,
  actions: readonly Action[],
  now: number,
  onBlock?: ((requests: readonly TxRequest[], timestamp: number) => void) | undefined,
  timings?: (ExecuteTimings & { encode: number }) | undefined,
): Promise<TxOutcome[]> {
  const started = performance.now();
  const requests = actions.map((action) => encodeAction(action, run.encodeContext));
  if (timings) timings.encode += performance.now() - started;
  onBlock?.(requests, now);
  const inputs = actions.flatMap((a) => (a.kind === "request" || a.kind === "mintNft" ? [a.input] : []));
  return run.executor.execute(requests, {
    timestamp: now,
    whileMining: () => {
      run.vm.precompute(inputs);
      run.deferred.drain();
    },
    timings,
  });
}
