import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi, Hex } from "viem";
import { ArtifactNotFoundError } from "../errors/index.ts";
import * as abis from "./abis.generated.ts";

/** The contracts the simulator deploys, with their ABIs typed `as const`. */
export const contractAbis = {
  RevShareToken: abis.revShareTokenAbi,
  ModelRegistry: abis.modelRegistryAbi,
  ImoLaunch: abis.imoLaunchAbi,
  RevShareTokenFactory: abis.revShareTokenFactoryAbi,
  OpmlOracle: abis.opmlOracleAbi,
  BisectionGame: abis.bisectionGameAbi,
  ModelVMVerifier: abis.modelVMVerifierAbi,
  AigcNFT: abis.aigcNFTAbi,
  RoyaltyMarket: abis.royaltyMarketAbi,
  UsageLedger: abis.usageLedgerAbi,
} as const satisfies Record<string, Abi>;

export type ContractName = keyof typeof contractAbis;

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");

/** Creation bytecode of `name` from forge's artifacts in out/. */
export function bytecodeOf(name: ContractName, outDir = join(ROOT, "out")): Hex {
  const path = join(outDir, `${name}.sol`, `${name}.json`);
  let artifact: { bytecode?: { object?: string } };
  try {
    artifact = JSON.parse(readFileSync(path, "utf8")) as typeof artifact;
  } catch (cause) {
    throw new ArtifactNotFoundError(`No compiled artifact for ${name}`, {
      details: `Could not read ${path}.`,
      hints: ["Run `npm run build:contracts` (npm run sim does it for you)."],
      cause,
    });
  }
  const object = artifact.bytecode?.object;
  if (!object || object === "0x") throw new ArtifactNotFoundError(`Artifact of ${name} has no bytecode`, { details: path });
  if (object.includes("__$")) throw new ArtifactNotFoundError(`${name} needs library linking, which the simulator does not do`, { details: path });
  return object as Hex;
}

/**
 * Compiles the contracts (`node tools/forge.mjs build`) if any artifact the simulator deploys is missing,
 * so `imo-sim run` and `imo-sim sweep` work on a fresh clone right after `npm ci`. The first build takes
 * about two minutes with the WebAssembly compiler; later runs find the artifacts and do nothing.
 */
export function ensureArtifacts(outDir = join(ROOT, "out")): void {
  const missing = (Object.keys(contractAbis) as ContractName[]).filter((name) => !existsSync(join(outDir, `${name}.sol`, `${name}.json`)));
  if (missing.length === 0) return;
  process.stderr.write(`compiling the contracts (no artifact for ${missing.join(", ")}): node tools/forge.mjs build\n`);
  const result = spawnSync(process.execPath, [join(ROOT, "tools/forge.mjs"), "build", "--quiet"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) {
    throw new ArtifactNotFoundError("Compiling the contracts failed", {
      details: `node tools/forge.mjs build exited with ${result.status ?? result.signal}`,
      hints: ["Run `npm run build:contracts` to see the compiler's errors."],
    });
  }
}
