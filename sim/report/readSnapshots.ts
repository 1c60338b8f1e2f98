import { join } from "node:path";
import { readCsv } from "./readCsv.ts";

/** One snapshot of the token: its id, and the epoch, block and time it was taken. */
export type SnapshotTaken = { snapshotId: number; epoch: number; block: number; time: number };

/**
 * The token's snapshots in order (id 1 first), from snapshots.csv: every snapshot, whoever took it (the keeper's
 * `snapshot` transaction, or a launch collection that takes the due snapshot first), which transactions.csv
 * alone cannot tell.
 */
export async function readSnapshots(runDir: string): Promise<SnapshotTaken[]> {
  const snapshots: SnapshotTaken[] = [];
  await readCsv(join(runDir, "snapshots.csv"), (row) => {
    snapshots.push({ snapshotId: Number(row.snapshot_id), epoch: Number(row.epoch), block: Number(row.block), time: Number(row.time) });
  });
  return snapshots.sort((a, b) => a.snapshotId - b.snapshotId);
}
