/**
 * How fast the student's join screen appears and answers a keystroke on a phone-sized page.
 *
 *   pnpm exec node tests/load/page-load.ts [--runs 5] [--throttle 4]
 *
 * Builds the client if needed, starts the real server, opens `/` in Debian Chromium at 360×740
 * (a fresh context each run: no cache, no storage), slows the CPU down `--throttle` times with
 * DevTools' CPU throttling (Emulation.setCPUThrottlingRate; 1 = off), and measures from the start of
 * navigation: when the game-code input is first on screen; when the join screen is interactive (the
 * input is on screen and no long task — over 50 ms — holds the main thread: the end of the last long
 * task that began before the input appeared, if later); how long the first key, typed as soon as
 * the input is there, waited before the page handled it; when the game itself (Phaser) has taken
 * over the form; and the `load` event. Also the JavaScript the join form needs (what
 * index.html loads up front) and all the JavaScript the page fetches, gzipped as served.
 * Prints the p50 of each and writes artifacts/page-load.json (artifacts/page-load-<n>x.json when throttled).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { studentBundleSize } from "../../client/scripts/bundle-size.ts";
import { ensureClientBuilt, launchBrowser, phone, startServer } from "../e2e/harness.ts";

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, throttle: { type: "string", default: "1" } },
});
const runs = Math.max(1, Number(values.runs) || 5);
const throttle = Math.max(1, Number(values.throttle) || 1);

/** The join form's code input: the HTML one shown before the game loads, or the game's own. */
const CODE_INPUT = "#boot-code, #join-code";

