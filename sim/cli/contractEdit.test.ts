import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, TINY_SCENARIO, type CliResult } from "../testing/runCli.ts";
import { buildContracts } from "./buildContracts.ts";

// "Runs always use the contracts as they are": a copy of the project, a contract edited in it, and the next run
// deploys the new bytecode (and says the tree had uncommitted changes). The copy shares node_modules by symlinks,
// except the Solidity library, which is copied so forge's cache sees the same source paths and only the edit
// recompiles (about 15 s with the WebAssembly compiler).

const copy = mkdtempSync(join(tmpdir(), "imo-edit-"));
const scenario = join(copy, "tiny.yaml");
const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=imo-sim test", "-c", "user.email=test@imo-sim.invalid", ...args], { cwd: copy, stdio: ["ignore", "pipe", "pipe"] }).toString();
const bin = join(copy, "bin", "imo-sim.mjs");
const metaOf = (run: string) => JSON.parse(readFileSync(join(copy, "reports", run, "metadata.json"), "utf8")) as { contractCode: Record<string, string>; gitDirty: boolean; gitChanges: string[] };
const listGas = (run: string) =>
  readFileSync(join(copy, "reports", run, "transactions.csv"), "utf8")
    .split("\n")
    .filter((line) => line.includes(",RoyaltyMarket,list,success,"))
    .map((line) => line.split(",")[9]);
const artifactHash = (root: string) =>
  createHash("sha256")
    .update((JSON.parse(readFileSync(join(root, "out", "RoyaltyMarket.sol", "RoyaltyMarket.json"), "utf8")) as { bytecode: { object: string } }).bytecode.object)
    .digest("hex");

let a: CliResult;
let b: CliResult;
let c: CliResult;

beforeAll(async () => {
  // The project as it is in this tree (committed or not), its compiled artifacts and forge's cache.
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT }).toString().split("\0").filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(ROOT, file), join(copy, file), { preserveTimestamps: true });
  }
  for (const folder of ["out", "cache"]) cpSync(join(ROOT, folder), join(copy, folder), { recursive: true, preserveTimestamps: true });
  mkdirSync(join(copy, "node_modules"));
  for (const entry of readdirSync(join(ROOT, "node_modules"))) {
    if (entry === "@openzeppelin") cpSync(join(ROOT, "node_modules", entry), join(copy, "node_modules", entry), { recursive: true, preserveTimestamps: true });
    else symlinkSync(join(ROOT, "node_modules", entry), join(copy, "node_modules", entry));
  }
  writeFileSync(scenario, TINY_SCENARIO);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "copy");
  // The copy starts built, whatever state this tree's artifacts were left in (a merge or a partial build can
  // leave a source newer than an artifact it did not change): from here on only an edit may cause a compile.
  buildContracts(copy, () => {});

  a = await runCli(["run", scenario, "--out", "reports/a"], { cwd: copy, bin });
  // One branch more in RoyaltyMarket.list: new bytecode, and a list transaction costs a little more gas.
  const source = join(copy, "contracts", "src", "aigc", "RoyaltyMarket.sol");
  const text = readFileSync(source, "utf8");
  const edited = text.replace(/(function list\([^)]*\)[^{]*\{)/, "$1\n        if (tokenId == type(uint256).max) revert();");
  expect(edited).not.toBe(text);
  writeFileSync(source, edited);
  b = await runCli(["run", scenario, "--out", "reports/b"], { cwd: copy, bin });
  c = await runCli(["run", scenario, "--out", "reports/c"], { cwd: copy, bin });
}, 600_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe("a run after a contract was edited", () => {
  it("compiles before running, and only when a source changed", () => {
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).not.toMatch(/compiling/);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toMatch(/imo-sim: contracts\/src\/aigc\/RoyaltyMarket\.sol changed since the last build: compiling the contracts/);
    expect(b.stderr).toMatch(/imo-sim: compiled in [\d.]+ s/);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stderr).not.toMatch(/compiling/);
  });

  it("deploys the new bytecode: the metadata's hash is the new artifact's, and list costs more gas", () => {
    const [ma, mb, mc] = [metaOf("a"), metaOf("b"), metaOf("c")];
    expect(ma.contractCode.RoyaltyMarket).toBe(artifactHash(ROOT));
    expect(mb.contractCode.RoyaltyMarket).toBe(artifactHash(copy));
    expect(mb.contractCode.RoyaltyMarket).not.toBe(ma.contractCode.RoyaltyMarket);
    expect(mc.contractCode).toEqual(mb.contractCode);
    for (const name of Object.keys(ma.contractCode).filter((n) => n !== "RoyaltyMarket")) expect(mb.contractCode[name], name).toBe(ma.contractCode[name]);
    const [gasA, gasB] = [listGas("a"), listGas("b")];
    expect(gasA.length).toBeGreaterThan(0);
    expect(gasB).toHaveLength(gasA.length);
    gasA.forEach((gas, i) => expect(Number(gasB[i])).toBeGreaterThan(Number(gas)));
  });

  it("records that the tree had uncommitted changes, and compare warns about it", async () => {
    expect(metaOf("a").gitDirty).toBe(false);
    expect(metaOf("b").gitDirty).toBe(true);
    expect(metaOf("b").gitChanges).toEqual(["contracts/src/aigc/RoyaltyMarket.sol"]);
    const compared = await runCli(["compare", "reports/a", "reports/b"], { cwd: copy, bin });
    expect(compared.code, compared.stderr).toBe(0);
    expect(compared.stdout).toMatch(/Note: The contracts' bytecode differs: RoyaltyMarket\./);
    expect(compared.stderr).toMatch(/WARNING: B \(reports\/b\) was run from a working tree with uncommitted changes \(contracts\/src\/aigc\/RoyaltyMarket\.sol\)/);
    expect(compared.stderr).not.toMatch(/WARNING: A/);
  });
});
