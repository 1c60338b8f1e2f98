/** Work that can wait: queued now, run in order at the next `drain`. */
export type Deferred = {
  defer(job: () => void): void;
  /** Runs every job queued so far, in order (a job queued while draining waits for the next drain). */
  drain(): void;
};

/**
 * The queue of work the next decision does not need (CSV rows, finished requests): the engine drains it
 * while anvil mines the next block, so the simulator's work overlaps anvil's on the other core.
 */
export function createDeferred(): Deferred {
  const jobs: (() => void)[] = [];
  return {
    defer(job) {
      jobs.push(job);
    },
    drain() {
      for (const job of jobs.splice(0)) job();
    },
  };
}
