import { parseShard, type Shard } from "../sweep/shard.ts";
import { UsageError } from "./usageError.ts";

export { UsageError };

export const USAGE = `Usage:
  imo-sim run <scenario> [--out <dir>] [--seed <n>]   run a scenario and write its run folder and report
  imo-sim report <run folder>                          rebuild the report of a run folder
  imo-sim schema [--out <file>] [--sweep]              write the JSON Schema of scenario files (--sweep: of sweep files)
  imo-sim sweep <sweep file> [--out <dir>] [--parallel <n>] [--shard <i>/<n>]
                                                       run every point × seed of a sweep (default --out reports/sweeps/<name>);
                                                       --shard runs only jobs j with j mod n = i (0-based), e.g. --shard $JOB_COMPLETION_INDEX/3
  imo-sim merge <sweep folder>... --out <dir>          merge shards into what one unsharded sweep writes
  imo-sim compare <A> <B> [--fail-on-diff]             compare two run folders or two sweep folders: metric deltas and same bytes or not

Exit codes: 0 success; 1 a scenario assertion failed, a sweep job failed or had a failed assertion (outputs are
written), or compare --fail-on-diff found a difference; 2 bad input or an infrastructure failure (nothing written).`;

export type Command =
  | { command: "run"; scenario: string; out: string | undefined; seed: number | undefined }
  | { command: "report"; dir: string }
  | { command: "schema"; out: string | undefined; sweep: boolean }
  | { command: "sweep"; file: string; out: string | undefined; parallel: number; shard: Shard | undefined }
  | { command: "merge"; dirs: string[]; out: string }
  | { command: "compare"; a: string; b: string; failOnDiff: boolean }
  | { command: "help" };

/** Parses the command line; bad input gets a UsageError naming the flag and the fix. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") return { command: "help" };
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const known: Record<string, string[]> = { run: ["out", "seed"], report: [], schema: ["out", "sweep"], sweep: ["out", "parallel", "shard"], merge: ["out"], compare: ["fail-on-diff"] };
  const booleans = new Set(["sweep", "fail-on-diff"]);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const allowed = known[command];
      if (allowed && !allowed.includes(name)) {
        throw new UsageError(`Unknown flag --${name} for '${command}'`, { hints: [`Allowed: ${allowed.map((n) => `--${n}`).join(", ") || "none"}`, USAGE] });
      }
      if (booleans.has(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`, { hints: [USAGE] });
        flags.set(name, "true");
        continue;
      }
      const value = inline ?? rest[++i];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`, { hints: [USAGE] });
      flags.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  switch (command) {
    case "run": {
      const scenario = positional[0];
      if (!scenario) throw new UsageError("'run' needs a scenario file", { hints: ["e.g. imo-sim run scenarios/baseline.yaml", USAGE] });
      const seedText = flags.get("seed");
      let seed: number | undefined;
      if (seedText !== undefined) {
        seed = Number(seedText);
        if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
          throw new UsageError(`--seed ${seedText} is not a whole number from 0 to 4294967295`, { hints: ["e.g. --seed 7"] });
        }
      }
      return { command: "run", scenario, out: flags.get("out"), seed };
    }
    case "report": {
      const dir = positional[0];
      if (!dir) throw new UsageError("'report' needs a run folder", { hints: ["e.g. imo-sim report reports/baseline", USAGE] });
      return { command: "report", dir };
    }
    case "schema":
      return { command: "schema", out: flags.get("out"), sweep: flags.has("sweep") };
    case "sweep": {
      const file = positional[0];
      if (!file) throw new UsageError("'sweep' needs a sweep file", { hints: ["e.g. imo-sim sweep scenarios/sweeps/challenge-window-vs-latency.yaml --parallel 2", USAGE] });
      if (positional.length > 1) throw new UsageError(`'sweep' takes one sweep file, got ${positional.length}: ${positional.join(" ")}`, { hints: [USAGE] });
      const parallelText = flags.get("parallel") ?? "1";
      const parallel = Number(parallelText);
      if (!Number.isInteger(parallel) || parallel < 1 || parallel > 256) throw new UsageError(`--parallel ${parallelText} is not a whole number from 1 to 256`, { hints: ["e.g. --parallel 2 on a 2-core machine: each job runs node and its own anvil"] });
      const shardText = flags.get("shard");
      return { command: "sweep", file, out: flags.get("out"), parallel, shard: shardText === undefined ? undefined : parseShard(shardText) };
    }
    case "merge": {
      const out = flags.get("out");
      if (positional.length === 0) throw new UsageError("'merge' needs the sweep folders to merge", { hints: ["e.g. imo-sim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged", USAGE] });
      if (!out) throw new UsageError("'merge' needs --out <dir>", { hints: ["e.g. imo-sim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged (--out may be one of the inputs)"] });
      return { command: "merge", dirs: positional, out };
    }
    case "compare": {
      if (positional.length !== 2) throw new UsageError(`'compare' needs two folders, got ${positional.length}`, { hints: ["e.g. imo-sim compare reports/baseline reports/baseline-seed2", USAGE] });
      return { command: "compare", a: positional[0] as string, b: positional[1] as string, failOnDiff: flags.has("fail-on-diff") };
    }
    default:
      throw new UsageError(`Unknown command '${command}'`, { hints: [USAGE] });
  }
}
