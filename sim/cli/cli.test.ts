import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { csvShape, RUN_TABLE_FILES, sha256File } from "../runFolder/runFiles.ts";
import { BIN, runCli, snapshotTree, TINY_SCENARIO, type CliResult } from "../testing/runCli.ts";
import { main } from "./main.ts";

// The command line as a user meets it: real imo-sim processes on a real Anvil, one tiny run shared by every test.

const root = mkdtempSync(join(tmpdir(), "imo-cli-"));
chmodSync(root, 0o755);
const scenario = join(root, "tiny.yaml");
const otherScenario = join(root, "other.yaml");
writeFileSync(scenario, TINY_SCENARIO);
writeFileSync(otherScenario, TINY_SCENARIO.replace("seed: 5", "seed: 6"));
const good = join(root, "good");
let first: CliResult;

beforeAll(async () => {
  first = await runCli(["run", scenario, "--out", good]);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh folder for one case, and a copy of the shared run folder in it if asked. */
let cases = 0;
function sandbox(): string {
  const dir = join(root, `case-${++cases}`);
  mkdirSync(dir);
  chmodSync(dir, 0o755);
  return dir;
}
const copyOfRun = (to: string) => cpSync(good, to, { recursive: true });
const partialsBeside = (out: string) => (existsSync(dirname(out)) ? readdirSync(dirname(out)).filter((e) => e.startsWith(`${basename(out)}.`)) : []);

describe("imo-sim run, piped", () => {
  it("runs, prints progress lines on stderr and writes a run folder whose metadata records every table", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/run folder: .*good/);
    expect(first.stderr).toMatch(/^progress: epoch \d+\/6 \(\d+ %\), [\d,]+ transactions, [\d,]+ tx\/s, [\d.]+ s$/m);
    expect(first.stderr).toMatch(/^progress: epoch 6\/6 \(100 %\)/m);
    expect(readdirSync(good).sort()).toEqual([...RUN_TABLE_FILES, "metadata.json", "report"].sort());
    const meta = JSON.parse(readFileSync(join(good, "metadata.json"), "utf8")) as Record<string, unknown>;
    const files = meta.files as Record<string, { rows: number; sha256: string }>;
    expect(Object.keys(files).sort()).toEqual([...RUN_TABLE_FILES].sort());
    for (const [file, record] of Object.entries(files)) {
      expect(record.rows, file).toBe(csvShape(join(good, file)).rows);
      expect(record.sha256, file).toBe(sha256File(join(good, file)));
    }
    expect(files["transactions.csv"]?.rows).toBe((meta.rows as Record<string, number>).transactions);
    expect(typeof meta.gitDirty).toBe("boolean");
    expect(Object.keys(meta.contractCode as object)).toEqual(["AigcNFT", "BisectionGame", "ImoLaunch", "ModelRegistry", "ModelVMVerifier", "OpmlOracle", "RevShareToken", "RevShareTokenFactory", "RoyaltyMarket", "UsageLedger"]);
    expect(meta.metadataSha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

/** main() in this process, in `cwd`, with what it prints captured. */
async function inProcess(args: string[], cwd: string): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const was = process.cwd();
  process.chdir(cwd);
  try {
    return { code: await main(args), signal: null, stdout, stderr };
  } finally {
    process.chdir(was);
    vi.restoreAllMocks();
  }
}

describe("imo-sim run --out never deletes what imo-sim did not write", () => {
  /** `process`: run as a real imo-sim process (the four cases); the others call main() in this process, same code. */
  type Case = { name: string; setup: (dir: string) => { out: string; cwd?: string; extra?: string[] }; message: RegExp; process?: true };
  const refused: Case[] = [
    {
      name: "a folder holding other files",
      process: true,
      setup: (dir) => {
        mkdirSync(join(dir, "keep", "sub"), { recursive: true });
        writeFileSync(join(dir, "keep", "notes.txt"), "my notes\n");
        writeFileSync(join(dir, "keep", "sub", "data.bin"), Buffer.from([0, 1, 2, 255]));
        return { out: join(dir, "keep") };
      },
      message: /--out .*keep is not a run folder imo-sim may replace: it is not empty and holds no run of imo-sim[\s\S]*It holds: notes\.txt, sub/,
    },
    {
      name: "a file",
      process: true,
      setup: (dir) => {
        writeFileSync(join(dir, "thesis.tex"), "\\documentclass{article}\n");
        return { out: join(dir, "thesis.tex") };
      },
      message: /--out .*thesis\.tex is a file, not a folder/,
    },
    {
      name: "a sweep folder",
      process: true,
      setup: (dir) => {
        const sweep = join(dir, "sweep");
        mkdirSync(join(sweep, "runs"), { recursive: true });
        copyOfRun(join(sweep, "runs", "p000-s1"));
        writeFileSync(join(sweep, "sweep.json"), '{ "name": "s", "hash": "abc" }\n');
        writeFileSync(join(sweep, "results.csv"), "job,point\n");
        return { out: sweep };
      },
      message: /it holds a sweep \(sweep\.json\)/,
    },
    {
      name: "the working directory, given as its path",
      process: true,
      setup: (dir) => {
        writeFileSync(join(dir, "thesis.tex"), "draft\n");
        return { out: dir, cwd: dir };
      },
      message: /--out .* is the working directory/,
    },
    {
      name: "the working directory, given as `.`, even when it is a run folder",
      setup: (dir) => {
        copyOfRun(join(dir, "run"));
        return { out: ".", cwd: join(dir, "run") };
      },
      message: /--out \. is the working directory/,
    },
    {
      name: "a folder that contains the working directory",
      setup: (dir) => {
        mkdirSync(join(dir, "project", "work"), { recursive: true });
        writeFileSync(join(dir, "project", "work", "a.txt"), "a\n");
        return { out: join(dir, "project"), cwd: join(dir, "project", "work") };
      },
      message: /a folder that contains the working directory/,
    },
    {
      name: "a run folder with a file imo-sim did not write, even with --force",
      setup: (dir) => {
        copyOfRun(join(dir, "run"));
        writeFileSync(join(dir, "run", "analysis.ipynb"), "{}\n");
        writeFileSync(join(dir, "run", "report", "notes.md"), "# notes\n");
        return { out: join(dir, "run"), extra: ["--force"] };
      },
      message: /holds a run and files imo-sim did not write[\s\S]*analysis\.ipynb, report\/notes\.md/,
    },
    {
      name: "a run of another scenario without --force",
      setup: (dir) => {
        copyOfRun(join(dir, "run"));
        return { out: join(dir, "run"), extra: ["--scenario-is-other"] };
      },
      message: /holds a run of another scenario[\s\S]*Pass --force to replace/,
    },
    {
      name: "a job folder of a sweep",
      setup: (dir) => {
        copyOfRun(join(dir, "p000-s1"));
        writeFileSync(join(dir, "p000-s1", "job.json"), "{}\n");
        return { out: join(dir, "p000-s1") };
      },
      message: /it is a job folder of a sweep/,
    },
    {
      name: "a symbolic link to a folder",
      setup: (dir) => {
        mkdirSync(join(dir, "target"));
        writeFileSync(join(dir, "target", "keep.txt"), "keep\n");
        symlinkSync(join(dir, "target"), join(dir, "link"));
        return { out: join(dir, "link") };
      },
      message: /is a symbolic link/,
    },
  ];

  for (const c of refused) {
    it(`refuses ${c.name}: exit 2, every file byte for byte, before anything runs`, async () => {
      const dir = sandbox();
      const { out, cwd, extra = [] } = c.setup(dir);
      const before = snapshotTree(dir);
      const scenarioArg = extra.includes("--scenario-is-other") ? otherScenario : scenario;
      const args = ["run", scenarioArg, "--out", out, ...extra.filter((e) => e !== "--scenario-is-other")];
      const result = c.process ? await runCli(args, { cwd: cwd ?? dir }) : await inProcess(args, cwd ?? dir);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^OutputFolderError: /);
      expect(result.stderr).toMatch(c.message);
      expect(result.stdout).toBe("");
      expect(result.stderr).not.toMatch(/progress:/);
      expect(snapshotTree(dir)).toEqual(before);
    });
  }

  // Root writes anywhere, so as root (CI) the CLI runs as nobody; that needs the project readable by nobody.
  const asNobody = process.getuid?.() === 0;
  const nobodyCanRun = !asNobody || spawnSync(process.execPath, ["-e", `require("fs").accessSync(${JSON.stringify(BIN)}, 4)`], { uid: 65534, gid: 65534 }).status === 0;
  it("refuses an unwritable folder before anything runs", async (context) => {
    if (!nobodyCanRun) {
      console.warn("unwritable-folder test not run: running as root and the project is not readable by uid 65534; run the tests as a user, or from a readable folder");
      context.skip();
    }
    const dir = sandbox();
    const locked = join(dir, "locked");
    mkdirSync(locked);
    writeFileSync(join(locked, "keep.txt"), "keep\n");
    chmodSync(locked, 0o555);
    const before = snapshotTree(dir);
    const asUser = asNobody ? { uid: 65534, gid: 65534, env: { ...process.env, HOME: dir } } : {};
    const result = await runCli(["run", scenario, "--out", join(locked, "run")], { cwd: dir, ...asUser });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/OutputFolderError: --out .*locked\/run cannot be written: .*locked is not writable \(EACCES\)/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("replaces a previous run of the same scenario, and another scenario's run only with --force", async () => {
    const dir = sandbox();
    const out = join(dir, "run");
    copyOfRun(out);
    writeFileSync(join(out, "requests.csv"), readFileSync(join(out, "requests.csv")).subarray(0, 10)); // damaged: replaced as a whole
    const again = await runCli(["run", scenario, "--out", out], { cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/imo-sim: replacing the previous run in .*run \(.*tiny\.yaml, seed 5\)/);
    for (const file of [...RUN_TABLE_FILES, "metadata.json"]) expect(readFileSync(join(out, file)).equals(readFileSync(join(good, file))), file).toBe(true);
    expect(partialsBeside(out)).toEqual([]);

    const forced = await runCli(["run", otherScenario, "--out", out, "--force"], { cwd: dir });
    expect(forced.code, forced.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, "metadata.json"), "utf8")) as { seed: number; scenarioFile: string };
    expect(meta.seed).toBe(6);
    expect(meta.scenarioFile).toMatch(/other\.yaml$/);
    expect(partialsBeside(out)).toEqual([]);
  }, 60_000);
});

describe("imo-sim run: bad output paths and seeds are refused before anything runs", () => {
  let stderr = "";
  afterEach(() => vi.restoreAllMocks());
  const capture = () => {
    stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  };
  const cases: [string, string[], RegExp][] = [
    ["an empty --out", ["--out", ""], /OutputFolderError: --out is empty/],
    ["an --out in /proc", ["--out", "/proc/imo-sim-test/run"], /--out \/proc\/imo-sim-test\/run is inside \/proc, a kernel file system/],
    ["an --out in /sys", ["--out", "/sys/imo-sim-test"], /is inside \/sys, a kernel file system/],
    ["an --out under a file", ["--out", "__FILE__/run"], /cannot be created: .* is a file/],
    ["an empty --seed", ["--seed", ""], /UsageError: --seed is empty/],
    ["a hexadecimal --seed", ["--seed", "0x10"], /--seed 0x10 is not a seed in decimal digits \(it would read as 16\)/],
    ["an exponent --seed", ["--seed", "1e3"], /--seed 1e3 is not a seed in decimal digits \(it would read as 1000\)/],
    ["a negative --seed", ["--seed", "-1"], /--seed -1 is not a seed in decimal digits/],
    ["a --seed with a leading zero", ["--seed", "007"], /--seed 007 is not a seed in decimal digits \(it would read as 7\)/],
    ["a --seed beyond 32 bits", ["--seed", "4294967296"], /--seed 4294967296 is more than 4294967295/],
    ["a --seed given twice", ["--seed", "1", "--seed", "2"], /--seed is given twice/],
  ];
  for (const [what, flags, message] of cases) {
    it(`refuses ${what} (exit 2, named, nothing written)`, async () => {
      const dir = sandbox();
      writeFileSync(join(dir, "a-file"), "x\n");
      const before = snapshotTree(dir);
      capture();
      const code = await main(["run", scenario, ...flags.map((f) => f.replace("__FILE__", join(dir, "a-file")))]);
      vi.restoreAllMocks();
      expect(code, stderr).toBe(2);
      expect(stderr).toMatch(message);
      expect(snapshotTree(dir)).toEqual(before);
      expect(existsSync(join(dirname(scenario), "reports"))).toBe(false);
    });
  }
});

describe("imo-sim report refuses a damaged run folder", () => {
  let stderr = "";
  const report = async (dir: string) => {
    stderr = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      stderr += String(chunk);
      return true;
    });
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      return await main(["report", dir]);
    } finally {
      vi.restoreAllMocks();
    }
  };
  const damage: [string, (path: string) => void, RegExp][] = [
    ["deleted", (path) => rmSync(path), /missing \(the run wrote [\d,]+ rows\)/],
    ["cut mid-line", (path) => truncateSync(path, Math.floor(readFileSync(path).length * 0.6) + 1), /ends in the middle of a line \(cut\)|has [\d,]+ rows, the run wrote/],
    ["cut at a line end", (path) => {
      const text = readFileSync(path, "utf8");
      writeFileSync(path, text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
    }, /has [\d,]+ rows, the run wrote [\d,]+/],
    ["edited in place (one digit)", (path) => {
      const bytes = readFileSync(path);
      const at = bytes.findIndex((b, i) => i > bytes.indexOf(0x0a) && b >= 0x31 && b <= 0x38);
      bytes[at] = (bytes[at] as number) + 1;
      writeFileSync(path, bytes);
    }, /its bytes differ from what the run wrote \(sha256\): edited after the run/],
  ];
  for (const file of RUN_TABLE_FILES) {
    for (const [how, apply, message] of damage) {
      it(`${file} ${how}: exit 2 naming the file, and the old report is left alone`, async () => {
        const dir = join(sandbox(), "run");
        copyOfRun(dir);
        const reportBefore = snapshotTree(join(dir, "report"));
        apply(join(dir, file));
        expect(await report(dir)).toBe(2);
        expect(stderr).toMatch(new RegExp(`^RunFolderDamagedError: Run folder .* is damaged: ${file.replace(".", "\\.")} is not what the run wrote`));
        expect(stderr).toMatch(new RegExp(`  ${file.replace(".", "\\.")}: `));
        expect(stderr).toMatch(message);
        expect(snapshotTree(join(dir, "report"))).toEqual(reportBefore);
      });
    }
  }

  it("metadata.json edited (a final balance): exit 2 naming it", async () => {
    const dir = join(sandbox(), "run");
    copyOfRun(dir);
    const path = join(dir, "metadata.json");
    writeFileSync(path, readFileSync(path, "utf8").replace(/("token": ")(\d)/, (_, a: string, d: string) => `${a}${(Number(d) + 1) % 10}`));
    expect(await report(dir)).toBe(2);
    expect(stderr).toMatch(/metadata\.json: changed after the run/);
  });

  it("an intact copy still reports, byte for byte the same report (a real process)", async () => {
    const dir = join(sandbox(), "run");
    copyOfRun(dir);
    const before = snapshotTree(join(dir, "report"));
    rmSync(join(dir, "report"), { recursive: true });
    const result = await runCli(["report", dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshotTree(join(dir, "report"))).toEqual(before);
  });

  it("a real process says the same for a cut transactions.csv (the issue's case: 3,718 rows reported as 54)", async () => {
    const dir = join(sandbox(), "run");
    copyOfRun(dir);
    truncateSync(join(dir, "transactions.csv"), 3_000);
    const result = await runCli(["report", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/transactions\.csv: ends in the middle of a line \(cut\); has [\d,]+ rows, the run wrote [\d,]+/);
    expect(result.stdout).toBe("");
  });
});

describe("command-line habits", () => {
  it("prints each command's help with --help after it, and with `help <command>` (exit 0)", async () => {
    for (const command of ["run", "report", "schema", "sweep", "merge", "compare"]) {
      const result = await inProcess([command, "--help"], root);
      expect(result.code, `${command} --help`).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^imo-sim ${command} `));
      expect(result.stderr).toBe("");
    }
    const viaHelp = await inProcess(["help", "run"], root);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toMatch(/--force +replace a run folder/);
    // A real process, with --help after other (even bad) arguments.
    const anywhere = await runCli(["run", "x.yaml", "--seed", "1e3", "--help"]);
    expect(anywhere.code).toBe(0);
    expect(anywhere.stdout).toMatch(/^imo-sim run <scenario>/);
    expect(anywhere.stderr).toBe("");
  });

  it("prints the package's and the tools' versions with --version (exit 0)", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(result.stdout).toMatch(new RegExp(`^imo-sim ${pkg.version.replace(/\./g, "\\.")} \\(imo-testbed\\)`));
    for (const tool of ["node", "anvil", "forge", "solc", "viem"]) expect(result.stdout).toMatch(new RegExp(`^  ${tool} +\\S`, "m"));
    expect(result.stdout).toMatch(/^ {2}anvil +1\.\d+\.\d+/m);
  });
});
