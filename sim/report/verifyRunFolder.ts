import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { METADATA_CHECKSUM_KEY, metadataText } from "../engine/runMetadata.ts";
import { RunFolderDamagedError } from "../runFolder/errors.ts";
import { csvShape, sha256File, type RunFileRecord } from "../runFolder/runFiles.ts";
import { RunFolderError } from "./readRunMetadata.ts";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Checks a run folder against what its run recorded before any figure is computed from it: metadata.json is the
 * one the run wrote (its own checksum), and every table is there, ends on a whole line, has the recorded number of
 * rows and the recorded sha256. A damaged folder is refused (exit 2) naming each damaged file, so a cut or edited
 * table is never reported as a finding of the simulation.
 */
export function verifyRunFolder(runDir: string): void {
  const metaPath = join(runDir, "metadata.json");
  if (!existsSync(metaPath)) {
    throw new RunFolderError(`${runDir} has no metadata.json`, { hints: ["Pass the folder that `imo-sim run` wrote (it holds metadata.json and the CSV tables)."] });
  }
  const text = readFileSync(metaPath, "utf8");
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new RunFolderDamagedError(`Run folder ${runDir} is damaged: metadata.json is not valid JSON`, { details: cause instanceof Error ? cause.message : String(cause), hints: [rerunHint(undefined)] });
  }
  const problems: string[] = [];
  if (typeof meta[METADATA_CHECKSUM_KEY] === "string" && metadataText(meta) !== text) {
    problems.push("metadata.json: changed after the run (its checksum does not match its contents)");
  }
  const files = recordedFiles(meta);
  if (files === undefined) problems.push("metadata.json: records no tables (no `files` or `rows`)");
  for (const [file, record] of Object.entries(files ?? {})) {
    const path = join(runDir, file);
    if (!existsSync(path)) {
      problems.push(`${file}: missing (the run wrote ${fmt(record.rows)} rows)`);
      continue;
    }
    const shape = csvShape(path);
    const found: string[] = [];
    if (!shape.endsWithNewline) found.push("ends in the middle of a line (cut)");
    if (shape.rows !== record.rows) found.push(`has ${fmt(shape.rows)} rows, the run wrote ${fmt(record.rows)}`);
    if (shape.ragged.length > 0) found.push(`row${shape.ragged.length > 1 ? "s" : ""} ${shape.ragged.join(", ")} ha${shape.ragged.length > 1 ? "ve" : "s"} another number of cells than the header`);
    if (record.sha256 !== undefined && found.length === 0 && sha256File(path) !== record.sha256) found.push("its bytes differ from what the run wrote (sha256): edited after the run");
    if (found.length > 0) problems.push(`${file}: ${found.join("; ")}`);
  }
  if (problems.length > 0) {
    const names = [...new Set(problems.map((p) => p.split(":")[0]))];
    throw new RunFolderDamagedError(`Run folder ${runDir} is damaged: ${names.join(", ")} ${names.length === 1 ? "is" : "are"} not what the run wrote`, {
      details: `\n${problems.map((p) => `  ${p}`).join("\n")}`,
      hints: ["No report is built from damaged files: its figures would be wrong.", rerunHint(meta)],
    });
  }
}

/** The tables metadata.json records: `files` (rows and sha256), or `rows` alone in run folders of older versions. */
function recordedFiles(meta: Record<string, unknown>): Record<string, RunFileRecord | { rows: number; sha256?: undefined }> | undefined {
  if (typeof meta.files === "object" && meta.files !== null) return meta.files as Record<string, RunFileRecord>;
  if (typeof meta.rows === "object" && meta.rows !== null) {
    return Object.fromEntries(Object.entries(meta.rows as Record<string, number>).map(([table, rows]) => [`${table}.csv`, { rows }]));
  }
  return undefined;
}

function rerunHint(meta: Record<string, unknown> | undefined): string {
  const file = typeof meta?.scenarioFile === "string" ? meta.scenarioFile : "<scenario>";
  const seed = typeof meta?.seed === "number" ? ` --seed ${meta.seed}` : "";
  return `Re-run it (the same scenario and seed give the same bytes): imo-sim run ${file}${seed} --out <new folder>`;
}
