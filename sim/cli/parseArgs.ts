import { BaseError } from "../errors/index.ts";

export class UsageError extends BaseError {
  override name = "UsageError";
}

export const USAGE = `Usage:
  imo-sim run <scenario> [--out <dir>] [--seed <n>]   run a scenario and write its run folder and report
  imo-sim report <run folder>                          rebuild the report of a run folder
  imo-sim schema [--out <file>]                        write the JSON Schema of scenario files

Exit codes: 0 success, 1 a scenario assertion failed, 2 bad input or an infrastructure failure.`;

export type Command =
  | { command: "run"; scenario: string; out: string | undefined; seed: number | undefined }
  | { command: "report"; dir: string }
  | { command: "schema"; out: string | undefined }
  | { command: "help" };

/** Parses the command line; bad input gets a UsageError naming the flag and the fix. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") return { command: "help" };
  const positional: string[] = [];
  const flags = new Map<string, string>();
  const known: Record<string, string[]> = { run: ["out", "seed"], report: [], schema: ["out"] };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2) as [string, string | undefined];
      const allowed = known[command];
      if (allowed && !allowed.includes(name)) {
        throw new UsageError(`Unknown flag --${name} for '${command}'`, { hints: [`Allowed: ${allowed.map((n) => `--${n}`).join(", ") || "none"}`, USAGE] });
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
      return { command: "schema", out: flags.get("out") };
    default:
      throw new UsageError(`Unknown command '${command}'`, { hints: [USAGE] });
  }
}
