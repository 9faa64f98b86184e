/**
 * How fast the student's join screen appears on a phone-sized page.
 *
 *   pnpm exec node tests/load/page-load.ts [--runs 5]
 *
 * Builds the client if needed, starts the real server, opens `/` in Debian Chromium at 360×740
 * (a fresh context each run: no cache, no storage) and measures, from the start of navigation,
 * when the game-code input is first visible and when the `load` event fires. Prints the p50 of
 * each with the student bundle's JavaScript size, and writes the figures to artifacts/page-load.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { studentBundleSize } from "../../client/scripts/bundle-size.ts";
import { ensureClientBuilt, launchBrowser, phone, startServer } from "../e2e/harness.ts";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Math.max(1, Number(values.runs) || 5);

// Runs in the page before any of its scripts: notes the first frame in which the code input is
// on screen (in the layout, inside the viewport, not hidden), in ms since navigation started.
const watchJoinForm = () => {
  const record = window as unknown as { __joinFormVisibleAt?: number };
  const check = () => {
    const input = document.getElementById("join-code");
    if (input) {
      const box = input.getBoundingClientRect();
      const style = getComputedStyle(input);
      const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
      if (onScreen && style.visibility !== "hidden" && style.display !== "none" && input.checkVisibility()) {
        record.__joinFormVisibleAt = performance.now();
        return;
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

interface Run {
  joinFormVisibleMs: number;
  loadEventMs: number;
}

/** The median (p50) of `values`, the mean of the middle two for an even count. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

ensureClientBuilt();
const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
const measured: Run[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await phone(browser, { width: 360, height: 740 });
    const page = await context.newPage();
    await page.addInitScript(watchJoinForm);
    await page.goto(server.url, { waitUntil: "load" });
    await page.waitForFunction(() => (window as { __joinFormVisibleAt?: number }).__joinFormVisibleAt !== undefined);
    const run = await page.evaluate(() => {
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        joinFormVisibleMs: (window as { __joinFormVisibleAt?: number }).__joinFormVisibleAt!,
        loadEventMs: navigation.loadEventStart,
      };
    });
    measured.push(run);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const bundle = studentBundleSize(path.join(repoRoot, "client", "dist"));
const result = {
  runs,
  viewport: "360x740",
  browser: "Debian Chromium (headless), playwright-core",
  joinFormVisibleMsP50: Math.round(median(measured.map((r) => r.joinFormVisibleMs))),
  loadEventMsP50: Math.round(median(measured.map((r) => r.loadEventMs))),
  studentJsBytes: bundle.bytes,
  studentJsGzipBytes: bundle.gzipBytes,
  studentJsFiles: bundle.files,
  eachRun: measured.map((r) => ({
    joinFormVisibleMs: Math.round(r.joinFormVisibleMs),
    loadEventMs: Math.round(r.loadEventMs),
  })),
};
const out = path.join(repoRoot, "artifacts", "page-load.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

const row = (label: string, value: string) => console.log(`${label.padEnd(34)} ${value}`);
row("runs (fresh context, 360×740)", String(runs));
row("join form visible, p50", `${result.joinFormVisibleMsP50} ms`);
row("load event, p50", `${result.loadEventMsP50} ms`);
row("each run (form / load)", result.eachRun.map((r) => `${r.joinFormVisibleMs}/${r.loadEventMs}`).join("  "));
row("student JS", `${(bundle.bytes / 1000).toFixed(1)} kB (${(bundle.gzipBytes / 1000).toFixed(1)} kB gzip)`);
console.log(`written to ${path.relative(repoRoot, out)}`);
