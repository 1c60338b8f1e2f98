import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { SweepMergeError } from "./errors.ts";
import { failurePath, manifestPath, readManifest, readOutcome, recordPath, writeJsonAtomic, type SweepManifest } from "./manifest.ts";
import { writeSweepOutputs, type JobOutcome } from "./writeSweepOutputs.ts";

export type MergeSweepsReturnType = { jobs: number; copied: number; failed: string[]; assertionFailed: string[] };

/** The shard count recorded in a folder's shard manifests (shards/shard-<i>-of-<n>.json), if any. */
function shardCountOf(dir: string): number | undefined {
  const shards = join(dir, "shards");
  if (!existsSync(shards)) return undefined;
  for (const entry of readdirSync(shards)) {
    const match = /^shard-\d+-of-(\d+)\.json$/.exec(entry);
    if (match) return Number(match[1]);
  }
  return undefined;
}

/**
 * Merges sweep folders (shards of one sweep, or partial runs of it) into `outDir`: copies every job's run
 * folder (or its failure record) and writes the sweep's outputs exactly as one unsharded run would.
 * Refuses folders of different sweeps (their hashes differ) and names every missing job; then nothing
 * is written. `outDir` may be one of the inputs (shards that shared one folder).
 */
export function mergeSweeps(inputs: readonly string[], outDir: string): MergeSweepsReturnType {
  if (inputs.length === 0) throw new SweepMergeError("merge needs at least one sweep folder", { hints: ["e.g. imo-sim merge shard-0 shard-1 shard-2 --out merged"] });
  const dirs = inputs.map((d) => resolve(d));
  const out = resolve(outDir);
  const manifests: SweepManifest[] = dirs.map((dir, i) => {
    const manifest = readManifest(dir);
    if (!manifest) throw new SweepMergeError(`${inputs[i]} is not a sweep folder (it has no sweep.json)`, { hints: ["Give the --out folders of imo-sim sweep runs (shards)."] });
    return manifest;
  });
  const manifest = manifests[0] as SweepManifest;
  const existing = readManifest(out);
  const all = existing ? [...manifests, existing] : manifests;
  const labels = existing ? [...inputs, `${outDir} (--out)`] : [...inputs];
  if (all.some((m) => m.hash !== manifest.hash)) {
    throw new SweepMergeError("These folders hold different sweeps; only shards of one sweep can be merged", {
      details: `\n${all.map((m, i) => `  ${labels[i]}: ${m.name}, hash ${m.hash.slice(0, 16)}…`).join("\n")}`,
      hints: ["Every shard must run the same sweep file (same parameters, seeds and base scenario)."],
    });
  }
  if (!existing && existsSync(out) && readdirSync(out).length > 0) {
    throw new SweepMergeError(`${outDir} is not empty and holds no sweep`, { hints: ["Give --out a new or empty folder, or one of the shard folders."] });
  }

  // Where each job's outcome is: a completed run wins over a failure record.
  const sources = manifest.jobs.map((job) => {
    const done = dirs.find((dir) => existsSync(recordPath(dir, job.id)));
    if (done) return { kind: "record" as const, dir: done };
    const failed = dirs.find((dir) => existsSync(failurePath(dir, job.id)));
    return failed ? { kind: "failure" as const, dir: failed } : undefined;
  });
  const missing = manifest.jobs.filter((_, i) => sources[i] === undefined);
  if (missing.length > 0) {
    const count = dirs.map(shardCountOf).find((n) => n !== undefined);
    const name = (job: (typeof missing)[number]) => (count === undefined ? job.id : `${job.id} (shard ${job.index % count}/${count})`);
    throw new SweepMergeError(`${missing.length} of ${manifest.jobs.length} jobs are missing; nothing was merged`, {
      details: `\n  ${missing.slice(0, 30).map(name).join("\n  ")}${missing.length > 30 ? `\n  … and ${missing.length - 30} more` : ""}`,
      hints: ["Run the shards that hold them (imo-sim sweep <file> --out <shard folder> --shard i/n resumes where it stopped), then merge again."],
    });
  }

  mkdirSync(join(out, "runs"), { recursive: true });
  let copied = 0;
  manifest.jobs.forEach((job, i) => {
    const source = sources[i];
    if (!source || source.dir === out) return;
    if (source.kind === "record") {
      if (existsSync(recordPath(out, job.id))) return;
      const temporary = join(out, "runs", `.merge-${job.id}-${hostname()}-${process.pid}`);
      rmSync(temporary, { recursive: true, force: true });
      cpSync(join(source.dir, "runs", job.id), temporary, { recursive: true });
      renameSync(temporary, join(out, "runs", job.id));
      rmSync(failurePath(out, job.id), { force: true });
      copied++;
    } else if (!existsSync(recordPath(out, job.id))) {
      writeJsonAtomic(failurePath(out, job.id), JSON.parse(readFileSync(failurePath(source.dir, job.id), "utf8")));
    }
  });
  if (!existing) writeJsonAtomic(manifestPath(out), manifest);
  // A job done in one folder and failed in another is done: drop the stale failure record.
  for (const job of manifest.jobs) if (existsSync(recordPath(out, job.id))) rmSync(failurePath(out, job.id), { force: true });

  const outcomes = manifest.jobs.map((job) => readOutcome(out, job.id) as JobOutcome);
  writeSweepOutputs(out, manifest, outcomes);
  return {
    jobs: manifest.jobs.length,
    copied,
    failed: outcomes.filter((o) => o.status === "failed").map((o) => o.job),
    assertionFailed: outcomes.filter((o) => o.status === "assertion-failed").map((o) => o.job),
  };
}
