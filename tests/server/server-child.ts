import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, stopChild } from "../load/child-processes.ts";
import { ROOM_BANKS_DIR } from "./room-helpers.ts";

/**
 * `server/src/main.ts` as a child process on the room-test bank, for tests that must see the
 * process survive (or die): a crash inside the server fails the test instead of killing vitest.
 */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  dataDir: string;
  /** everything the process printed */
  log(): string;
  alive(): boolean;
  stop(): Promise<void>;
}

/** `PUBLIC_ADDRESS: "self"` becomes this process's own 127.0.0.1:<port> (needed with REDIS_URL). */
export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "handsup-proc-"));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    BANKS_DIR: ROOM_BANKS_DIR,
    NODE_ENV: "production",
    ...env,
  };
  if (env.PUBLIC_ADDRESS === "self") childEnv.PUBLIC_ADDRESS = `127.0.0.1:${port}`;
  delete childEnv.HOST_PASSWORD;
  if (env.HOST_PASSWORD) childEnv.HOST_PASSWORD = env.HOST_PASSWORD;
  const main = path.resolve(import.meta.dirname, "..", "..", "server", "src", "main.ts");
  const child = spawn(process.execPath, [main], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout?.on("data", (chunk) => (log += chunk));
  child.stderr?.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${log}`);
    const ok = await fetch(`${url}/api/config`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > 30_000) throw new Error(`the server on ${url} did not answer:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    child,
    url,
    port,
    dataDir,
    log: () => log,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      await stopChild(child);
      if (!env.DATA_DIR) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
