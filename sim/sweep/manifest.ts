import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { SweepOutputError } from "./errors.ts";
import type { Sweep } from "./loadSweep.ts";
import type { JobFailure, JobRecord } from "./runJob.ts";

/** What `<out>/sweep.json` holds: the resolved sweep without paths, enough to merge and report without the sweep file. */
export type SweepManifest = Pick<Sweep, "name" | "description" | "mode" | "hash" | "parameters" | "seeds" | "points" | "jobs">;

export function toManifest(sweep: Sweep): SweepManifest {
  return { name: sweep.name, description: sweep.description, mode: sweep.mode, hash: sweep.hash, parameters: sweep.parameters, seeds: sweep.seeds, points: sweep.points, jobs: sweep.jobs };
}

/** Writes a file by a rename, so a reader (or a shard writing the same file) never sees half of it. */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${hostname()}-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

export const writeJsonAtomic = (path: string, value: unknown) => writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);

export const manifestPath = (dir: string) => join(dir, "sweep.json");
export const recordPath = (dir: string, job: string) => join(dir, "runs", job, "job.json");
export const failurePath = (dir: string, job: string) => join(dir, "failures", `${job}.json`);

/** The sweep manifest of a sweep folder, or undefined if the folder holds none. */
export function readManifest(dir: string): SweepManifest | undefined {
  const path = manifestPath(dir);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as SweepManifest;
  } catch (cause) {
    throw new SweepOutputError(`${path} is not a sweep manifest`, { cause, hints: ["It is written by imo-sim sweep; remove the folder or pick another --out."] });
  }
}

/** A job's outcome as found in a sweep folder: its record, its failure, or undefined if it has neither. */
export function readOutcome(dir: string, job: string): JobRecord | JobFailure | undefined {
  const record = recordPath(dir, job);
  if (existsSync(record)) return JSON.parse(readFileSync(record, "utf8")) as JobRecord;
  const failure = failurePath(dir, job);
  if (existsSync(failure)) return JSON.parse(readFileSync(failure, "utf8")) as JobFailure;
  return undefined;
}
