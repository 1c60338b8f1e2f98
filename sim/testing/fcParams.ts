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
