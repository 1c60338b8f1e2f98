import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { REPORT_FILES, USAGE_REPORT_FILES } from "../report/reportFiles.ts";
import { OutputFolderError } from "./errors.ts";
import { FEATURE_TABLE_FILES, RUN_TABLE_FILES } from "./runFiles.ts";

const ROOT = join(fileURLToPath(new URL(".", import.meta.url)), "../..");
const TOOL_NAME = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string }).name;
/** Kernel file systems: writing there is never what a user meant (and may hang). */
const SYSTEM_ROOTS = ["/proc", "/sys", "/dev"];
const PARTIAL_MARKER = ".imo-sim-partial";

/** What a folder holds, as far as replacing it goes. */
export type FolderDescription =
  | { kind: "missing" }
  | { kind: "empty" }
  /** A run folder of imo-sim: its metadata.json is ours; `foreign` lists entries imo-sim does not write. */
  | { kind: "run"; scenarioFile: string | null; seed: number | undefined; foreign: string[]; reason?: undefined }
  | { kind: "sweep"; foreign: string[]; reason: string }
  | { kind: "other"; foreign: string[]; reason: string };

/** Entries of a run folder that imo-sim did not write (report/ is checked file by file). */
function foreignEntries(dir: string): string[] {
  const known = new Set([...RUN_TABLE_FILES, ...FEATURE_TABLE_FILES, "metadata.json", "report"]);
  const foreign: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!known.has(entry.name)) foreign.push(entry.name);
    else if (entry.name === "report") {
      if (!entry.isDirectory()) foreign.push("report");
      else for (const file of readdirSync(join(dir, "report"))) if (![...REPORT_FILES, ...USAGE_REPORT_FILES].includes(file as never)) foreign.push(`report/${file}`);
    } else if (entry.isDirectory()) foreign.push(`${entry.name}/`);
  }
  return foreign.sort();
}

/** Describes a folder: missing, empty, a run folder of imo-sim (and what else it holds), a sweep, or something else. */
export function describeFolder(dir: string): FolderDescription {
  if (!existsSync(dir)) return { kind: "missing" };
  const entries = readdirSync(dir);
  if (entries.length === 0) return { kind: "empty" };
  if (entries.includes("sweep.json")) return { kind: "sweep", foreign: entries, reason: "it holds a sweep (sweep.json)" };
  if (entries.includes("job.json")) return { kind: "other", foreign: entries, reason: "it is a job folder of a sweep (job.json)" };
  if (entries.includes("metadata.json")) {
    try {
      const meta = JSON.parse(readFileSync(join(dir, "metadata.json"), "utf8")) as { tool?: { name?: string }; scenarioHash?: unknown; scenarioFile?: string | null; seed?: number };
      if (meta.tool?.name === TOOL_NAME && typeof meta.scenarioHash === "string") {
        return { kind: "run", scenarioFile: meta.scenarioFile ?? null, seed: meta.seed, foreign: foreignEntries(dir) };
      }
    } catch {
      // not ours: falls through
    }
    return { kind: "other", foreign: entries, reason: "its metadata.json was not written by imo-sim" };
  }
  return { kind: "other", foreign: entries, reason: "it is not empty and holds no run of imo-sim (no metadata.json)" };
}

/** The nearest folder of `path` that exists (the path itself if it does). */
function nearestExisting(path: string): string {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const inside = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);

/**
 * Checks every output path (`run --out`, `sweep --out`, `merge --out`, `schema --out`) before anything runs: not
 * empty, not in a kernel file system, not a link, a folder where one is needed, under a folder that can be
 * written, and (for `run`) not the working directory or a folder above it. Returns the absolute path.
 */
export type CheckOutputPathOptions = {
  /** "refused" (run --out: the folder is replaced as a whole) or "allowed" (sweep and merge write inside it). */
  workingDirectory?: "refused" | "allowed" | undefined;
  cwd?: string | undefined;
};

