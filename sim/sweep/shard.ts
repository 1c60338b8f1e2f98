import { UsageError } from "../cli/usageError.ts";
import type { SweepJob } from "./loadSweep.ts";

/** Shard `index` of `count` (0-based: 0/3, 1/3, 2/3). */
export type Shard = { index: number; count: number };

/**
 * Parses `--shard i/n`. Shards are 0-based, as Kubernetes' JOB_COMPLETION_INDEX and a Slurm array
 * `--array=0-(n-1)` number them.
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const hint = "--shard i/n runs the i-th of n slices, 0-based: --shard 0/3, --shard 1/3, --shard 2/3 (e.g. --shard $JOB_COMPLETION_INDEX/3)";
  if (!match) throw new UsageError(`--shard ${text} is not of the form i/n`, { hints: [hint] });
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 100_000) throw new UsageError(`--shard ${text}: n must be from 1 to 100000`, { hints: [hint] });
  if (index >= count) throw new UsageError(`--shard ${text}: i must be from 0 to ${count - 1} (shards are 0-based)`, { hints: [hint] });
  return { index, count };
}

/** The jobs of one shard: round-robin by job index (job j belongs to shard j mod n). */
export function shardJobs<T extends Pick<SweepJob, "index">>(jobs: readonly T[], shard: Shard | undefined): T[] {
  return shard === undefined ? [...jobs] : jobs.filter((job) => job.index % shard.count === shard.index);
}
