import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { anvilBinary } from "../chain/anvilBinary.ts";
import { cleanOrphanAnvils, registerAnvil } from "../chain/anvilGuard.ts";
import { freePort } from "../chain/freePort.ts";
import { runAnvilSettings } from "../chain/startAnvil.ts";
import { anvilChildrenOf, processAlive, runCli, spawnCli, TINY_SCENARIO, waitFor } from "../testing/runCli.ts";

/** Anvils a run starts: the one it runs on and, when that one is a fork of an empty anvil (chain/startAnvil.ts), the empty one. */
const ANVILS_PER_RUN = runAnvilSettings().forkEmpty ? 2 : 1;

/**
 * The baseline scenario run for 400 epochs: long enough to interrupt (its 40 epochs now run in about 5 s, and an
 * interrupt meant for the epoch loop could land after it).
 */
function longScenario(): string {
  const file = join(tempDir("imo-sim-long-"), "long.yaml");
  writeFileSync(file, readFileSync("scenarios/baseline.yaml", "utf8").replace(/^epochs: 40$/m, "epochs: 400"));
  return file;
}

/** Starts `imo-sim run` on the long scenario and waits until its anvils run and its partial folder exists. */
async function startLongRun(out: string) {
  const child = spawnCli(["run", longScenario(), "--out", out]);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const pid = child.pid as number;
  const partial = `${out}.partial-${pid}`;
  // Running: its partial folder exists and its anvil is up; then a moment for the deployment and the first epochs.
  expect(await waitFor(() => existsSync(partial) && anvilChildrenOf(pid).length >= ANVILS_PER_RUN, 90_000), stderr).toBe(true);
  await new Promise((r) => setTimeout(r, 1_500));
  const anvils = anvilChildrenOf(pid);
  started.push(...anvils);
  return { child, pid, partial, exit, anvils, stderr: () => stderr };
}

/** Anvils the tests' runs started (none may outlive the tests, even when one fails), and their folders. */
const started: number[] = [];
const folders: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const pid of started) if (processAlive(pid)) process.kill(pid, "SIGKILL");
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === "linux")("an interrupted run", () => {
  it("on Ctrl-C: stops anvil, removes the unfinished folder, says what it kept and removed, exits 130", async () => {
    const dir = tempDir("imo-sim-int-");
    const run = await startLongRun(join(dir, "run"));
    run.child.kill("SIGINT");
    const { code } = await run.exit;
    expect(code).toBe(130);
    expect(run.stderr()).toMatch(/imo-sim: interrupted \(SIGINT\) at epoch \d+ of 400: anvil stopped; removed the unfinished run folder .*run\.partial-\d+; .*run was not created\n/);
    expect(readdirSync(dir)).toEqual([]);
    expect(await waitFor(() => !run.anvils.some(processAlive), 5_000)).toBe(true);
  }, 120_000);

  it("on SIGKILL: anvil dies with the CLI, and the next run removes the folder the killed one left", async () => {
    const dir = tempDir("imo-sim-kill-");
    const out = join(dir, "run");
    const run = await startLongRun(out);
    expect(run.anvils).toHaveLength(ANVILS_PER_RUN);
    run.child.kill("SIGKILL");
    expect((await run.exit).signal).toBe("SIGKILL");
    // The kernel kills both anvils when their parent dies (setpriv --pdeathsig); nothing else is left to do it.
    expect(await waitFor(() => !run.anvils.some(processAlive), 5_000), `anvil ${run.anvils.join(", ")} outlived the CLI`).toBe(true);
    expect(existsSync(run.partial)).toBe(true);

    const scenario = join(dir, "tiny.yaml");
    writeFileSync(scenario, TINY_SCENARIO);
    const next = await runCli(["run", scenario, "--out", out]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`imo-sim: removed ${run.partial}: the unfinished run folder of a run that was killed (pid ${run.pid})`);
    expect(readdirSync(dir).sort()).toEqual(["run", "tiny.yaml"]);
  }, 180_000);

  it("a sweep on Ctrl-C: says which jobs it kept, removed and did not start, keeps the finished ones, exits 130", async () => {
    const dir = tempDir("imo-sim-sweep-int-");
    writeFileSync(join(dir, "base.yaml"), TINY_SCENARIO);
    writeFileSync(join(dir, "sweep.yaml"), "base: base.yaml\nepochs: 3\nparameters:\n  oracle.challengeWindow: [1800, 3600, 7200]\nseeds: 1\n");
    const out = join(dir, "out");
    const child = spawnCli(["sweep", join(dir, "sweep.yaml"), "--out", out, "--parallel", "1"]);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    expect(await waitFor(() => /\[1\/3\] p000-s1 ok/.test(stderr), 120_000), stderr).toBe(true);
    child.kill("SIGINT");
    expect(await exit).toBe(130);
    expect(stderr).toMatch(/imo-sim: interrupted \(SIGINT\): stopped [01] running job\(s\) and their anvils and removed their unfinished folders( \(p001-s1\))?; kept 1 finished job\(s\) in .*out\/runs; [12] not started\. Rerun the same command to resume\.\n/);
    expect(readdirSync(join(out, "runs")).filter((e) => e !== ".partial")).toEqual(["p000-s1"]);
    if (existsSync(join(out, "runs", ".partial"))) expect(readdirSync(join(out, "runs", ".partial"))).toEqual([]);
    expect(existsSync(join(out, "results.csv"))).toBe(false);
  }, 180_000);

  it("stops an anvil whose imo-sim was killed where no parent-death signal exists, and nothing else", async () => {
    // An anvil started without the guard, registered by an owner that is gone, as on a machine without setpriv.
    const port = await freePort();
    const orphan = spawn(anvilBinary(), ["--port", String(port), "--host", "127.0.0.1"], { stdio: "ignore", detached: true });
    const decoy = spawn("sleep", ["60"], { stdio: "ignore", detached: true });
    const gone = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => gone.on("exit", resolve));
    try {
      expect(await waitFor(() => processAlive(orphan.pid as number), 5_000)).toBe(true);
      const forgetOrphan = registerAnvil(orphan.pid, port);
      const forgetDecoy = registerAnvil(decoy.pid, port); // a pid that is not that anvil: never signalled
      // Re-own both entries by the finished process, as a killed imo-sim leaves them.
      for (const pid of [orphan.pid, decoy.pid]) {
        const file = join(tmpdir(), `imo-sim-anvils-${process.getuid?.() ?? "user"}`, `${pid}.json`);
        writeFileSync(file, JSON.stringify({ anvilPid: pid, ownerPid: gone.pid, port }));
      }
      const notes = cleanOrphanAnvils();
      expect(notes).toEqual([`stopped an orphaned anvil (pid ${orphan.pid}, port ${port}) left by a killed imo-sim (pid ${gone.pid})`]);
      expect(await waitFor(() => !processAlive(orphan.pid as number), 5_000)).toBe(true);
      expect(processAlive(decoy.pid as number)).toBe(true);
      expect(cleanOrphanAnvils()).toEqual([]);
      forgetOrphan();
      forgetDecoy();
    } finally {
      for (const p of [orphan, decoy]) if (p.pid && processAlive(p.pid)) process.kill(p.pid, "SIGKILL");
    }
  }, 60_000);
});
