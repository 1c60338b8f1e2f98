#!/usr/bin/env node
// Gas regression check (`npm run test:gas`, part of `npm test`).
//
// Runs the gas tests (contracts/test/gas, `--isolate`, so each measured call is a transaction of its own)
// through `forge snapshot --check --tolerance`, which compares every test's total gas with the committed
// `.gas-snapshot`. Test totals are dominated by deployments, so the gas tests also record each operation's
// own figure with `vm.snapshotValue` (transfer, claim, requestCallback, step, ...); forge writes those to a
// scratch folder here, and this script compares them with the committed `snapshots/*.json` under the same
// tolerance. Either comparison failing fails the run; so does a gas test failing (their hard targets).
//
//   npm run test:gas                 check (tolerance GAS_TOLERANCE_PCT, default 1 %)
//   npm run gas:snapshot             re-record .gas-snapshot and snapshots/ after an intended change
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareSnapshots } from "./gasSnapshots.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tolerance = Number(process.env.GAS_TOLERANCE_PCT ?? "1");
if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 100) {
  process.stderr.write(`GAS_TOLERANCE_PCT=${process.env.GAS_TOLERANCE_PCT} is not a percentage from 0 to 100\n`);
  process.exit(2);
}
const committedDir = join(root, "snapshots");
const scratch = mkdtempSync(join(tmpdir(), "gas-snapshots-"));

try {
  const forge = spawnSync(
    process.execPath,
    [join(root, "tools/forge.mjs"), "snapshot", "--isolate", "--match-path", "contracts/test/gas/*", "-vv", "--check", "--tolerance", String(tolerance)],
    { cwd: root, stdio: "inherit", env: { ...process.env, FOUNDRY_SNAPSHOTS: scratch, FOUNDRY_GAS_SNAPSHOT_EMIT: "true" } },
  );
  const problems = compareSnapshots(committedDir, scratch, tolerance);
  if (problems.length > 0) {
    process.stderr.write(
      `Per-operation gas differs from snapshots/ beyond ${tolerance} %:\n${problems.map((p) => `  ${p}`).join("\n")}\n` +
        "If the change is intended, re-record with `npm run gas:snapshot` and commit .gas-snapshot and snapshots/.\n",
    );
    process.exit(1);
  }
  if (forge.status !== 0) {
    process.stderr.write(
      "forge snapshot --check failed: a gas test failed or a test's total gas differs from .gas-snapshot beyond the tolerance.\n" +
        "If the change is intended, re-record with `npm run gas:snapshot` and commit .gas-snapshot and snapshots/.\n",
    );
    process.exit(forge.status ?? 1);
  }
  process.stdout.write(`gas: every test total and every per-operation figure within ${tolerance} % of the committed snapshots\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
