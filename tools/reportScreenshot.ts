// Screenshot of a run's report.html for the docs: `npm run docs:screenshot` runs the baseline scenario and
// writes docs/report-screenshot.png (the top of the page: summary and charts), or
// `tsx tools/reportScreenshot.ts <run folder> <png> [height]` for any run folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM_PATH } from "../sim/report/checkReportInBrowser.ts";

const [runDir, png, heightText] = process.argv.slice(2);
if (!runDir || !png) {
  process.stderr.write("usage: tsx tools/reportScreenshot.ts <run folder> <png> [height, default 2600]\n");
  process.exit(2);
}
const { chromium } = await import("playwright-core");
const profile = mkdtempSync(join(tmpdir(), "imo-screenshot-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(join(runDir, "report", "report.html")).href);
  await page.waitForFunction(() => (globalThis as unknown as { __reportReady?: unknown }).__reportReady !== undefined, undefined, { timeout: 30_000 });
  const height = Number(heightText ?? 2600);
  await page.screenshot({ path: png, clip: { x: 0, y: 0, width: 1280, height }, fullPage: true });
  process.stdout.write(`${png}: 1280 × ${height}\n`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
