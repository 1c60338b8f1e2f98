import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** Debian's chromium (apt-get install -y chromium); playwright cannot download browsers here. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** The ids of report.html's chart containers. */
export const CHART_IDS = ["chart-flows", "chart-sankey", "chart-sankey-fees", "chart-latency", "chart-gas", "chart-yield", "chart-books", "chart-demand", "chart-claims"];

export type CheckReportInBrowserReturnType = {
  /** window.__reportReady: series and data points per chart, and errors caught while drawing. */
  ready: { charts: Record<string, { series: number; points: number }>; errors: string[] };
  /** canvas/svg elements per chart container, in CHART_IDS order. */
  canvases: number[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to anything but file: and data: URLs. */
  external: string[];
  /** Tables whose box hides rows or columns (a scroll box), on screen and in print: index and title. */
  clippedTables: { screen: string[]; print: string[] };
};

/** Opens report.html in headless Chromium, checks that every chart drew data and nothing failed, and saves a screenshot. */
export async function checkReportInBrowser(htmlPath: string, screenshotPath: string): Promise<CheckReportInBrowserReturnType> {
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "imo-report-chromium-"));
  // A fresh profile each time; playwright passes it as --user-data-dir.
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForFunction(() => (globalThis as unknown as { __reportReady?: unknown }).__reportReady !== undefined, undefined, { timeout: 30_000 });
    const ready = (await page.evaluate(() => (globalThis as unknown as { __reportReady: unknown }).__reportReady)) as { charts: Record<string, { series: number; points: number }>; errors: string[] };
    const canvases = await page.evaluate((ids) => ids.map((id) => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll(`#${id} canvas, #${id} svg`).length), CHART_IDS);
    const clipped = () =>
      page.evaluate(() =>
        [...(globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<{ scrollHeight: number; clientHeight: number; scrollWidth: number; clientWidth: number; closest(s: string): { querySelector(s: string): { textContent: string } | null } | null }> } }).document.querySelectorAll(".table-wrap")]
          .filter((box) => box.scrollHeight > box.clientHeight + 1)
          .map((box) => box.closest("section")?.querySelector("h2")?.textContent ?? "?"),
      );
    const screen = await clipped();
    await page.screenshot({ path: screenshotPath, fullPage: true });
    await page.emulateMedia({ media: "print" });
    const print = await clipped();
    await page.emulateMedia({ media: "screen" });
    return { ready, canvases, errors, external: requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:")), clippedTables: { screen, print } };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
