import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { OutputFolderError } from "./errors.ts";
import { describeFolder } from "./outDir.ts";

/** A file inside a run folder under construction saying which process builds it (removed before it is moved into place). */
export const PARTIAL_MARKER = ".imo-sim-partial";

/** The folder a run is written into before it is moved to `out` in one rename. */
export const partialPathOf = (out: string, pid = process.pid) => `${out}.partial-${pid}`;

/** Folders that createPartialFolder made for a partial folder's parents (removed again if the run is discarded). */
const createdParents = new Map<string, string>();

function systemErrorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = { EACCES: "permission denied", EPERM: "operation not permitted", EROFS: "read-only file system", ENOTDIR: "a part of the path is a file", EEXIST: "a part of the path is a file", ENOSPC: "no space left on the device" };
  return e?.code && reasons[e.code] ? `${reasons[e.code]} (${e.code})` : e instanceof Error ? e.message : String(error);
}

/**
 * Creates `<out>.partial-<pid>` (and `out`'s parent folders if needed) with a marker naming this process.
 * A folder that cannot be created gets an OutputFolderError naming it, before anything runs.
 */
export function createPartialFolder(out: string): string {
  const partial = partialPathOf(out);
  try {
    const first = mkdirSync(dirname(resolve(out)), { recursive: true });
    if (first !== undefined) createdParents.set(partial, first);
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial);
    writeFileSync(`${partial}/${PARTIAL_MARKER}`, `${JSON.stringify({ pid: process.pid, out: resolve(out) })}\n`);
  } catch (cause) {
    discardPartialFolder(partial);
    throw new OutputFolderError(`Cannot write the run folder ${out}: ${systemErrorText(cause)}`, {
      hints: ["Give --out a folder you can write, e.g. --out reports/<name>."],
      cause,
    });
  }
  return partial;
}

/** Removes a partial run folder and any parent folders createPartialFolder made for it that are still empty. */
export function discardPartialFolder(partial: string): void {
  try {
    rmSync(partial, { recursive: true, force: true });
  } catch {
    // nothing was created there (a part of the path is a file)
  }
  const first = createdParents.get(partial);
  createdParents.delete(partial);
  if (first === undefined) return;
  for (let dir = dirname(resolve(partial)); dir.startsWith(first); dir = dirname(dir)) {
    try {
      if (readdirSync(dir).length > 0) break;
      rmdirSync(dir);
    } catch {
      break;
    }
    if (dir === first) break;
  }
}

/**
 * Moves a complete run folder into place. `out` may be missing, empty or a run folder of imo-sim holding
 * nothing else (checked again now: the folder may have changed during the run); anything else is left as it is
 * and the finished run is kept beside it under a name that says so.
 */
export function commitRunFolder(partial: string, out: string): void {
  rmSync(`${partial}/${PARTIAL_MARKER}`, { force: true });
  createdParents.delete(partial);
  if (!existsSync(out)) {
    renameSync(partial, out);
    return;
  }
  const found = describeFolder(out);
  if (found.kind === "missing") {
    renameSync(partial, out);
    return;
  }
  if (found.kind === "empty") {
    rmdirSync(out);
    renameSync(partial, out);
    return;
  }
  if (found.kind !== "run" || found.foreign.length > 0) {
    let kept = `${out}.finished-${process.pid}`;
    for (let n = 2; existsSync(kept); n++) kept = `${out}.finished-${process.pid}-${n}`;
    renameSync(partial, kept);
    throw new OutputFolderError(`${out} changed during the run and now holds files imo-sim did not write: it was left as it is`, {
      details: found.foreign.length > 0 ? `not written by imo-sim: ${found.foreign.slice(0, 10).join(", ")}` : found.reason,
      hints: [`The finished run is in ${kept}.`],
    });
  }
  // Replace the previous run: aside, in, then remove the old one (all of it is imo-sim's own files).
  const old = `${out}.old-${process.pid}`;
  renameSync(out, old);
  try {
    renameSync(partial, out);
  } catch (error) {
    renameSync(old, out);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}
