import { execFileSync } from "node:child_process";
import { anvilBinary } from "../chain/anvilBinary.ts";

/** The first line of `anvil --version` for the binary the simulator runs (ANVIL_BINARY or npm's). */
export function anvilVersion(): string {
  try {
    return execFileSync(anvilBinary(), ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().split("\n")[0]?.trim() ?? "unknown";
  } catch {
    return "unknown";
  }
}
