import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseBank } from "@handsup/shared";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../server/src/app.ts";
import { readConfig } from "../../server/src/config.ts";
import { BankLibrary } from "../../server/src/editor/bank-library.ts";
import { createGame, freePort, startTestServer, type TestServer } from "./harness.ts";

/** Room tier: the editor's HTTP API against a real server whose banks folder is a temporary copy. */

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const FIXTURE = path.join(ROOT, "tests", "fixtures", "banks", "small-valid.yaml");

function tempBanksDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-editor-"));
  fs.copyFileSync(FIXTURE, path.join(dir, "small-valid.yaml"));
  return dir;
}

/** A minimal valid bank in the shape the editor sends (the YAML as plain data). */
function demoBank(id: string, title = "Demo quiz") {
  return {
    id,
    title,
    questions: [
      {
        id: "capital",
        type: "multiple-choice",
        prompt: "What is the capital of France?",
        options: ["Paris", "Lyon", "Nice"],
        correct: "Paris",
        explanation: "Paris has been the capital since 987.",
      },
    ],
  };
}

async function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** Polls until `check` holds: the server notices folder changes on its own schedule (fs.watch, then a 2 s poll). */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("editor API on the server's own machine (loopback)", () => {
  let server: TestServer;
  let banksDir: string;
  let api: string;
  beforeAll(async () => {
    banksDir = tempBanksDir();
    server = await startTestServer({ BANKS_DIR: banksDir });
    api = `${server.url}/api/editor`;
  });
  afterAll(async () => {
    await server.stop();
    fs.rmSync(banksDir, { recursive: true, force: true });
  });

  it("creates a bank: the file is written and the bank is playable in the next game", async () => {
    const created = await call(`${api}/banks/demo-quiz`, "PUT", { bank: demoBank("demo-quiz"), baseVersion: null });
    expect(created.status).toBe(200);
    expect(created.body.file).toBe("demo-quiz.yaml");
    expect(fs.readFileSync(path.join(banksDir, "demo-quiz.yaml"), "utf8")).toBe(
      [
        "id: demo-quiz",
        "title: Demo quiz",
        "questions:",
        "  - id: capital",
        "    type: multiple-choice",
        "    prompt: What is the capital of France?",
        "    options: [Paris, Lyon, Nice]",
        "    correct: Paris",
        "    explanation: Paris has been the capital since 987.",
        "",
      ].join("\n"),
    );
    const listed = await call(`${server.url}/api/banks`, "GET");
    expect(listed.body.map((bank: { id: string }) => bank.id)).toEqual(["demo-quiz", "small-valid"]);
    const game = await createGame(server.url, { bankIds: ["demo-quiz"], questionCount: 1 });
    expect(game.questionCount).toBe(1);

    const again = await call(`${api}/banks/demo-quiz`, "PUT", { bank: demoBank("demo-quiz"), baseVersion: null });
    const garbled = await fetch(`${api}/banks/demo-quiz`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: "{ not json",
    });
    expect([garbled.status, await garbled.json()]).toEqual([400, { error: "The request body is not valid JSON." }]);
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('There is already a bank with the id "demo-quiz". Choose another name.');
  });

  it("saves over a hand-written file keeping its comments and key order", async () => {
    const file = path.join(banksDir, "commented.yaml");
    fs.writeFileSync(
      file,
      [
        "# Year 9 revision: keep this comment",
        "title: Commented bank",
        "id: commented",
        "questions:",
        "  # about France",
        "  - id: capital",
        "    type: true-false",
        "    prompt: Paris is the capital of France.   # checked in the atlas",
        "    correct: true",
        "    explanation: It is.",
        "  # about Italy",
        "  - id: rome",
        "    type: true-false",
        "    prompt: Rome is the capital of Italy.",
        "    correct: true",
        "    explanation: It is.",
        "",
      ].join("\n"),
    );
    const opened = await eventually("the hand-written bank to load", async () => {
      const res = await call(`${api}/banks/commented`, "GET");
      return res.status === 200 ? res.body : undefined;
    });
    const bank = opened.bank;
    bank.questions.reverse();
    bank.questions[0].explanation = "Rome has been Italy's capital since 1871.";
    const saved = await call(`${api}/banks/commented`, "PUT", { bank, baseVersion: opened.version });
    expect(saved.status).toBe(200);
    expect(fs.readFileSync(file, "utf8")).toBe(
      [
        "# Year 9 revision: keep this comment",
        "title: Commented bank",
        "id: commented",
        "questions:",
        "  # about Italy",
        "  - id: rome",
        "    type: true-false",
        "    prompt: Rome is the capital of Italy.",
        "    correct: true",
        "    explanation: Rome has been Italy's capital since 1871.",
        "  # about France",
        "  - id: capital",
        "    type: true-false",
        "    prompt: Paris is the capital of France. # checked in the atlas",
        "    correct: true",
        "    explanation: It is.",
        "",
      ].join("\n"),
    );
  });

  it("tells the second of two editors that the bank changed, and keeps the first one's save", async () => {
    const first = await call(`${api}/banks/small-valid`, "GET");
    const second = await call(`${api}/banks/small-valid`, "GET");
    first.body.bank.title = "Saved by the first teacher";
    second.body.bank.title = "Saved by the second teacher";
    const ok = await call(`${api}/banks/small-valid`, "PUT", {
      bank: first.body.bank,
      baseVersion: first.body.version,
    });
    expect(ok.status).toBe(200);
    const late = await call(`${api}/banks/small-valid`, "PUT", {
      bank: second.body.bank,
      baseVersion: second.body.version,
    });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe(
      "Not saved: someone else saved this bank after you opened it (another tab, another teacher, or a text editor). " +
        "Copy anything you need, reload the bank to see their version, and make your change again.",
    );
    expect(late.body.version).toBe(ok.body.version);
    expect(fs.readFileSync(path.join(banksDir, "small-valid.yaml"), "utf8")).toContain(
      "title: Saved by the first teacher\n",
    );
  });

  it("says so while another process is saving the same bank, and takes over a lock left by a killed one", async () => {
    const lock = path.join(banksDir, ".small-valid.yaml.lock");
    const opened = await call(`${api}/banks/small-valid`, "GET");
    fs.writeFileSync(lock, "12345"); // another server process sharing this folder is mid-save
    const busy = await call(`${api}/banks/small-valid`, "PUT", {
      bank: opened.body.bank,
      baseVersion: opened.body.version,
    });
    expect(busy).toEqual({
      status: 409,
      body: { error: "Someone else is saving this bank right now. Wait a moment and save again." },
    });
    const minuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, minuteAgo, minuteAgo); // that process was killed: its lock is stale
    const saved = await call(`${api}/banks/small-valid`, "PUT", {
      bank: opened.body.bank,
      baseVersion: opened.body.version,
    });
    expect(saved.status).toBe(200);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("refuses an invalid bank with the path-precise message content:check prints, and leaves the file alone", async () => {
    const before = fs.readFileSync(path.join(banksDir, "demo-quiz.yaml"), "utf8");
    const opened = await call(`${api}/banks/demo-quiz`, "GET");
    const bank = opened.body.bank;
    bank.questions[0].correct = "Marseille";
    bank.questions.push({ ...bank.questions[0], id: "second", correct: "Paris", timeLimitSec: 3 });
    const res = await call(`${api}/banks/demo-quiz`, "PUT", { bank, baseVersion: opened.body.version });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([
      { path: "questions[0].correct[0]", message: '"Marseille" must be one of the options: Paris, Lyon, Nice' },
      { path: "questions[1].timeLimitSec", message: "must be at least 5" },
    ]);
    expect(res.body.error).toBe(
      'Not saved: questions[0].correct[0]: "Marseille" must be one of the options: Paris, Lyon, Nice (and 1 more).',
    );
    expect(fs.readFileSync(path.join(banksDir, "demo-quiz.yaml"), "utf8")).toBe(before);
  });

  it("re-reads banks changed on disk: a new file is playable, a broken one is reported and the others still play", async () => {
    fs.writeFileSync(
      path.join(banksDir, "by-hand.yaml"),
      fs.readFileSync(FIXTURE, "utf8").replace(/small-valid/g, "by-hand"),
    );
    await eventually("the new bank to be listed", async () => {
      const listed = await call(`${server.url}/api/banks`, "GET");
      return listed.body.some((bank: { id: string }) => bank.id === "by-hand") ? true : undefined;
    });
    expect((await createGame(server.url, { bankIds: ["by-hand"], questionCount: 2 })).questionCount).toBe(2);

    // Break it by hand: reported with file, path and message; its last good version and every other bank still play.
    const text = fs.readFileSync(path.join(banksDir, "by-hand.yaml"), "utf8");
    fs.writeFileSync(path.join(banksDir, "by-hand.yaml"), text.replace("correct: Beria", "correct: Zhukov"));
    const problems = await eventually("the broken bank to be reported", async () => {
      const res = await call(`${server.url}/api/bank-problems`, "GET");
      return res.body.files.length > 0 ? res.body : undefined;
    });
    expect(problems).toEqual({
      files: ["by-hand.yaml"],
      problems: [
        {
          file: "by-hand.yaml",
          path: "questions[0].correct[0]",
          message:
            '"Zhukov" must be one of the options: Beria, Malenkov, Khrushchev, Molotov (games still use the last good version of "Fixture bank for the content tests")',
        },
      ],
    });
    expect((await createGame(server.url, { bankIds: ["demo-quiz"], questionCount: 1 })).questionCount).toBe(1);
    expect((await createGame(server.url, { bankIds: ["by-hand"], questionCount: 2 })).questionCount).toBe(2);

    fs.writeFileSync(path.join(banksDir, "by-hand.yaml"), text);
    await eventually("the problem to clear", async () => {
      const res = await call(`${server.url}/api/bank-problems`, "GET");
      return res.body.files.length === 0 ? true : undefined;
    });
  });

  it("uploads a picture shrunk to 1600 px and serves only picture files inside the bank's folder", async () => {
    const big = await sharp({ create: { width: 3200, height: 2000, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer();
    const upload = await fetch(`${api}/banks/demo-quiz/images`, {
      method: "POST",
      headers: { "content-type": "image/png", "x-file-name": encodeURIComponent("Map of Europe.PNG") },
      body: big,
    });
    expect(upload.status).toBe(201);
    const stored = (await upload.json()) as { src: string; width: number; height: number };
    expect(stored.src).toMatch(/^map-of-europe-[0-9a-f]{8}\.png$/);
    expect([stored.width, stored.height]).toEqual([1600, 1000]);
    const served = await fetch(`${server.url}/api/bank-images/demo-quiz/${stored.src}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(1600);

    // A picture in a subfolder, placed by hand, is served too (the schema allows "maps/europe.png").
    fs.mkdirSync(path.join(banksDir, "demo-quiz", "maps"));
    fs.copyFileSync(
      path.join(banksDir, "demo-quiz", stored.src),
      path.join(banksDir, "demo-quiz", "maps", "europe.png"),
    );
    expect((await fetch(`${server.url}/api/bank-images/demo-quiz/maps/europe.png`)).status).toBe(200);
    for (const sneaky of [
      "..%2Fsmall-valid.yaml",
      "../../small-valid.yaml",
      "..%2F..%2Fetc%2Fpasswd",
      ".hidden.png",
      "notes.txt",
      "sub/..%2F..%2Fx.png",
    ]) {
      expect((await fetch(`${server.url}/api/bank-images/demo-quiz/${sneaky}`)).status).toBe(404);
    }
    const notPicture = await fetch(`${api}/banks/demo-quiz/images`, {
      method: "POST",
      headers: { "content-type": "image/png", "x-file-name": "fake.png" },
      body: "this is text",
    });
    expect(notPicture.status).toBe(415);
    expect(((await notPicture.json()) as { error: string }).error).toBe(
      "That file is not a picture this server can read. Use a PNG, JPEG, WebP or GIF.",
    );
  });

  it("imports a spreadsheet (rejected rows by number) and exports a bank", async () => {
    const csv = [
      "Quiz title,,,,,,",
      ",Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,Answer 3 - max 75 characters,Answer 4 - max 75 characters,Time limit (sec) – 5; 10; 20; 30; 60; 90; 120; or 240 secs,Correct answer(s) - choose at least one",
      "1,Largest planet?,Jupiter,Mars,Venus,,20,1",
      "2,Water boils at 100 C at sea level.,True,False,,,10,1",
      "3,Broken row,Only one answer,,,,20,1",
      "4,Another broken row,A,B,C,,7,2",
    ].join("\n");
    const res = await fetch(`${api}/import`, {
      method: "POST",
      headers: { "content-type": "text/csv", "x-file-name": "planets.csv" },
      body: csv,
    });
    const body = (await res.json()) as { questions: Record<string, unknown>[]; rejected: unknown };
    expect(res.status).toBe(200);
    expect(body.rejected).toEqual([
      { row: 5, reason: "needs at least 2 answers, found 1" },
      { row: 6, reason: "time limit 7 is not one of 5, 10, 20, 30, 60, 90, 120, 240" },
    ]);
    expect(body.questions.map((q) => [q.type, q.prompt])).toEqual([
      ["multiple-choice", "Largest planet?"],
      ["true-false", "Water boils at 100 C at sea level."],
    ]);

    const exported = await call(`${api}/banks/small-valid/export?format=csv`, "GET");
    expect(exported.status).toBe(200);
    expect(exported.body.fileName).toBe("small-valid.csv");
    expect(exported.body.skipped.map((s: { id: string }) => s.id)).toEqual(["finland-base", "army-cut", "thaw-order"]);
    expect(Buffer.from(exported.body.base64, "base64").toString("utf8")).toContain(
      '1,"Shortly after Stalin\'s death, who proposed a reunified, neutral Germany?",Beria,Malenkov,Khrushchev,Molotov,20,1',
    );
  });

  it("renames, duplicates and deletes a bank (deleted files are kept in .trash)", async () => {
    const opened = await call(`${api}/banks/demo-quiz`, "GET");
    const renamed = await call(`${api}/banks/demo-quiz/rename`, "POST", {
      newId: "france-quiz",
      title: "France quiz",
      baseVersion: opened.body.version,
    });
    expect(renamed.status).toBe(200);
    expect(fs.existsSync(path.join(banksDir, "demo-quiz.yaml"))).toBe(false);
    expect(fs.readFileSync(path.join(banksDir, "france-quiz.yaml"), "utf8")).toMatch(
      /^id: france-quiz\ntitle: France quiz\n/,
    );
    expect(fs.readdirSync(path.join(banksDir, "france-quiz")).sort()).toEqual([
      expect.stringMatching(/^map-of-europe-/),
      "maps",
    ]); // pictures moved with it

    const copy = await call(`${api}/banks/france-quiz/duplicate`, "POST", {
      newId: "france-quiz-2",
      title: "France 2",
    });
    expect(copy.status).toBe(201);
    const listed = await call(`${api}/banks`, "GET");
    expect(listed.body.banks.map((bank: { id: string }) => bank.id)).toEqual([
      "by-hand",
      "commented",
      "france-quiz",
      "france-quiz-2",
      "small-valid",
    ]);

    const gone = await call(`${api}/banks/france-quiz-2?version=${copy.body.version}`, "DELETE");
    expect(gone.status).toBe(200);
    expect(fs.existsSync(path.join(banksDir, "france-quiz-2.yaml"))).toBe(false);
    expect(fs.existsSync(path.join(banksDir, gone.body.keptIn, "france-quiz-2.yaml"))).toBe(true);
    const listedAfter = await call(`${server.url}/api/banks`, "GET");
    expect(listedAfter.body.map((bank: { id: string }) => bank.id)).not.toContain("france-quiz-2");
  });
});

describe("who may edit", () => {
  const lanAddress = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address?.family === "IPv4" && !address.internal)?.address;

  /** A server listening on every interface, as in a classroom, with its own banks folder. */
  async function classroomServer(env: Record<string, string>) {
    const port = await freePort();
    const banksDir = tempBanksDir();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-editor-data-"));
    const running = await startServer(
      readConfig({ PORT: String(port), HOST: "0.0.0.0", BANKS_DIR: banksDir, DATA_DIR: dataDir, ...env }),
    );
    return {
      port,
      async stop() {
        await running.stop();
        fs.rmSync(banksDir, { recursive: true, force: true });
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }

  const refusal =
    "Banks can only be edited on the computer running Hands Up (open http://localhost:<port>/edit there). " +
    "To edit from another device, start the server with HOST_PASSWORD set, or with ALLOW_LAN_EDITING=1 on a network without students.";

  it("without a password, refuses a student's machine and lets the server's own machine edit", async () => {
    const server = await classroomServer({ TRUST_PROXY: "loopback" });
    try {
      const save = (base: string, headers: Record<string, string> = {}) =>
        call(`${base}/api/editor/banks/lan-quiz`, "PUT", { bank: demoBank("lan-quiz"), baseVersion: null }, headers);
      // Through a reverse proxy on this machine (TRUST_PROXY=loopback), the forwarded client address is what counts.
      const viaProxy = await save(`http://127.0.0.1:${server.port}`, { "x-forwarded-for": "192.168.1.23" });
      expect(viaProxy).toEqual({ status: 403, body: { error: refusal } });
      if (lanAddress) {
        // A real socket from this machine's network address: the server sees a non-loopback peer, as with a phone.
        const direct = await save(`http://${lanAddress}:${server.port}`);
        expect(direct).toEqual({ status: 403, body: { error: refusal } });
        const access = await call(`http://${lanAddress}:${server.port}/api/editor/access`, "GET");
        expect(access.body).toEqual({ allowed: false, passwordRequired: false, reason: refusal });
      } else {
        console.warn("no non-loopback IPv4 interface here: only the reverse-proxy case of a LAN client was tested");
      }
      expect((await save(`http://127.0.0.1:${server.port}`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("with ALLOW_LAN_EDITING=1 another machine may edit; with HOST_PASSWORD only whoever gives it", async () => {
    const open = await classroomServer({ ALLOW_LAN_EDITING: "1" });
    try {
      const res = await call(`http://127.0.0.1:${open.port}/api/editor/banks`, "GET", undefined, {
        "x-forwarded-for": "192.168.1.23",
      });
      expect(res.status).toBe(200);
    } finally {
      await open.stop();
    }
    const guarded = await classroomServer({ HOST_PASSWORD: "owl" });
    try {
      const url = `http://127.0.0.1:${guarded.port}/api/editor/banks`;
      expect(await call(url, "GET")).toEqual({
        status: 401,
        body: { error: "Editing banks needs the host password (the one used to create games)." },
      });
      expect(await call(url, "GET", undefined, { "x-host-password": "cat" })).toEqual({
        status: 401,
        body: { error: "That is not the host password." },
      });
      expect((await call(url, "GET", undefined, { "x-host-password": "owl" })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

describe("atomic save", () => {
  it("a process killed while saving leaves the old file or the new one, never half of one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-atomic-"));
    const file = path.join(dir, "big.yaml");
    // Two versions of a large bank (about 2 MB), so each write takes long enough to be caught in the middle.
    const version = (label: string) =>
      `id: big\ntitle: ${label}\nquestions:\n${Array.from(
        { length: 6000 },
        (_, i) =>
          `  - id: q-${i}\n    type: true-false\n    prompt: Statement number ${i} from version ${label}, long enough to take room.\n    correct: true\n    explanation: Version ${label}, question ${i}.\n`,
      ).join("")}`;
    const texts = [version("A"), version("B")];
    fs.writeFileSync(file, texts[0]!);
    const versionFiles = texts.map((text, i) => {
      const name = path.join(dir, `version-${i}.txt`);
      fs.writeFileSync(name, text);
      return name;
    });
    const writer = path.join(ROOT, "tests", "fixtures", "atomic-writer.ts");
    try {
      for (let round = 0; round < 4; round++) {
        const child = spawn(process.execPath, [writer, file, ...versionFiles], {
          stdio: ["ignore", "pipe", "inherit"],
        });
        // Kill it at a different point of a save each round, after it has begun saving.
        await new Promise<void>((resolve) => {
          let seen = "";
          child.stdout.on("data", (chunk) => {
            seen += chunk;
            if (seen.split("\n").length > 2 + round) resolve();
          });
        });
        await new Promise((r) => setTimeout(r, round * 7));
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
        const now = fs.readFileSync(file, "utf8");
        expect(texts.includes(now), `round ${round}: file has ${now.length} characters`).toBe(true);
        expect(parseBank(now, file).ok).toBe(true);
      }
      // A killed save may leave its temporary file: never read as a bank, and tidied when the server next starts.
      fs.writeFileSync(path.join(dir, ".big.yaml.999-deadbeef.tmp"), texts[1]!.slice(0, 1000)); // half a save
      const leftovers = fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"));
      expect(leftovers).toContain(".big.yaml.999-deadbeef.tmp");
      const old = new Date(Date.now() - 120_000);
      for (const name of leftovers) fs.utimesSync(path.join(dir, name), old, old);
      const library = new BankLibrary(dir);
      expect(library.banks.map((bank) => bank.id)).toEqual(["big"]);
      expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
