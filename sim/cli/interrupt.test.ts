import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The anvil processes started by `pid`. */
function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number)
    .filter((child) => {
      try {
        return readFileSync(`/proc/${child}/comm`, "utf8").trim() === "anvil";
      } catch {
        return false;
      }
    });
}

const alive = (pid: number) => existsSync(`/proc/${pid}`);

describe.runIf(process.platform === "linux")("imo-sim run on Ctrl-C", () => {
  it("stops anvil, leaves no run folder behind and exits 130", async () => {
    const dir = mkdtempSync(join(tmpdir(), "imo-sim-int-"));
    const child = spawn(process.execPath, ["bin/imo-sim.mjs", "run", "scenarios/baseline.yaml", "--out", join(dir, "run")], { stdio: "ignore" });
    const pid = child.pid as number;
    // Wait until anvil runs and the partial run folder exists.
    const started = Date.now();
    while (readdirSync(dir).length === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500));
    const children = childrenOf(pid);
    expect(readdirSync(dir)).toHaveLength(1);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    expect(await exit).toBe(130);
    expect(readdirSync(dir)).toEqual([]);
    const deadline = Date.now() + 5_000;
    while (children.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(children.length).toBeGreaterThan(0);
    expect(children.filter(alive)).toEqual([]);
  }, 90_000);
});
