import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** The repository root (tests/load/ is two levels below it). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** Asks the kernel for a loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** True when `redis-server` can be found on PATH. */
export function redisServerInstalled(): boolean {
  return (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir !== "" && fs.existsSync(path.join(dir, "redis-server")));
}

/** A child process we started and must stop. */
export interface Started {
  child: ChildProcess;
  port: number;
  /** Last lines the child printed, for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

function collectOutput(child: ChildProcess, echo: boolean): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    if (echo) process.stderr.write(text);
    lines.push(...text.split("\n").filter((line) => line.trim() !== ""));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => lines.slice(-40).join("\n");
}

/** Stops a child with SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Starts Debian's `redis-server` on a free loopback port without persistence, as our child. */
export async function startRedis(): Promise<Started> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const output = collectOutput(child, false);
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${output()}`);
      return canConnect(port);
    },
    10_000,
    () => `redis-server on port ${port}:\n${output()}`,
  );
  return { child, port, output, stop: () => stopChild(child) };
}

/** How to start one game server process. */
export interface ServerOptions {
  port?: number;
  dataDir?: string;
  redisUrl?: string;
  /** Sets PUBLIC_ADDRESS=127.0.0.1:<port> (needed when several processes share Redis). */
  publicAddress?: boolean;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Copy the server's output to our stderr. */
  echo?: boolean;
  /** Another checkout's `server/` folder, to measure a candidate change against the same bots. */
  serverDir?: string;
  /** Question banks to load (default: content/banks). */
  banksDir?: string;
}

/** A started game server. */
export interface StartedServer extends Started {
  url: string;
  dataDir: string;
}

/** Starts `server/src/main.ts` on Node 24 (our own executable) and waits until `GET /api/config` answers. */
export async function startServer(options: ServerOptions = {}): Promise<StartedServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "handsup-bench-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    BANKS_DIR: options.banksDir ?? path.join(REPO_ROOT, "content", "banks"),
    NODE_ENV: "production",
  };
  delete env.HOST_PASSWORD;
  delete env.REDIS_URL;
  delete env.PUBLIC_ADDRESS;
  if (options.redisUrl) env.REDIS_URL = options.redisUrl;
  if (options.publicAddress) env.PUBLIC_ADDRESS = `127.0.0.1:${port}`;
  const main = path.join(options.serverDir ?? path.join(REPO_ROOT, "server"), "src", "main.ts");
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = collectOutput(child, options.echo ?? false);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
      try {
        return (await fetch(`${url}/api/config`)).ok;
      } catch {
        return false;
      }
    },
    30_000,
    () => `the server on ${url}:\n${output()}`,
  );
  return { child, port, url, dataDir, output, stop: () => stopChild(child) };
}

/** Where Debian's `postgresql` package puts the server binaries (not on PATH): the newest major installed. */
export const POSTGRES_BIN_DIR = process.env.POSTGRES_BIN_DIR ?? findPostgresBinDir();

function findPostgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const majors = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = majors
    .map((major) => path.join(root, major, "bin"))
    .find((dir) => fs.existsSync(path.join(dir, "pg_ctl")));
  return found ?? path.join(root, "15", "bin");
}

/** True when Debian's PostgreSQL server binaries are installed. */
export function postgresInstalled(): boolean {
  return fs.existsSync(path.join(POSTGRES_BIN_DIR, "pg_ctl")) && fs.existsSync(path.join(POSTGRES_BIN_DIR, "initdb"));
}

/** A PostgreSQL cluster we created in a temporary folder and must stop. */
export interface StartedPostgres {
  port: number;
  /** `postgres://handsup@127.0.0.1:<port>/postgres` (trust authentication on loopback). */
  url: string;
  dir: string;
  /** The server's log so far, for error messages. */
  log: () => string;
  /** Kills the server as a crash would (`pg_ctl stop -m immediate`), keeping its data. */
  crash: () => Promise<void>;
  /** Starts it again on the same port and data. */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

function runQuiet(command: string, argv: string[], what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${what} failed (exit ${code}):\n${output.slice(-4000)}`)),
    );
  });
}

/**
 * Creates a fresh PostgreSQL cluster in a temporary folder and starts it on a free loopback port
 * (TECH-NOTES §12). initdb refuses to run as root, so as root the cluster belongs to the `postgres`
 * system user and every command runs through `runuser`. The server listens on 127.0.0.1 only and
 * its socket lives in the same folder, so nothing clashes with a system cluster.
 */
export async function startPostgres(): Promise<StartedPostgres> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-pg-"));
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (asRoot) fs.chownSync(dir, ...postgresUserIds());
  const as = (binary: string, argv: string[]): [string, string[]] =>
    asRoot
      ? ["runuser", ["-u", "postgres", "--", path.join(POSTGRES_BIN_DIR, binary), ...argv]]
      : [path.join(POSTGRES_BIN_DIR, binary), argv];
  const data = path.join(dir, "data");
  const logFile = path.join(dir, "log");
  const readLog = () => {
    try {
      return fs.readFileSync(logFile, "utf8").slice(-4000);
    } catch {
      return "(no log)";
    }
  };
  // --no-sync only skips flushing the fresh template files; the running server still fsyncs commits.
  await runQuiet(...as("initdb", ["-D", data, "-A", "trust", "-U", "handsup", "--no-sync", "-E", "UTF8"]), "initdb");
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  const start = async () => {
    try {
      await runQuiet(
        ...as("pg_ctl", ["-D", data, "-o", options, "-l", logFile, "-w", "-t", "60", "start"]),
        "pg_ctl start",
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${readLog()}`);
    }
  };
  await start();
  let stopped = false;
  return {
    port,
    url: `postgres://handsup@127.0.0.1:${port}/postgres`,
    dir,
    log: readLog,
    crash: () => runQuiet(...as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), "pg_ctl stop -m immediate"),
    restart: start,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await runQuiet(...as("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]), "pg_ctl stop").catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** uid and gid of the `postgres` system user (from /etc/passwd). */
function postgresUserIds(): [number, number] {
  const line = fs
    .readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("there is no postgres user: apt-get install -y postgresql");
  const fields = line.split(":");
  return [Number(fields[2]), Number(fields[3])];
}
