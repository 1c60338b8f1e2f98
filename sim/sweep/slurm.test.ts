import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { compareFolders } from "./compareFolders.ts";
import { SWEEP_OUTPUT_FILES } from "./writeSweepOutputs.ts";

/**
 * The README's Slurm example on a real single-node Slurm (Debian's slurm-wlm): tools/slurm/cluster.sh
 * stands the cluster up, tools/slurm/sweep-array.sh (the script the README shows, checked to be the same
 * text) submits a 3-task array and a merge that waits for it (afterany), and the merged sweep must be
 * byte-identical to an unsharded run of the same sweep. Needs root and slurm-wlm: under CI (CI=true)
 * their absence fails the test (.ci/run installs slurm-wlm as root); elsewhere the test says how to
 * enable it and skips. The cluster is stopped afterwards unless it was already up before the test.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");
const CLUSTER = join(ROOT, "tools/slurm/cluster.sh");
const ARRAY_SCRIPT = "tools/slurm/sweep-array.sh";
const HOW = "as root, install Debian's Slurm (`apt-get install -y slurm-wlm`) and run `npx vitest run sim/sweep/slurm.test.ts`";
const run = promisify(execFile);

/**
 * The tiny sweep: 2 points × 2 seeds. The second point has no challenger, so the always-lying submitter's
 * wrong results finalize and both its jobs fail the scenario assertion maxWrongFinalized: 0 (exit 1).
 */
const SWEEP = `description: Slurm test sweep
base:
  scenario:
    epoch: { seconds: 3600, blocks: 2 }
    token: { snapshotIntervalEpochs: 1 }
    raise: { target: "10", windowEpochs: 1 }
    investors: { count: 3, meanDeposit: "5" }
    holders: { claimEverySnapshot: 2, claimLate: 0, neverClaim: 1 }
    demand: { users: 2, meanRequestsPerEpoch: 3, nftMintProbability: 0 }
    submitters: { honest: 1, malicious: 1, wrongProbability: 1 }
    challengers: { honest: 1 }
    oracle: { challengeWindow: 1800, responseDeadline: 600 }
    assertions: { maxWrongFinalized: 0 }
epochs: 5
parameters:
  challengers.honest: [1, 0]
seeds: [1, 2]
`;

const PATH = [dirname(process.execPath), process.env.PATH ?? "/usr/bin:/bin", "/usr/sbin", "/sbin"].join(":");

/** Why Slurm cannot run here, or undefined when it can. */
function whyNotRunnable(): string | undefined {
  if (process.getuid?.() !== 0) return "this is not root";
  const found = spawnSync("bash", ["-c", "for b in munged mungekey slurmctld slurmd sbatch scontrol; do command -v $b >/dev/null || echo $b; done"], { env: { PATH }, encoding: "utf8" });
  const missing = found.stdout.trim().split("\n").filter(Boolean);
  return missing.length > 0 ? `not installed: ${missing.join(", ")}` : undefined;
}

/** tools/slurm/cluster.sh <command>; throws with its output when it fails. */
function cluster(command: "up" | "down" | "status"): { code: number; output: string } {
  const result = spawnSync(CLUSTER, [command], { env: { PATH, TMPDIR: tmpdir() }, encoding: "utf8" });
  const output = `${result.stdout}${result.stderr}`;
  if (command !== "status" && result.status !== 0) throw new Error(`tools/slurm/cluster.sh ${command} exited ${result.status}:\n${output}`);
  return { code: result.status ?? -1, output };
}

/** One line per job (one per array task once the array has started) of `scontrol show job -o`. */
type JobLine = { task: string; state: string; exitCode: string; reason: string };

function showJob(id: string, env: NodeJS.ProcessEnv): JobLine[] {
  const text = execFileSync("scontrol", ["show", "job", "-o", id], { env, encoding: "utf8" });
  const field = (line: string, key: string) => new RegExp(`(?:^| )${key}=(\\S*)`).exec(line)?.[1] ?? "";
  return text
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => ({ task: field(line, "ArrayTaskId"), state: field(line, "JobState"), exitCode: field(line, "ExitCode"), reason: field(line, "Reason") }));
}

