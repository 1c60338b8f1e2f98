import { parseShard, type Shard } from "../sweep/shard.ts";
import { UsageError } from "./usageError.ts";

export { UsageError };

const EXIT_CODES = `Exit codes: 0 success; 1 a scenario assertion failed, a sweep job failed or had a failed assertion (outputs are
written), or compare --fail-on-diff found a difference; 2 bad input or an infrastructure failure (nothing written);
130 / 143 interrupted (Ctrl-C / SIGTERM: unfinished work removed, finished work kept).`;

/** Each command's help: `imo-sim <command> --help` or `imo-sim help <command>`. */
export const COMMAND_HELP = {
  run: `imo-sim run <scenario> [--out <dir>] [--seed <n>] [--force]

Runs a scenario on a fresh Anvil and writes its run folder (CSV tables, metadata.json) and report.

  <scenario>     a .yaml, .yml or .json scenario file (scenarios/baseline.yaml, or scenarios/baseline)
  --out <dir>    the run folder (default reports/<scenario name>). It must be missing, empty, or a run folder
                 imo-sim wrote that holds nothing else; anything else is refused before the run starts.
  --seed <n>     overrides the scenario's seed: a whole number from 0 to 4294967295, in decimal digits
  --force        replace a run folder that holds a run of another scenario file (never anything else)

The contracts are compiled first if a source changed since the last build. The run is written into
<dir>.partial-<pid> and moved into place when complete; Ctrl-C removes it and leaves <dir> as it was.

Example: imo-sim run scenarios/baseline.yaml --out reports/baseline --seed 7`,
  report: `imo-sim report <run folder>

Rebuilds <run folder>/report/ (CSV tables, summary.json, report.html) from the run folder's files alone. Every
table is first checked against the row count and sha256 its run recorded in metadata.json: a missing, cut or
edited file is refused (exit 2, naming it), never reported.

Example: imo-sim report reports/baseline`,
  schema: `imo-sim schema [--out <file>] [--sweep]

Writes the JSON Schema of scenario files (with --sweep: of sweep files) to stdout or <file>. Every field has
its default, unit and, where a contract bounds it, the contract's limit.

Example: imo-sim schema --out scenarios/scenario.schema.json`,
  sweep: `imo-sim sweep <sweep file> [--out <dir>] [--parallel <n>] [--shard <i>/<n>]

Runs every point × seed of a sweep, each job in its own process with its own Anvil, and writes results.csv,
summary.csv, summary.json and report.html. Rerunning into the same --out resumes (complete jobs are skipped).

  --out <dir>       the sweep folder (default reports/sweeps/<name>): new, empty, or this very sweep's
  --parallel <n>    jobs at once (1 to 256; use the number of cores)
  --shard <i>/<n>   only jobs j with j mod n = i (0-based), e.g. --shard $JOB_COMPLETION_INDEX/3

Example: imo-sim sweep scenarios/sweeps/challenge-window-vs-latency.yaml --parallel 2`,
  merge: `imo-sim merge <sweep folder>... --out <dir>

Merges the shards of one sweep into what one unsharded run writes (refuses folders of different sweeps and
lists missing jobs). --out may be one of the inputs.

Example: imo-sim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged`,
  compare: `imo-sim compare <A> <B> [--fail-on-diff]

Compares two run folders or two sweep folders: every headline metric (for sweeps, each point's p50) as A, B,
B − A and (B − A)/|A|, then whether every CSV, JSON and HTML file has the same bytes. It says when the seeds,
scenarios or contracts differ, or when either side ran from a tree with uncommitted changes. Points of two
different sweeps are paired by their parameter values, never by id.

  --fail-on-diff   exit 1 when a file differs

Example: imo-sim compare reports/baseline reports/baseline-seed2`,
} as const;

export type CommandName = keyof typeof COMMAND_HELP;

export const USAGE = `Usage:
  imo-sim run <scenario> [--out <dir>] [--seed <n>] [--force]   run a scenario and write its run folder and report
  imo-sim report <run folder>                          rebuild the report of a run folder (checks its files first)
  imo-sim schema [--out <file>] [--sweep]              write the JSON Schema of scenario files (--sweep: of sweep files)
  imo-sim sweep <sweep file> [--out <dir>] [--parallel <n>] [--shard <i>/<n>]
                                                       run every point × seed of a sweep (default --out reports/sweeps/<name>);
                                                       --shard runs only jobs j with j mod n = i (0-based), e.g. --shard $JOB_COMPLETION_INDEX/3
  imo-sim merge <sweep folder>... --out <dir>          merge shards into what one unsharded sweep writes
  imo-sim compare <A> <B> [--fail-on-diff]             compare two run folders or two sweep folders: metric deltas and same bytes or not
  imo-sim <command> --help                             that command's help
  imo-sim --version                                    the package's and the tools' versions

${EXIT_CODES}`;

export type Command =
  | { command: "run"; scenario: string; out: string | undefined; seed: number | undefined; force: boolean }
  | { command: "report"; dir: string }
  | { command: "schema"; out: string | undefined; sweep: boolean }
  | { command: "sweep"; file: string; out: string | undefined; parallel: number; shard: Shard | undefined }
  | { command: "merge"; dirs: string[]; out: string }
  | { command: "compare"; a: string; b: string; failOnDiff: boolean }
  | { command: "help"; topic: CommandName | undefined }
  | { command: "version" };

const FLAGS: Record<CommandName, string[]> = {
  run: ["out", "seed", "force"],
  report: [],
  schema: ["out", "sweep"],
  sweep: ["out", "parallel", "shard"],
  merge: ["out"],
  compare: ["fail-on-diff"],
};
const BOOLEANS = new Set(["sweep", "fail-on-diff", "force"]);
const isCommand = (name: string | undefined): name is CommandName => name !== undefined && Object.hasOwn(COMMAND_HELP, name);

