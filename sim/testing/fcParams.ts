/**
 * fast-check settings shared by the property tests: `FC_NUM_RUNS` sets the number of runs, `FC_SEED` and
 * `FC_PATH` replay a failure exactly (fast-check prints both when a property fails).
 */
export function fcParams(defaultRuns = 100): { numRuns: number; seed?: number; path?: string } {
  const numRuns = Number(process.env.FC_NUM_RUNS ?? defaultRuns);
  const params: { numRuns: number; seed?: number; path?: string } = { numRuns };
  if (process.env.FC_SEED !== undefined) params.seed = Number(process.env.FC_SEED);
  if (process.env.FC_PATH !== undefined) params.path = process.env.FC_PATH;
  return params;
}

/**
 * `fc.commands` options for model-based tests: lists of any length up to `maxCommands` (fast-check's
 * default size keeps them very short), and the replay path of a failure.
 *
 * Replaying a shrunk `fc.commands` failure needs more than `FC_SEED` and `FC_PATH`: a command list shrinks
 * by which of its commands ran, which a replay does not re-run, so fast-check also prints a
 * `replayPath="…"` comment after each command list of the counterexample. `FC_REPLAY_PATH` takes them,
 * comma-separated, in the order they are printed; `index` is this command list's position in that order
 * (0 when the property has one command list).
 */
export function fcCommandOptions(maxCommands: number, index = 0): { maxCommands: number; size: "max"; replayPath?: string } {
  const replayPath = process.env.FC_REPLAY_PATH?.split(",")[index]?.trim();
  return replayPath === undefined || replayPath === "" ? { maxCommands, size: "max" } : { maxCommands, size: "max", replayPath };
}

/** A vitest timeout that grows with the number of runs (the nightly runs fast-check 1,000 times per model). */
export function fcTimeout(numRuns: number, msPerRun: number, baseMs = 60_000): number {
  return baseMs + numRuns * msPerRun;
}
