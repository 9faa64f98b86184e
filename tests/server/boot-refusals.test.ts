import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A server that cannot run safely refuses to start with one plain sentence and exit code 1, never a
 * stack trace and never a hang: a bad setting (issue 8 item 16), a port in use (item 12), a data
 * folder it cannot write or a results file that is not a healthy database (item 10).
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-boot-"));
  temp.push(dir);
  return dir;
}

/** Runs main.ts until it exits (or 20 s pass: a hang is a failure). */
function boot(env: Record<string, string>): Promise<{ status: number | null; stderr: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, "server/src/main.ts")], {
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: tempDir(), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve({ status: null, stderr, hung: true });
    }, 20_000);
    child.once("exit", (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, hung: false });
    });
  });
}

const NO_STACK = /\n\s+at /;

describe("refusing to start", () => {
  it.each([
    ["PORT", "abc", 'PORT="abc" is refused: PORT accepts a whole number from 0 to 65535 (default 2567).'],
    ["PORT", "70000", 'PORT="70000" is refused: PORT accepts a whole number from 0 to 65535 (default 2567).'],
    [
      "RECONNECT_SECONDS",
      "-1",
      'RECONNECT_SECONDS="-1" is refused: RECONNECT_SECONDS accepts a whole number of seconds from 0 to 3600 (default 120).',
    ],
    [
      "REDIS_URL",
      "localhost:6379",
      'REDIS_URL="localhost:6379" is refused: REDIS_URL accepts a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (default: none).',
    ],
    [
      "PUBLIC_ADDRESS",
      "http://school.lan:2581",
      'PUBLIC_ADDRESS="http://school.lan:2581" is refused: PUBLIC_ADDRESS accepts host:port[/path] without http:// or ws://, such as 192.168.1.20:2581 (default: none).',
    ],
    [
      "TRUST_PROXY",
      "everyone",
      'TRUST_PROXY="everyone" is refused: TRUST_PROXY accepts off (default) or a comma-separated list of the proxies in front, such as "loopback" or "10.0.0.5,192.168.0.0/16".',
    ],
  ])("refuses %s=%s, naming the variable and what it accepts", async (name, value, sentence) => {
    const run = await boot({ [name]: value });
    expect(run.hung).toBe(false);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`Hands Up cannot start: the configuration is not valid.\n  ${sentence}`);
  });

  it("says which port is taken and how to choose another, then exits 1", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const run = await boot({ PORT: String(port) });
      expect(run.hung).toBe(false);
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(
        `Hands Up cannot start: port ${port} is already in use by another program. ` +
          "Stop that program, or start Hands Up on another port, e.g. PORT=8080 pnpm start.",
      );
    } finally {
      blocker.close();
    }
  });

  it("refuses a data folder it may not write to", async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o500);
    // root ignores permission bits; a file in the folder's place is refused for everyone
    const blocked = process.getuid?.() === 0 ? path.join(tempDir(), "a-file") : path.join(dir, "data");
    if (process.getuid?.() === 0) fs.writeFileSync(blocked, "not a folder");
    const run = await boot({ DATA_DIR: blocked });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.stderr.trim()).toBe(
      `Hands Up cannot start: the data folder ${blocked} cannot be created (${
        process.getuid?.() === 0 ? "a file of that name is in the way" : "this user may not write there"
      }). Set DATA_DIR to a folder this user can write to, or fix the folder's permissions.`,
    );
  });

  it("refuses a results file that is not a database", async () => {
    const dir = tempDir();
    const file = path.join(dir, "results.sqlite");
    fs.writeFileSync(file, "these are my lesson notes, not a database\n".repeat(200));
    const run = await boot({ DATA_DIR: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.stderr.trim()).toBe(
      `Hands Up cannot start: the results file ${file} is damaged or not a Hands Up database ` +
        "(SQLite says: file is not a database). Move it somewhere else (restore it from a backup if you have one) " +
        "and start again with a fresh file, or set DATA_DIR to another folder.",
    );
  });

  it("refuses a corrupt results file (PRAGMA quick_check at boot)", async () => {
    const dir = tempDir();
    const file = path.join(dir, "results.sqlite");
    const db = new DatabaseSync(file);
    db.exec("CREATE TABLE answers (id INTEGER PRIMARY KEY, text TEXT); CREATE INDEX answers_text ON answers(text);");
    const insert = db.prepare("INSERT INTO answers (text) VALUES (?)");
    for (let i = 0; i < 2000; i++) insert.run(`answer number ${i} `.repeat(5));
    db.close();
    // Scribble over the middle of the file: the header stays valid, pages inside do not.
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, pageSize * 3, pageSize * 3 + pageSize * 4);
    fs.writeFileSync(file, bytes);
    const run = await boot({ DATA_DIR: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).not.toMatch(NO_STACK);
    expect(run.stderr.trim()).toMatch(
      new RegExp(
        `^Hands Up cannot start: the results file ${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is damaged or not a Hands Up database \\((SQLite quick_check|SQLite says): [^\\n]+\\)\\. Move it somewhere else`,
      ),
    );
  });
});
