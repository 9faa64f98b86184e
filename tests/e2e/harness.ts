import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

/** Browser-test plumbing: a built client, the real server on a free port, Chromium, and page helpers. */

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const clientDir = path.join(repoRoot, "client");
export const screenshotDir = path.join(repoRoot, "artifacts", "screenshots");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the client unless client/dist is newer than every client source file. */
export function ensureClientBuilt(): void {
  const built = (file: string) => {
    try {
      return statSync(path.join(clientDir, "dist", file)).mtimeMs;
    } catch {
      return 0;
    }
  };
  const sources = Math.max(
    newestMtime(path.join(clientDir, "src")),
    newestMtime(path.join(repoRoot, "shared", "src")),
    ...["index.html", "host.html", "edit.html", "vite.config.ts"].map((f) => statSync(path.join(clientDir, f)).mtimeMs),
  );
  if (Math.min(built("index.html"), built("host.html"), built("edit.html")) > sources) return;
  execFileSync("pnpm", ["--filter", "@handsup/client", "build"], { cwd: repoRoot, stdio: "inherit" });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export interface RunningServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export interface RestartableServer extends RunningServer {
  /** Kills the process with SIGKILL (a crash: nothing is flushed or closed) and starts a new one on the same port and data. */
  crashAndRestart(): Promise<{ listeningAfterMs: number }>;
}

/** Starts `server/src/main.ts` on a free port with an empty data folder; resolves once it answers HTTP. */
export async function startServer(env: Record<string, string> = {}): Promise<RestartableServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "handsup-e2e-"));
  const url = `http://127.0.0.1:${port}`;
  let log = "";
  const spawnServer = async (): Promise<ChildProcess> => {
    const child: ChildProcess = spawn(process.execPath, [path.join(repoRoot, "server", "src", "main.ts")], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk) => (log += chunk));
    child.stderr?.on("data", (chunk) => (log += chunk));
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
      try {
        const response = await fetch(`${url}/api/config`);
        if (response.ok) return child;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 20_000) throw new Error(`server did not answer within 20 s:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  let child = await spawnServer();
  return {
    url,
    output: () => log,
    async crashAndRestart() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      const started = Date.now();
      child = await spawnServer();
      return { listeningAfterMs: Date.now() - started };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches the system Chromium headless with the flags this closed network needs (TECH-NOTES §11). */
export function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A projector-sized teacher context (1920×1080). */
export function projector(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
}

/** A phone-sized student context, each with its own storage (its own device). */
export function phone(browser: Browser, size = { width: 360, height: 740 }): Promise<BrowserContext> {
  return browser.newContext({ viewport: size, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
}

/** A running server and browser shared by one test file. */
export interface Stage {
  readonly server: RestartableServer;
  readonly browser: Browser;
}

/**
 * Gives a test file a built client, its own server (with `env`, read when the server starts) and
 * Chromium: started before the file's tests, stopped after them.
 */
export function useStage(env: () => Record<string, string> = () => ({})): Stage {
  let server: RestartableServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    ensureClientBuilt();
    [server, browser] = await Promise.all([startServer(env()), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the stage is used before beforeAll started it");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** A new projector page at the teacher's URL. */
export async function openHost(stage: Stage): Promise<Page> {
  const host = await (await projector(stage.browser)).newPage();
  await host.goto(`${stage.server.url}/host`);
  return host;
}

/** A new phone (its own device) opened at `path` on the server, e.g. `/?code=ABC123`. */
export async function openPhone(stage: Stage, urlPath = "/", size?: { width: number; height: number }): Promise<Page> {
  const page = await (await phone(stage.browser, size)).newPage();
  await page.goto(`${stage.server.url}${urlPath}`);
  return page;
}

/** The polite live region's text: what a screen reader would hear. */
export async function liveText(page: Page): Promise<string> {
  return (await page.locator("#live").textContent()) ?? "";
}

/** Waits until the live region matches `pattern`; returns its text. */
export async function waitForLive(page: Page, pattern: RegExp, timeout = 15_000): Promise<string> {
  try {
    await page.waitForFunction(
      ([source, flags]) => new RegExp(source, flags).test(document.getElementById("live")?.textContent ?? ""),
      [pattern.source, pattern.flags] as const,
      { timeout },
    );
  } catch (error) {
    throw new Error(`live region never matched ${pattern}; it says: "${await liveText(page)}"`, { cause: error });
  }
  return liveText(page);
}

/** The view-model the page's current scene draws (`window.__handsup.view`). */
export function viewOf<T = Record<string, unknown>>(page: Page): Promise<T> {
  return page.evaluate(() => (window as unknown as { __handsup: { view: unknown } }).__handsup.view as T);
}

/** Waits until the view-model satisfies `predicate` (a function body over `v`). */
export async function waitForView(page: Page, predicate: string, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      (body) => {
        const v = (window as unknown as { __handsup?: { view?: unknown } }).__handsup?.view;
        return v !== undefined && new Function("v", `return (${body});`)(v) === true;
      },
      predicate,
      { timeout },
    );
  } catch (error) {
    // Say what the page showed instead: a bare timeout explains nothing.
    throw new Error(`view never matched ${predicate}; last view: ${JSON.stringify(await viewOf(page))}`, {
      cause: error,
    });
  }
}

/** Taps (or clicks) the canvas button registered as `id`, at its centre, like a finger would. */
export async function press(page: Page, id: string): Promise<void> {
  // Find and read the box in one step: the scene may redraw (and replace the button) at any time.
  const handle = await page.waitForFunction(
    (target) => {
      const hook = (
        window as unknown as {
          __handsup?: {
            target(id: string): { enabled: boolean; x: number; y: number; width: number; height: number } | undefined;
          };
        }
      ).__handsup;
      const box = hook?.target(target);
      return box?.enabled ? box : undefined;
    },
    id,
    { timeout: 10_000 },
  );
  const box = (await handle.jsonValue()) as { x: number; y: number; width: number; height: number };
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const mobile = await page.evaluate(() => navigator.maxTouchPoints > 0);
  if (mobile) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** Where the canvas target `id` is on the page (waits until it is drawn). */
export async function targetBox(
  page: Page,
  id: string,
): Promise<{ label: string; x: number; y: number; width: number; height: number }> {
  const handle = await page.waitForFunction(
    (target) =>
      (window as unknown as { __handsup?: { target(id: string): unknown } }).__handsup?.target(target) ?? undefined,
    id,
    { timeout: 10_000 },
  );
  return (await handle.jsonValue()) as { label: string; x: number; y: number; width: number; height: number };
}

/** Drags with one finger from the centre of target `id` by `dy` CSS pixels (real touch events, in small steps). */
export async function dragTarget(page: Page, id: string, dy: number): Promise<void> {
  const box = await targetBox(page, id);
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", atY: number) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: type === "touchEnd" ? [] : [{ x, y: atY, id: 1, radiusX: 4, radiusY: 4, force: 1 }],
    });
  await touch("touchStart", y);
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await touch("touchMove", y + (dy * i) / steps);
    await page.waitForTimeout(16);
  }
  await touch("touchEnd", y + dy);
  await cdp.detach();
}

/** Saves a screenshot as artifacts/screenshots/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(150); // let the canvas finish the frame it is drawing
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
