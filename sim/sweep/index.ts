export { loadSweep, parseSweep, type Sweep, type SweepJob, type SweepPoint, type SweepParameter } from "./loadSweep.ts";
export { sweepSchema, sweepJsonSchema, type SweepInput } from "./schema.ts";
export { runSweep, type RunSweepReturnType, type JobEvent } from "./runSweep.ts";
export { mergeSweeps } from "./mergeSweeps.ts";
export { compareFolders, formatComparison } from "./compareFolders.ts";
export { parseShard, shardJobs, type Shard } from "./shard.ts";
export { HEADLINE_METRICS, headlineMetrics } from "./headlineMetrics.ts";
export { SWEEP_OUTPUT_FILES } from "./writeSweepOutputs.ts";
export { SweepValidationError, SweepFileError, SweepOutputError, SweepMergeError, SweepJobsFailedError, CompareInputError, CompareDifferenceError } from "./errors.ts";
