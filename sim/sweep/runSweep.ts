import { fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { interrupted, onInterrupt, onInterruptWait } from "../chain/startAnvil.ts";
import { SweepOutputError } from "./errors.ts";
import type { Sweep, SweepJob } from "./loadSweep.ts";
import { failurePath, manifestPath, readManifest, readOutcome, recordPath, toManifest, writeJsonAtomic, type SweepManifest } from "./manifest.ts";
import { partialDirOf, type JobFailure, type JobRecord, type JobSpec } from "./runJob.ts";
import { shardJobs, type Shard } from "./shard.ts";
import { writeSweepOutputs, type JobOutcome } from "./writeSweepOutputs.ts";

export type JobEvent = { job: SweepJob; status: "skipped" | JobOutcome["status"]; seconds: number | undefined; error: string | undefined; done: number; total: number };

export type RunSweepParameters = {
  sweep: Sweep;
  outDir: string;
  /** Jobs run at once, each in its own process with its own anvil. */
  parallel: number;
  /** Only this slice of the jobs (round-robin by job index); the sweep's outputs are then written by `merge`. */
  shard?: Shard | undefined;
  onJob?: ((event: JobEvent) => void) | undefined;
  /** Called when a job's process has started: the job, the number of jobs this call runs (all, or the shard's), the process id. */
  onJobStart?: ((job: SweepJob, total: number, pid: number | undefined) => void) | undefined;
};

export type RunSweepReturnType = {
  /** Jobs this call was responsible for (all, or the shard's). */
  jobs: number;
  /** Job ids run now, skipped (complete from an earlier run), failed, and complete with a failed assertion; each in job order. */
  ran: string[];
  skipped: string[];
  failed: string[];
  assertionFailed: string[];
  /** True when the sweep's outputs (results.csv, summary, report) were written: an unsharded run. */
  wroteOutputs: boolean;
  wallSeconds: number;
};

const WORKER = fileURLToPath(new URL("./jobWorker.mjs", import.meta.url));

/**
 * Runs a sweep's jobs (or one shard of them) into `outDir`, `parallel` at a time, each in its own process
 * with its own anvil. Jobs whose folder is complete are skipped, so a rerun resumes; a failed job is
 * recorded in failures/<job>.json and the others go on. An unsharded run then writes the sweep's outputs;
 * a shard writes shards/shard-<i>-of-<n>.json.
 */
export async function runSweep({ sweep, outDir, parallel, shard, onJob, onJobStart }: RunSweepParameters): Promise<RunSweepReturnType> {
  const started = performance.now();
  const out = resolve(outDir);
  const manifest = prepareOutDir(out, sweep);
  const runsDir = join(out, "runs");
  const mine = shardJobs(sweep.jobs, shard);
  const result: RunSweepReturnType = { jobs: mine.length, ran: [], skipped: [], failed: [], assertionFailed: [], wroteOutputs: false, wallSeconds: 0 };
  const timing: Record<string, number> = {};

  const queue: SweepJob[] = [];
  let done = 0;
  for (const job of mine) {
    if (existsSync(recordPath(out, job.id))) {
      result.skipped.push(job.id);
      onJob?.({ job, status: "skipped", seconds: undefined, error: undefined, done: ++done, total: mine.length });
    } else queue.push(job);
    // A job's leftovers from an interrupted run (never another shard's: jobs are disjoint).
    rmPartials(runsDir, job.id);
  }

  const children = new Set<ChildProcess>();
  const forgetKill = onInterrupt(() => {
    for (const child of children) child.kill("SIGTERM");
  });
  const forgetWait = onInterruptWait(() => Promise.all([...children].map((child) => (child.exitCode !== null || child.signalCode !== null ? undefined : new Promise((r) => child.once("exit", r))))).then(() => undefined));
  try {
    const runOne = async (job: SweepJob) => {
      const jobStarted = performance.now();
      const spec: JobSpec = { job: job.id, point: job.point, seed: job.seed, sweepHash: sweep.hash, scenario: sweep.scenarioOf(job), scenarioFile: sweep.file, runsDir };
      const outcome = await runInChild(spec, children, out, (pid) => onJobStart?.(job, mine.length, pid));
      if (interrupted()) return; // an interrupted job is not a failed one: it reruns next time
      const seconds = (performance.now() - jobStarted) / 1000;
      timing[job.id] = Math.round(seconds * 10) / 10;
      result.ran.push(job.id);
      if (outcome.status === "failed") {
        writeJsonAtomic(failurePath(out, job.id), outcome);
        result.failed.push(job.id);
      } else {
        rmSync(failurePath(out, job.id), { force: true });
        if (outcome.status === "assertion-failed") result.assertionFailed.push(job.id);
      }
      onJob?.({ job, status: outcome.status, seconds, error: outcome.status === "failed" ? outcome.error : undefined, done: ++done, total: mine.length });
    };
    let next = 0;
    const lanes = Array.from({ length: Math.max(1, Math.min(parallel, queue.length)) }, async () => {
      // Once interrupted, no new job starts: the handler is stopping the running ones.
      while (next < queue.length && !interrupted()) await runOne(queue[next++] as SweepJob);
    });
    await Promise.all(lanes);
  } finally {
    forgetKill();
    forgetWait();
  }
  for (const job of mine) {
    const outcome = readOutcome(out, job.id);
    if (outcome?.status === "failed" && !result.failed.includes(job.id)) result.failed.push(job.id);
    if (outcome?.status === "assertion-failed" && !result.assertionFailed.includes(job.id)) result.assertionFailed.push(job.id);
  }
  // Parallel jobs finish in any order: the lists are returned in job order, the same on every run.
  const position = new Map(mine.map((job, index) => [job.id, index]));
  for (const ids of [result.ran, result.skipped, result.failed, result.assertionFailed]) ids.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0));
  result.wallSeconds = (performance.now() - started) / 1000;

  if (shard === undefined) {
    writeSweepOutputs(out, manifest, sweep.jobs.map((job) => readOutcome(out, job.id) as JobOutcome));
    writeJsonAtomic(join(out, "timing.json"), { note: "Wall-clock seconds of this invocation; not part of the compared outputs.", parallel, wallSeconds: Math.round(result.wallSeconds * 10) / 10, jobsRun: timing });
    result.wroteOutputs = true;
  } else {
    writeJsonAtomic(join(out, "shards", `shard-${shard.index}-of-${shard.count}.json`), {
      sweep: sweep.name,
      sweepHash: sweep.hash,
      shard: `${shard.index}/${shard.count}`,
      jobs: mine.map((j) => j.id),
      failed: mine.filter((j) => readOutcome(out, j.id)?.status === "failed").map((j) => j.id),
    });
  }
  return result;
}