const FINISHED = new Set(["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "PREEMPTED", "BOOT_FAIL", "DEADLINE"]);

describe("the README's Slurm example", () => {
  it("shows tools/slurm/sweep-array.sh as it is", () => {
    const script = readFileSync(join(ROOT, ARRAY_SCRIPT), "utf8");
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(readme.includes("```bash\n" + script + "```\n"), "README.md's Slurm code block differs from tools/slurm/sweep-array.sh: paste the script into it").toBe(true);
  });

  describe("on a real single-node Slurm", () => {
    const why = whyNotRunnable();
    let root = "";
    let startedCluster = false;
    let jobIds: string[] = [];
    let env: NodeJS.ProcessEnv = {};
    const stopUnsharded = new AbortController();

    afterAll(() => {
      try {
        // A test that failed half-way leaves no jobs or runs behind, and no cluster it started.
        stopUnsharded.abort();
        if (jobIds.length > 0 && startedCluster === false && cluster("status").code === 0) spawnSync("scancel", jobIds, { env });
        if (startedCluster) cluster("down");
      } finally {
        if (root) rmSync(root, { recursive: true, force: true });
      }
    }, 120_000);

    it("runs the array and the dependent merge, and the merged sweep is byte-identical to an unsharded one", async (context) => {
      if (why !== undefined) {
        // Under CI a missing engine is a failure; on a user's machine the test says how to enable it.
        if (process.env.CI === "true") throw new Error(`Slurm cannot run here (${why}) and CI=true needs it: ${HOW} (.ci/run installs it when it runs as root).`);
        console.warn(`Slurm sweep test not run (${why}); to run it: ${HOW}`);
        context.skip();
      }
      if (!existsSync(join(ROOT, "out", "OpmlOracle.sol"))) execFileSync(process.execPath, ["tools/forge.mjs", "build", "--quiet"], { cwd: ROOT, stdio: "inherit" });

      root = mkdtempSync(join(tmpdir(), "imo-slurm-"));
      const sweepFile = join(root, "slurm-sweep.yaml");
      writeFileSync(sweepFile, SWEEP);
      const shards = join(root, "shards");
      const merged = join(root, "merged");
      const whole = join(root, "whole");

      if (cluster("status").code !== 0) {
        cluster("up");
        startedCluster = true;
      }
      const conf = /SLURM_CONF=(\S+)/.exec(cluster("status").output)?.[1];
      expect(conf, "cluster.sh status names its SLURM_CONF").toBeDefined();
      // What a user's shell would hold: no test runner variables reach the jobs (sbatch passes the environment on).
      env = { PATH, HOME: process.env.HOME ?? root, SLURM_CONF: conf, IMO_SWEEP: sweepFile, IMO_SHARDS: shards, IMO_MERGED: merged };

      // The unsharded run, on this machine beside the cluster, from the same sweep file.
      const unsharded = run(process.execPath, ["bin/imo-sim.mjs", "sweep", sweepFile, "--out", whole, "--parallel", "2"], { cwd: ROOT, env, signal: stopUnsharded.signal }).then(
        () => 0,
        (error: { code?: number }) => error.code ?? -1,
      );

      const submitted = await run("bash", [ARRAY_SCRIPT], { cwd: ROOT, env });
      const ids = /array job (\d+), merge job (\d+)/.exec(submitted.stdout);
      expect(ids, `sweep-array.sh printed: ${submitted.stdout}${submitted.stderr}`).not.toBeNull();
      const [arrayId, mergeId] = [ids?.[1] as string, ids?.[2] as string];
      jobIds = [arrayId, mergeId];

      const logs = () =>
        readdirSync(shards)
          .filter((f) => f.endsWith(".log"))
          .sort()
          .map((f) => `--- ${f}\n${readFileSync(join(shards, f), "utf8").slice(-2000)}`)
          .join("\n");
      let array: JobLine[] = [];
      let merge: JobLine[] = [];
      const deadline = Date.now() + 300_000;
      for (;;) {
        array = showJob(arrayId, env);
        merge = showJob(mergeId, env);
        const all = [...array, ...merge];
        if (array.length === 3 && all.every((j) => FINISHED.has(j.state))) break;
        if (merge.some((j) => j.reason === "DependencyNeverSatisfied")) throw new Error(`the merge will never run: ${JSON.stringify(merge)}\n${logs()}`);
        if (Date.now() > deadline) throw new Error(`Slurm jobs not finished after 300 s: ${JSON.stringify(all)}\n${logs()}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      jobIds = [];

      // Shards 0 and 2 each hold a job with a failed assertion (p001-s2 and p001-s1) and exit 1; shard 1 holds
      // only p000-s2. The merge runs anyway (afterany) and exits 1 because the sweep has failed assertions.
      const byTask = Object.fromEntries(array.map((j) => [j.task, `${j.state} ${j.exitCode}`]));
      expect(byTask, logs()).toEqual({ "0": "FAILED 1:0", "1": "COMPLETED 0:0", "2": "FAILED 1:0" });
      expect(merge.map((j) => `${j.state} ${j.exitCode}`), logs()).toEqual(["FAILED 1:0"]);
      expect(readFileSync(join(shards, `imo-sweep-merge-${mergeId}.log`), "utf8")).toMatch(/merged 4 jobs /);
      expect(await unsharded).toBe(1);

      for (const name of SWEEP_OUTPUT_FILES) expect(readFileSync(join(merged, name)).equals(readFileSync(join(whole, name))), name).toBe(true);
      const statuses = readFileSync(join(merged, "results.csv"), "utf8").trim().split("\n").slice(1).map((row) => row.split(",").slice(0, 1).concat(row.split(",").slice(-3, -1)).join(" "));
      expect(statuses).toEqual(["p000-s1 ok ", "p000-s2 ok ", "p001-s1 assertion-failed maxWrongFinalized", "p001-s2 assertion-failed maxWrongFinalized"]);
      // Every run folder too: the whole merged folder has the same bytes as the unsharded one.
      const comparison = await compareFolders(whole, merged);
      expect(comparison.files.filter((f) => f.status !== "same")).toEqual([]);
      expect(comparison.identical).toBe(true);
    }, 420_000);
  });
});
