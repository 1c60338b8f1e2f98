import { existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport } from "./buildReport.ts";
import { CHART_IDS, CHROMIUM_PATH, checkReportInBrowser } from "./checkReportInBrowser.ts";
import { runTinyScenario } from "./runTinyScenario.ts";

const CHROMIUM = CHROMIUM_PATH;
const HOW = "install it with `apt-get install -y chromium` (Debian's package, /usr/bin/chromium)";
const missing = !existsSync(CHROMIUM);

let runDir = "";
afterAll(() => {
  if (runDir) rmSync(dirname(runDir), { recursive: true, force: true });
});

describe("report.html", () => {
  it("renders every chart with data in headless Chromium, offline and without errors", async (context) => {
    if (missing) {
      // Under CI a missing browser is a failure; on a user's machine the test says how to enable it.
      if (process.env.CI === "true") throw new Error(`No browser at ${CHROMIUM}: ${HOW}.`);
      console.warn(`report browser test not run: no ${CHROMIUM}; ${HOW} to run it`);
      context.skip();
    }
    runDir = await runTinyScenario(`submitters: { honest: 2, malicious: 1, wrongProbability: 0.5 }`);
    const { htmlPath, reportDir } = await buildReport(runDir);
    const result = await checkReportInBrowser(htmlPath, join(reportDir, "screenshot.png"));
    expect(result.errors).toEqual([]);
    expect(result.ready.errors).toEqual([]);
    expect(result.external).toEqual([]);
    for (const [i, id] of CHART_IDS.entries()) {
      expect(result.canvases[i], id).toBeGreaterThan(0);
      expect(result.ready.charts[id]?.series, id).toBeGreaterThan(0);
      expect(result.ready.charts[id]?.points, id).toBeGreaterThan(0);
    }
    expect(existsSync(join(reportDir, "screenshot.png"))).toBe(true);
    // Every table shows all its rows, on screen and printed (no scroll box clips them).
    expect(result.clippedTables).toEqual({ screen: [], print: [] });
  });
});
