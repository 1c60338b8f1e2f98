import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { snapshotTree } from "../testing/runCli.ts";
import { OutputFolderError } from "./errors.ts";
import { cleanStalePartials, describeFolder } from "./outDir.ts";
import { commitRunFolder, createPartialFolder, discardPartialFolder, PARTIAL_MARKER } from "./partialFolder.ts";
import { csvShape } from "./runFiles.ts";

const made: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), "imo-runfolder-"));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
/** A minimal run folder as imo-sim writes one (metadata.json of this tool, tables, report/). */
function fakeRun(dir: string, scenarioFile = "scenarios/x.yaml"): void {
  mkdirSync(join(dir, "report"), { recursive: true });
  writeFileSync(join(dir, "metadata.json"), JSON.stringify({ tool: { name: "imo-testbed" }, scenarioHash: "ab", scenarioFile, seed: 1 }));
  writeFileSync(join(dir, "requests.csv"), "request_id\n1\n");
  writeFileSync(join(dir, "report", "summary.json"), "{}\n");
}
/** A process id that is not running (a finished child's). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("describeFolder", () => {
  it("tells missing, empty, a run (and what else it holds), a sweep and other folders apart", () => {
    const dir = fresh();
    expect(describeFolder(join(dir, "nope"))).toEqual({ kind: "missing" });
    mkdirSync(join(dir, "empty"));
    expect(describeFolder(join(dir, "empty"))).toEqual({ kind: "empty" });
    fakeRun(join(dir, "run"));
    expect(describeFolder(join(dir, "run"))).toMatchObject({ kind: "run", foreign: [], scenarioFile: "scenarios/x.yaml", seed: 1 });
    writeFileSync(join(dir, "run", "notes.txt"), "x");
    writeFileSync(join(dir, "run", "report", "plot.png"), "x");
    expect(describeFolder(join(dir, "run"))).toMatchObject({ kind: "run", foreign: ["notes.txt", "report/plot.png"] });
    mkdirSync(join(dir, "sweep"));
    writeFileSync(join(dir, "sweep", "sweep.json"), "{}");
    expect(describeFolder(join(dir, "sweep")).kind).toBe("sweep");
    mkdirSync(join(dir, "theirs"));
    writeFileSync(join(dir, "theirs", "metadata.json"), '{"tool": {"name": "another-tool"}, "scenarioHash": "x"}');
    expect(describeFolder(join(dir, "theirs"))).toMatchObject({ kind: "other", reason: "its metadata.json was not written by imo-sim" });
  });
});

describe("a run folder is committed by rename and never replaces what imo-sim did not write", () => {
  it("moves a partial folder into a missing, an empty or a previous run folder", () => {
    const dir = fresh();
    for (const state of ["missing", "empty", "run"] as const) {
      const out = join(dir, state);
      if (state === "empty") mkdirSync(out);
      if (state === "run") fakeRun(out, "old.yaml");
      const partial = createPartialFolder(out);
      expect(existsSync(join(partial, PARTIAL_MARKER))).toBe(true);
      fakeRun(partial, "new.yaml");
      commitRunFolder(partial, out);
      expect(JSON.parse(readFileSync(join(out, "metadata.json"), "utf8")).scenarioFile).toBe("new.yaml");
      expect(existsSync(join(out, PARTIAL_MARKER))).toBe(false);
    }
    expect(readdirSync(dir).sort()).toEqual(["empty", "missing", "run"]);
  });

  it("leaves a folder that gained other files during the run as it was, and keeps the finished run beside it", () => {
    const dir = fresh();
    const out = join(dir, "run");
    fakeRun(out);
    const partial = createPartialFolder(out);
    fakeRun(partial, "new.yaml");
    writeFileSync(join(out, "added-meanwhile.txt"), "mine\n");
    const before = snapshotTree(out);
    let error: unknown;
    try {
      commitRunFolder(partial, out);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutputFolderError);
    expect((error as Error).message).toMatch(/run changed during the run and now holds files imo-sim did not write: it was left as it is[\s\S]*added-meanwhile\.txt[\s\S]*The finished run is in .*run\.finished-\d+/);
    expect(snapshotTree(out)).toEqual(before);
    expect(readdirSync(dir).filter((e) => e.startsWith("run.finished-"))).toHaveLength(1);
  });

  it("removes the parent folders it created when a run is discarded", () => {
    const dir = fresh();
    const partial = createPartialFolder(join(dir, "a", "b", "run"));
    expect(existsSync(join(dir, "a", "b"))).toBe(true);
    discardPartialFolder(partial);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses an output folder it cannot create, naming it", () => {
    const dir = fresh();
    writeFileSync(join(dir, "file"), "x");
    expect(() => createPartialFolder(join(dir, "file", "run"))).toThrow(/Cannot write the run folder .*file\/run: a part of the path is a file \((ENOTDIR|EEXIST)\)/);
  });
});

describe("cleanStalePartials", () => {
  it("removes folders of killed runs, restores a run killed while replacing, and leaves live or foreign ones", () => {
    const dir = fresh();
    const out = join(dir, "run");
    const [dead, deadOld, deadForeign] = [deadPid(), deadPid(), deadPid()];
    // A killed run's unfinished folder, its marker inside.
    mkdirSync(`${out}.partial-${dead}`);
    writeFileSync(join(`${out}.partial-${dead}`, PARTIAL_MARKER), "{}");
    writeFileSync(join(`${out}.partial-${dead}`, "flows.csv"), "a\n");
    // A previous run moved aside by a run killed before it moved the new one in (`out` is gone).
    fakeRun(`${out}.old-${deadOld}`);
    // A live process's folder, and a killed run's folder holding a file imo-sim does not write.
    mkdirSync(`${out}.partial-${process.ppid}`);
    mkdirSync(`${out}.partial-${deadForeign}`);
    writeFileSync(join(`${out}.partial-${deadForeign}`, "precious.txt"), "x");
    mkdirSync(join(dir, "unrelated.partial-1"));
    const notes = cleanStalePartials(out);
    expect(notes).toHaveLength(4);
    expect(notes).toEqual(expect.arrayContaining([
      expect.stringMatching(new RegExp(`^restored .*run from .*run\\.old-${deadOld}: a run was killed while replacing it`)),
      expect.stringMatching(new RegExp(`^removed .*run\\.partial-${dead}: the unfinished run folder of a run that was killed \\(pid ${dead}\\)`)),
      expect.stringMatching(new RegExp(`^left .*run\\.partial-${deadForeign} \\(from a run that was killed, pid ${deadForeign}\\): it holds files imo-sim did not write`)),
      expect.stringMatching(new RegExp(`^left .*run\\.partial-${process.ppid}: process ${process.ppid}, which is writing it, still runs`)),
    ]));
    expect(readdirSync(dir).sort()).toEqual(["run", `run.partial-${deadForeign}`, `run.partial-${process.ppid}`, "unrelated.partial-1"].sort());
    expect(describeFolder(out).kind).toBe("run");
  });
});

describe("csvShape", () => {
  it("counts records across quoted line breaks and notices a cut and a ragged row", () => {
    const dir = fresh();
    writeFileSync(join(dir, "ok.csv"), 'a,b\n1,"x\ny"\n2,"q,""r"""\n');
    expect(csvShape(join(dir, "ok.csv"))).toEqual({ rows: 2, endsWithNewline: true, ragged: [] });
    writeFileSync(join(dir, "cut.csv"), "a,b\n1,2\n3");
    expect(csvShape(join(dir, "cut.csv"))).toEqual({ rows: 1, endsWithNewline: false, ragged: [] });
    writeFileSync(join(dir, "ragged.csv"), "a,b\n1,2\n3\n4,5\n");
    expect(csvShape(join(dir, "ragged.csv"))).toEqual({ rows: 3, endsWithNewline: true, ragged: [2] });
  });
});
