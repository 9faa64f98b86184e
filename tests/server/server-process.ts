import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const MAIN = path.resolve(import.meta.dirname, "..", "..", "server", "src", "main.ts");

export interface ServerProcess {
  child: ChildProcess;
  /** Date.now() when the process said it was running (after it listened and reopened its games) */
  runningAt: number;
  output(): string;
}

/** Starts `server/src/main.ts` as its own process, as `pnpm start` does, and waits until it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const runningAt = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("is running")) {
        clearTimeout(timer);
        resolve(Date.now());
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, runningAt, output: () => output };
}

/** kill -9, and wait until the process is gone. */
export async function killHard(server: ServerProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGKILL");
  await exited;
}
