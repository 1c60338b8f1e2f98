/** An epoch's running counts, kept by recordTurn and written as the epoch's row by recordEpoch. */
export type EpochStats = {
  transactions: number;
  reverted: number;
  gas: bigint;
  requests: number;
  submissions: number;
  wrong: number;
  challenges: number;
  finalized: number;
  wrongFinalized: number;
  /** The last block mined in the epoch that carried a transaction (0 if none did). */
  lastBlock: bigint;
};

export function createEpochStats(): EpochStats {
  return { transactions: 0, reverted: 0, gas: 0n, requests: 0, submissions: 0, wrong: 0, challenges: 0, finalized: 0, wrongFinalized: 0, lastBlock: 0n };
}
