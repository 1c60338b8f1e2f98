/**
 * Where a turn's time goes, summed over the turns of a run (milliseconds of wall time, on node's clock).
 * The simulator's own work between two blocks is `observe`, `decide`, `order`, `encode`, `apply`, `record`
 * and `epoch`; anvil works during `send` (it takes the transactions into its pool), `mine` (it executes
 * them and builds the block), `logs` (the block's hashes and logs) and `receiptsWait`. The block's receipts
 * are built by anvil while node does its own work for the next turn: `receipts` runs from asking to having
 * them, and only `receiptsWait` is on the critical path. `whileMining` is node's work done during `mine`
 * (deferred rows, the VM's precomputation): it is hidden as long as `mineIdle` (node waiting for anvil after it)
 * is not zero.
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
  /** Fetching the block's transaction hashes and logs, right after it is mined (anvil's work, node waits). */
  logs: number;
  /** From asking for the block's receipts to having them (anvil builds them while node works: not on the critical path). */
  receipts: number;
  /** Of the above: node waiting for them, its own work for the next turn done. */
  receiptsWait: number;
  apply: number;
  record: number;
  /** The epoch's row (one read of the token's books) and the epoch callback. */
  epoch: number;
};

export type TurnPhase = Exclude<keyof TurnProfile, "blocks" | "transactions">;

export const TURN_PHASES: readonly TurnPhase[] = ["observe", "decide", "order", "encode", "receiptsWait", "send", "mine", "whileMining", "mineIdle", "logs", "receipts", "apply", "record", "epoch"];

export function createTurnProfile(): TurnProfile {
  return { blocks: 0, transactions: 0, observe: 0, decide: 0, order: 0, encode: 0, receiptsWait: 0, send: 0, mine: 0, whileMining: 0, mineIdle: 0, logs: 0, receipts: 0, apply: 0, record: 0, epoch: 0 };
}

/** `after − before`, phase by phase: the profile of the turns between two readings. */
export function profileDelta(after: TurnProfile, before: TurnProfile): TurnProfile {
  const delta = createTurnProfile();
  delta.blocks = after.blocks - before.blocks;
  delta.transactions = after.transactions - before.transactions;
  for (const phase of TURN_PHASES) delta[phase] = after[phase] - before[phase];
  return delta;
}
