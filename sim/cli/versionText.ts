import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { anvilBinary } from "../chain/anvilBinary.ts";
import { pdeathsigWrapper } from "../chain/anvilGuard.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
const require = createRequire(import.meta.url);

function firstLine(run: () => string): string {
  try {
    return (run().split("\n")[0] ?? "").trim() || "unknown";
  } catch {
    return "not found";
  }
}

/** An installed package's version, from its own package.json. */
function installed(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string }).version;
  } catch {
    return "not installed";
  }
}

/** `imo-sim --version`: this package, and every tool a run depends on, as installed. */
export function versionText(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const forge = () => execFileSync(require.resolve(`@foundry-rs/forge-${process.platform}-${arch}/bin/forge`), ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  const anvil = () => execFileSync(anvilBinary(), ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString();
  const rows: [string, string][] = [
    ["node", process.version],
    ["anvil", firstLine(anvil).replace(/^anvil Version: /, "")],
    ["forge", firstLine(forge).replace(/^forge Version: /, "")],
    ["solc", `${installed("solc")} (WebAssembly, through tools/solc-wasm.mjs)`],
    ["viem", installed("viem")],
    ["zod", installed("zod")],
    ["echarts", installed("echarts")],
    ["anvil dies with imo-sim", pdeathsigWrapper() ? `yes (${pdeathsigWrapper()} --pdeathsig KILL)` : "no setpriv here: an orphaned anvil is stopped by the next run"],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return `imo-sim ${pkg.version} (${pkg.name})\n${rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`).join("\n")}\n`;
}