// Runs in the page before any of its scripts: notes the first frame in which a code input is on
// screen (in the layout, inside the viewport, not hidden), the first keystroke the page handles,
// and when the game's own form exists, in ms since navigation started.
const watchJoinForm = () => {
  const record = window as unknown as {
    __joinFormVisibleAt?: number;
    __firstInputAt?: number;
    __firstInputDelay?: number;
    __gameFormAt?: number;
    __longTasks: { start: number; end: number }[];
  };
  record.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.__longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  // keydown: its timeStamp is when the key was pressed, so "now − timeStamp" is how long it waited.
  document.addEventListener(
    "keydown",
    (event) => {
      if (record.__firstInputAt !== undefined) return;
      record.__firstInputAt = performance.now();
      record.__firstInputDelay = performance.now() - event.timeStamp;
    },
    { capture: true },
  );
  const check = () => {
    if (record.__gameFormAt === undefined && document.querySelector("#game #join-code")) {
      record.__gameFormAt = performance.now();
    }
    if (record.__joinFormVisibleAt === undefined) {
      const input = document.querySelector<HTMLInputElement>("#boot-code, #join-code");
      if (input) {
        const box = input.getBoundingClientRect();
        const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight;
        if (onScreen && input.checkVisibility()) record.__joinFormVisibleAt = performance.now();
      }
    }
    if (record.__gameFormAt === undefined || record.__joinFormVisibleAt === undefined) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
};

interface Run {
  joinFormVisibleMs: number;
  interactiveMs: number;
  firstKeystrokeMs: number;
  firstKeystrokeDelayMs: number;
  gameReadyMs: number;
  loadEventMs: number;
  jsGzipBytesFetched: number;
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
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    }
    await page.addInitScript(watchJoinForm);
    await page.goto(server.url, { waitUntil: "commit" });
    // A student starts typing the moment the field is there.
    const input = page.locator(CODE_INPUT).first();
    await input.click();
    await page.keyboard.type("K");
    await page.waitForFunction(() => (window as { __gameFormAt?: number }).__gameFormAt !== undefined, null, {
      timeout: 60_000,
    });
    await page.waitForLoadState("load");
    const run = await page.evaluate(() => {
      const w = window as unknown as {
        __joinFormVisibleAt?: number;
        __firstInputAt?: number;
        __firstInputDelay?: number;
        __gameFormAt?: number;
        __longTasks: { start: number; end: number }[];
      };
      const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      // Each file once: a prefetched chunk imported later is listed again (from the cache).
      const scripts = new Map<string, number>();
      for (const entry of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
        if (entry.name.endsWith(".js"))
          scripts.set(entry.name, Math.max(scripts.get(entry.name) ?? 0, entry.encodedBodySize));
      }
      const visibleAt = w.__joinFormVisibleAt ?? -1;
      const blockedUntil = Math.max(
        0,
        ...w.__longTasks.filter((task) => task.start < visibleAt).map((task) => task.end),
      );
      return {
        joinFormVisibleMs: visibleAt,
        interactiveMs: Math.max(visibleAt, blockedUntil),
        firstKeystrokeMs: w.__firstInputAt ?? -1,
        firstKeystrokeDelayMs: w.__firstInputDelay ?? -1,
        gameReadyMs: w.__gameFormAt ?? -1,
        loadEventMs: navigation.loadEventStart,
        jsGzipBytesFetched: [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0),
      };
    });
    // What was typed before the game took over is still there.
    const typed = await page.locator("#game #join-code").inputValue();
    if (!typed.startsWith("K"))
      throw new Error(`the typed code was lost when the game took over the form ("${typed}")`);
    measured.push(run);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const bundle = studentBundleSize(path.join(repoRoot, "client", "dist"));
const p50 = (pick: (run: Run) => number) => Math.round(median(measured.map(pick)));
const result = {
  runs,
  viewport: "360x740",
  cpuThrottle: throttle,
  browser: "Debian Chromium (headless), playwright-core",
  joinFormVisibleMsP50: p50((r) => r.joinFormVisibleMs),
  interactiveMsP50: p50((r) => r.interactiveMs),
  interactiveMsMax: Math.round(Math.max(...measured.map((r) => r.interactiveMs))),
  firstKeystrokeMsP50: p50((r) => r.firstKeystrokeMs),
  firstKeystrokeDelayMsP50: p50((r) => r.firstKeystrokeDelayMs),
  gameReadyMsP50: p50((r) => r.gameReadyMs),
  loadEventMsP50: p50((r) => r.loadEventMs),
  joinFormJsBytes: bundle.bytes,
  joinFormJsGzipBytes: bundle.gzipBytes,
  joinFormJsFiles: bundle.files,
  allJsGzipBytesFetched: p50((r) => r.jsGzipBytesFetched),
  eachRun: measured.map((r) => ({
    joinFormVisibleMs: Math.round(r.joinFormVisibleMs),
    interactiveMs: Math.round(r.interactiveMs),
    firstKeystrokeMs: Math.round(r.firstKeystrokeMs),
    firstKeystrokeDelayMs: Math.round(r.firstKeystrokeDelayMs),
    gameReadyMs: Math.round(r.gameReadyMs),
    loadEventMs: Math.round(r.loadEventMs),
  })),
};
const out = path.join(repoRoot, "artifacts", throttle > 1 ? `page-load-${throttle}x.json` : "page-load.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);

const row = (label: string, value: string) => console.log(`${label.padEnd(38)} ${value}`);
row("runs (fresh context, 360×740)", `${runs}, CPU throttle ${throttle}×`);
row("join form visible, p50", `${result.joinFormVisibleMsP50} ms`);
row("join screen interactive, p50 (max)", `${result.interactiveMsP50} ms (${result.interactiveMsMax} ms)`);
row(
  "first keystroke handled, p50",
  `${result.firstKeystrokeMsP50} ms, after waiting ${result.firstKeystrokeDelayMsP50} ms`,
);
row("game (Phaser) took over the form, p50", `${result.gameReadyMsP50} ms`);
row("load event, p50", `${result.loadEventMsP50} ms`);
row(
  "each run (form / interactive / key / game / load)",
  result.eachRun
    .map((r) => `${r.joinFormVisibleMs}/${r.interactiveMs}/${r.firstKeystrokeMs}/${r.gameReadyMs}/${r.loadEventMs}`)
    .join("  "),
);
row(
  "JS the join form needs",
  `${(bundle.bytes / 1000).toFixed(1)} kB (${(bundle.gzipBytes / 1000).toFixed(1)} kB gzip) in ${bundle.files.length} files`,
);
row("all JS the page fetches (gzip, as served)", `${(result.allJsGzipBytesFetched / 1000).toFixed(1)} kB`);
console.log(`written to ${path.relative(repoRoot, out)}`);