export function checkOutputPath(arg: string, flag = "--out", { workingDirectory = "refused", cwd = process.cwd() }: CheckOutputPathOptions = {}): string {
  const example = `e.g. ${flag} reports/my-run`;
  if (arg.trim() === "") throw new OutputFolderError(`${flag} is empty`, { hints: [`Give ${flag} a folder path, ${example}.`] });
  const out = resolve(cwd, arg);
  const existing = nearestExisting(out);
  const real = join(realpathSync(existing), relative(existing, out));
  const system = SYSTEM_ROOTS.find((root) => inside(real, root));
  if (system) throw new OutputFolderError(`${flag} ${arg} is inside ${system}, a kernel file system, not a folder on disk`, { hints: [`Give ${flag} a folder on disk, ${example}.`] });
  const realCwd = realpathSync(cwd);
  if (workingDirectory === "refused" && inside(realCwd, real)) {
    throw new OutputFolderError(`${flag} ${arg} is ${real === realCwd ? "the working directory" : "a folder that contains the working directory"}`, {
      hints: [`imo-sim replaces its output folder as a whole, so it cannot be the folder you work in: give a new folder, ${example}.`],
    });
  }
  if (existing === out) {
    const stat = lstatSync(out);
    if (stat.isSymbolicLink()) throw new OutputFolderError(`${flag} ${arg} is a symbolic link`, { hints: [`Give ${flag} the folder itself (${realpathSync(out)}), or a new folder.`] });
    if (!stat.isDirectory()) throw new OutputFolderError(`${flag} ${arg} is a file, not a folder`, { hints: [`imo-sim writes a folder there and never replaces a file: give a new folder, ${example}.`] });
  } else if (!lstatSync(existing).isDirectory()) {
    throw new OutputFolderError(`${flag} ${arg} cannot be created: ${existing} is a file`, { hints: [`Give ${flag} a path under a folder, ${example}.`] });
  }
  const writable = existing === out ? dirname(out) : existing;
  try {
    accessSync(nearestExisting(writable), constants.W_OK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new OutputFolderError(`${flag} ${arg} cannot be written: ${nearestExisting(writable)} is ${code === "EROFS" ? "on a read-only file system" : "not writable"} (${code ?? "?"})`, {
      hints: [`Give ${flag} a folder you can write, ${example}.`],
      cause,
    });
  }
  return out;
}

export type RunOutDir = {
  /** Absolute path of the run folder. */
  out: string;
  /** What is there now: nothing, an empty folder, or a previous run that this run will replace. */
  state: "missing" | "empty" | "previous-run";
  /** What the checks found and did (stale folders removed or left), to print. */
  notes: string[];
};

export type CheckRunOutDirParameters = {
  /** Replace a previous run folder even if it holds a run of another scenario file. */
  force: boolean;
  /** The scenario file of this run (a previous run of the same file is replaced without --force). */
  scenarioFile: string;
  cwd?: string | undefined;
};

/**
 * Decides, before anything runs, whether `run --out` may be written: a missing folder, an empty one, or a run
 * folder that imo-sim wrote and that holds nothing else. A previous run of another scenario file needs --force;
 * anything else (a file, a sweep, a folder with other files, the working directory) is refused, whatever the
 * flags. Stale partial folders of killed runs beside it are removed (or reported).
 */
export function checkRunOutDir(arg: string, { force, scenarioFile, cwd }: CheckRunOutDirParameters): RunOutDir {
  const out = checkOutputPath(arg, "--out", { cwd });
  const found = describeFolder(out);
  const notes = cleanStalePartials(out);
  if (found.kind === "missing" || found.kind === "empty") return { out, state: found.kind, notes };
  const list = (entries: string[]) => `${entries.slice(0, 8).join(", ")}${entries.length > 8 ? `, … (${entries.length} in all)` : ""}`;
  if (found.kind !== "run") {
    throw new OutputFolderError(`--out ${arg} is not a run folder imo-sim may replace: ${found.reason}`, {
      details: `It holds: ${list(found.foreign)}`,
      hints: ["imo-sim run writes into a new or empty folder, or replaces a run folder it wrote; nothing else is deleted, --force or not.", "Give --out a new folder, e.g. --out reports/my-run."],
    });
  }
  if (found.foreign.length > 0) {
    throw new OutputFolderError(`--out ${arg} holds a run and files imo-sim did not write`, {
      details: `Not written by imo-sim: ${list(found.foreign)}`,
      hints: ["Move those files out of the folder, or give another --out; imo-sim replaces a run folder only when it holds nothing else (--force included)."],
    });
  }
  const current = relative(ROOT, resolve(scenarioFile));
  if (found.scenarioFile !== current && !force) {
    throw new OutputFolderError(`--out ${arg} holds a run of another scenario (${found.scenarioFile ?? "an inline scenario"}, seed ${found.seed ?? "?"})`, {
      details: `This run is ${current}.`,
      hints: ["Pass --force to replace that run folder, or give another --out."],
    });
  }
  notes.push(`replacing the previous run in ${arg} (${found.scenarioFile ?? "inline scenario"}, seed ${found.seed ?? "?"})`);
  return { out, state: "previous-run", notes };
}

/** A path as a user gave it: relative to the working directory when inside it, else absolute. */
function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") ? path : rel;
}

/** Whether a process runs with this id (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A partial folder holds only what a run writes (and its marker). */
function onlyRunFiles(dir: string): boolean {
  return readdirSync(dir).every((entry) => entry === PARTIAL_MARKER || RUN_TABLE_FILES.includes(entry) || FEATURE_TABLE_FILES.includes(entry) || entry === "metadata.json" || entry === "report");
}

/**
 * Folders that killed runs left beside `out`: `<out>.partial-<pid>` (a run under construction) and
 * `<out>.old-<pid>` (a previous run moved aside while the new one moved in). Those of processes that no longer
 * run are removed (an `.old-` folder is moved back if `out` is gone); others are reported and left.
 */
export function cleanStalePartials(out: string): string[] {
  const parent = dirname(out);
  const name = basename(out);
  if (!existsSync(parent)) return [];
  const notes: string[] = [];
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.(partial|old)-(\\d+)$`);
  for (const entry of readdirSync(parent).sort()) {
    const match = pattern.exec(entry);
    if (!match) continue;
    const path = join(parent, entry);
    const pid = Number(match[2]);
    const shown = shownPath(path);
    if (pid === process.pid) continue;
    if (alive(pid)) {
      notes.push(`left ${shown}: process ${pid}, which is writing it, still runs`);
      continue;
    }
    if (!lstatSync(path).isDirectory() || !onlyRunFiles(path)) {
      notes.push(`left ${shown} (from a run that was killed, pid ${pid}): it holds files imo-sim did not write; remove it yourself`);
      continue;
    }
    if (match[1] === "old" && !existsSync(out)) {
      renameSync(path, out);
      notes.push(`restored ${shownPath(out)} from ${shown}: a run was killed while replacing it (pid ${pid})`);
      continue;
    }
    rmSync(path, { recursive: true, force: true });
    notes.push(`removed ${shown}: ${match[1] === "old" ? "the previous run folder" : "the unfinished run folder"} of a run that was killed (pid ${pid})`);
  }
  return notes;
}