/** Creates the output folder with its sweep.json, or checks that an existing one holds this very sweep. */
function prepareOutDir(out: string, sweep: Sweep): SweepManifest {
  const existing = readManifest(out);
  if (existing && existing.hash !== sweep.hash) {
    throw new SweepOutputError(`${out} holds another sweep (${existing.name}, hash ${existing.hash.slice(0, 12)}…; this one is ${sweep.hash.slice(0, 12)}…)`, {
      hints: ["A sweep folder resumes only the sweep that made it: pick another --out, or remove the folder to start over."],
    });
  }
  // Shards sharing one folder may find each other's runs/ before sweep.json: only foreign files refuse.
  const foreign = existsSync(out) ? readdirSync(out).filter((e) => !/^(sweep\.json.*|runs|failures|shards)$/.test(e)) : [];
  if (!existing && foreign.length > 0) {
    throw new SweepOutputError(`${out} is not empty and holds no sweep`, { hints: ["Give --out a new or empty folder."] });
  }
  const manifest = toManifest(sweep);
  mkdirSync(join(out, "runs"), { recursive: true });
  if (!existing) writeJsonAtomic(manifestPath(out), manifest);
  return manifest;
}

function rmPartials(runsDir: string, job: string): void {
  const partial = partialDirOf(runsDir, job);
  rmSync(partial, { recursive: true, force: true });
  const parent = join(runsDir, ".partial");
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) if (entry.startsWith(`${job}.partial-`)) rmSync(join(parent, entry), { recursive: true, force: true });
}

/** Runs a job in a child process (jobWorker.mjs) and returns its outcome; a crash is a failure too. */
function runInChild(spec: JobSpec, children: Set<ChildProcess>, out: string, onSpawn: (pid: number | undefined) => void): Promise<JobRecord | JobFailure> {
  const failure = (error: string): JobFailure => ({ job: spec.job, point: spec.point, seed: spec.seed, sweepHash: spec.sweepHash, status: "failed", error: error.split(out).join("<out>") });
  return new Promise((resolvePromise) => {
    const child = fork(WORKER, [], { execArgv: [], stdio: ["ignore", "ignore", "pipe", "ipc"] });
    children.add(child);
    let stderr = "";
    let answer: { ok: true; record: JobRecord } | { ok: false; error: string } | undefined;
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    child.on("message", (message) => {
      answer = message as typeof answer;
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (answer?.ok) resolvePromise(answer.record);
      else if (answer) resolvePromise(failure(answer.error));
      else resolvePromise(failure(`the job's process ended (${signal ?? `exit code ${code}`}) without an answer${stderr.trim() ? `: ${stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`));
    });
    child.send(spec);
    onSpawn(child.pid);
  });
}
