/**
 * Where a turn's time goes, summed over the turns of a run (milliseconds of wall time, on node's clock).
 * The simulator's own work between two blocks is `observe`, `decide`, `order`, `encode`, `apply`, `record`
 * and `epoch`; anvil works during `send` (it takes the transactions into its pool), `mine` (it executes
 * them and builds the block) and `receipts` (it answers the one batch that reads the block's results, its logs
 * and each transaction's status and gas, as raw's; sim/chain/blockResults.ts). `whileMining` is node's work done during `mine` (the VM's precomputation) and
 * `whileReceipts` its work done during `receipts` (deferred rows): hidden as long as `mineIdle` and
 * `receiptsIdle` (node waiting for anvil after it) are not zero. `receiptsWait` is what is left of waiting for
 * the last block's outcomes before the next is sent (nonce repairs only).
 */
export type TurnProfile = {
  /** Turns (blocks) counted. */
  blocks: number;
  /** Transactions sent. */
  transactions: number;
  observe: number;
  decide: number;
  order: number;
  encode: number;
  send: number;
  mine: number;
  whileMining: number;
  /** Of `mine`: node idle, waiting for anvil's answer after its own work was done. */
  mineIdle: number;
  /** From asking for the block's results to having them (node does `whileReceipts` meanwhile). */
  receipts: number;
  whileReceipts: number;
  /** Of `receipts`: node idle, waiting for anvil's answer after its own work was done. */
  receiptsIdle: number;
  /** Waiting for the last block's outcomes before the next block is sent (nonce repairs after a rejected send). */
  receiptsWait: number;
  apply: number;
  record: number;
  /** The epoch's row (one read of the token's books) and the epoch callback. */
  epoch: number;
};

export type TurnPhase = Exclude<keyof TurnProfile, "blocks" | "transactions">;

export const TURN_PHASES: readonly TurnPhase[] = ["observe", "decide", "order", "encode", "receiptsWait", "send", "mine", "whileMining", "mineIdle", "receipts", "whileReceipts", "receiptsIdle", "apply", "record", "epoch"];

export function createTurnProfile(): TurnProfile {
  return { blocks: 0, transactions: 0, observe: 0, decide: 0, order: 0, encode: 0, receiptsWait: 0, send: 0, mine: 0, whileMining: 0, mineIdle: 0, receipts: 0, whileReceipts: 0, receiptsIdle: 0, apply: 0, record: 0, epoch: 0 };
}

/** `after − before`, phase by phase: the profile of the turns between two readings. */
export function profileDelta(after: TurnProfile, before: TurnProfile): TurnProfile {
  const delta = createTurnProfile();
  delta.blocks = after.blocks - before.blocks;
  delta.transactions = after.transactions - before.transactions;
  for (const phase of TURN_PHASES) delta[phase] = after[phase] - before[phase];
  return delta;
}