/** A seed as a person writes it: decimal digits, no sign, no leading zero, no exponent or hex, within 32 bits. */
export function parseSeed(text: string, flag = "--seed"): number {
  const hint = `${flag} takes a whole number from 0 to 4294967295 in decimal digits, e.g. ${flag} 7`;
  if (text.trim() === "") throw new UsageError(`${flag} is empty`, { hints: [hint] });
  if (!/^(0|[1-9]\d*)$/.test(text)) {
    const read = Number(text);
    const as = Number.isFinite(read) && text.trim() !== "" ? ` (it would read as ${read})` : "";
    throw new UsageError(`${flag} ${text} is not a seed in decimal digits${as}`, { hints: [hint] });
  }
  const seed = Number(text);
  if (seed > 2 ** 32 - 1) throw new UsageError(`${flag} ${text} is more than 4294967295`, { hints: [hint] });
  return seed;
}

/** Parses the command line; bad input gets a UsageError naming the flag and the fix. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === "--version" || command === "-V" || command === "version") return { command: "version" };
  if (command === undefined || command === "--help" || command === "-h") return { command: "help", topic: undefined };
  if (command === "help") {
    const topic = rest[0];
    if (topic !== undefined && !isCommand(topic)) throw new UsageError(`No help for '${topic}': not a command`, { hints: [USAGE] });
    return { command: "help", topic };
  }
  if (!isCommand(command)) throw new UsageError(`Unknown command '${command}'`, { hints: [USAGE] });
  // `imo-sim <command> ... --help` anywhere on the line: that command's help, whatever else is there.
  if (rest.includes("--help") || rest.includes("-h")) return { command: "help", topic: command };

  const positional: string[] = [];
  const flags = new Map<string, string>();
  const allowed = FLAGS[command];
  const helpHint = `imo-sim ${command} --help`;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (!allowed.includes(name)) {
        throw new UsageError(`Unknown flag --${name} for '${command}'`, { hints: [`Allowed: ${allowed.map((n) => `--${n}`).join(", ") || "none"}`, `See ${helpHint}.`] });
      }
      if (flags.has(name)) throw new UsageError(`--${name} is given twice`, { hints: [`Give it once; see ${helpHint}.`] });
      if (BOOLEANS.has(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`, { hints: [`See ${helpHint}.`] });
        flags.set(name, "true");
        continue;
      }
      const value = inline ?? rest[++i];
      if (value === undefined || (inline === undefined && value.startsWith("--"))) throw new UsageError(`--${name} needs a value`, { hints: [`See ${helpHint}.`] });
      flags.set(name, value);
    } else {
      positional.push(arg);
    }
  }
  const tooMany = (expected: number, what: string) => {
    if (positional.length > expected) throw new UsageError(`'${command}' takes ${what}, got ${positional.length} arguments: ${positional.join(" ")}`, { hints: [`See ${helpHint}.`] });
  };
  switch (command) {
    case "run": {
      const scenario = positional[0];
      if (!scenario) throw new UsageError("'run' needs a scenario file", { hints: ["e.g. imo-sim run scenarios/baseline.yaml", `See ${helpHint}.`] });
      tooMany(1, "one scenario file");
      const seedText = flags.get("seed");
      return { command: "run", scenario, out: flags.get("out"), seed: seedText === undefined ? undefined : parseSeed(seedText), force: flags.has("force") };
    }
    case "report": {
      const dir = positional[0];
      if (!dir) throw new UsageError("'report' needs a run folder", { hints: ["e.g. imo-sim report reports/baseline", `See ${helpHint}.`] });
      tooMany(1, "one run folder");
      return { command: "report", dir };
    }
    case "schema":
      tooMany(0, "no arguments");
      return { command: "schema", out: flags.get("out"), sweep: flags.has("sweep") };
    case "sweep": {
      const file = positional[0];
      if (!file) throw new UsageError("'sweep' needs a sweep file", { hints: ["e.g. imo-sim sweep scenarios/sweeps/challenge-window-vs-latency.yaml --parallel 2", `See ${helpHint}.`] });
      tooMany(1, "one sweep file");
      const parallelText = flags.get("parallel") ?? "1";
      const parallel = /^[1-9]\d*$/.test(parallelText) ? Number(parallelText) : Number.NaN;
      if (!Number.isInteger(parallel) || parallel < 1 || parallel > 256) throw new UsageError(`--parallel ${parallelText} is not a whole number from 1 to 256`, { hints: ["e.g. --parallel 2 on a 2-core machine: each job runs node and its own anvil"] });
      const shardText = flags.get("shard");
      return { command: "sweep", file, out: flags.get("out"), parallel, shard: shardText === undefined ? undefined : parseShard(shardText) };
    }
    case "merge": {
      const out = flags.get("out");
      if (positional.length === 0) throw new UsageError("'merge' needs the sweep folders to merge", { hints: ["e.g. imo-sim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged", `See ${helpHint}.`] });
      if (out === undefined) throw new UsageError("'merge' needs --out <dir>", { hints: ["e.g. imo-sim merge out/shard-0 out/shard-1 out/shard-2 --out out/merged (--out may be one of the inputs)"] });
      return { command: "merge", dirs: positional, out };
    }
    case "compare": {
      if (positional.length !== 2) throw new UsageError(`'compare' needs two folders, got ${positional.length}`, { hints: ["e.g. imo-sim compare reports/baseline reports/baseline-seed2", `See ${helpHint}.`] });
      return { command: "compare", a: positional[0] as string, b: positional[1] as string, failOnDiff: flags.has("fail-on-diff") };
    }
  }
}
