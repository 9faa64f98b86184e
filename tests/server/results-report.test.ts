import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGame, joinHost, joinStudent, type Peer, startTestServer, type TestServer } from "./harness.ts";
import { answer, ROOM_BANKS_DIR } from "./room-helpers.ts";

/**
 * Issue 12, "reports teachers can use", in the room: a real game played by SDK clients — right, wrong, no answer,
 * a skipped question, a removed student — then the JSON report, each CSV table and the XLSX, every figure
 * recomputed here from what the bots did (not read back from the report).
 */

let srv: TestServer;
beforeAll(async () => {
  srv = await startTestServer({ BANKS_DIR: ROOM_BANKS_DIR });
});
afterAll(async () => {
  await srv.stop();
});

type Outcome = "right" | "wrong" | "noAnswer" | "skipped";
interface Did {
  outcome: Outcome;
  text?: string;
}

/** What each bot did, per question (bank order: capital-france, sky-blue, seven-times-six, counting). */
const PLAN: Record<string, Did[]> = {
  Ann: [
    { outcome: "right", text: "Paris" },
    { outcome: "skipped" },
    { outcome: "wrong", text: "41" },
    { outcome: "wrong" },
  ],
  Bob: [
    { outcome: "wrong", text: "Lyon" },
    { outcome: "skipped" },
    { outcome: "right", text: "42" },
    { outcome: "right" },
  ],
  Cat: [{ outcome: "wrong", text: "Lyon" }, { outcome: "skipped" }, { outcome: "noAnswer" }, { outcome: "noAnswer" }],
};
const SKIPPED = 1;
const REMOVED = "Cat";
// Speed scoring and streaks off: a right answer is worth exactly the base points (seven-times-six is "double").
const POINTS = [1000, 1000, 2000, 1000];

async function toQuestion(host: Peer, index: number) {
  // From the reveal (or a skip's get-ready): next → leaderboard → next → the question.
  while (!(host.state().phase === "question" && host.state().questionIndex === index)) {
    const phase = host.state().phase;
    if (phase === "reveal" || phase === "leaderboard") {
      host.room.send("next" as never);
      await host.waitFor((s) => s.phase !== phase, `past ${phase}`);
    } else {
      await host.waitFor((s) => s.phase === "question" && s.questionIndex === index, `question ${index + 1}`);
    }
  }
}

async function reveal(host: Peer) {
  if (host.state().phase !== "reveal") host.room.send("revealNow" as never);
  await host.waitFor((s) => s.phase === "reveal", "reveal");
}

describe("the teacher's report of a real game", () => {
  let game: { code: string; hostKey: string };
  let url: (path: string) => string;

  beforeAll(async () => {
    game = await createGame(srv.url, {
      title: "Géo: =capitals",
      bankIds: ["room-test"],
      questionCount: 4,
      order: "bank",
      speedScoring: false,
      streaks: false,
    });
    url = (path) => `${srv.url}/api/games/${game.code}/${path}${path.includes("?") ? "&" : "?"}key=${game.hostKey}`;
    const host = await joinHost(srv.url, game.code, game.hostKey);
    const peers: Record<string, Peer> = {};
    for (const name of Object.keys(PLAN)) peers[name] = await joinStudent(srv.url, game.code, name);
    const ann = peers.Ann!;
    const bob = peers.Bob!;
    const cat = peers.Cat!;
    await host.waitFor((s) => s.playerCount === 3, "three players");
    host.room.send("startGame" as never);
    // Q1 capital-france: Ann right, Bob and Cat "Lyon".
    await toQuestion(host, 0);
    await answer(ann, true);
    await answer(bob, false);
    await answer(cat, false);
    await reveal(host);
    // Q2 sky-blue: Ann answers, then the teacher skips it: it counts for nothing.
    await toQuestion(host, 1);
    await answer(ann, true);
    host.room.send("skip" as never);
    await host.waitFor((s) => s.questionIndex === 2, "skipped");
    // Q3 seven-times-six: Ann 41, Bob 42, Cat gives no answer.
    await toQuestion(host, 2);
    await answer(ann, false);
    await answer(bob, true);
    await reveal(host);
    // The teacher removes Cat.
    host.room.send("kick" as never, { playerId: cat.room.sessionId } as never);
    await host.waitFor((s) => s.playerCount === 2, "Cat removed");
    // Q4 counting: Ann puts them in reverse order, Bob right.
    await toQuestion(host, 3);
    await answer(ann, false);
    await answer(bob, true);
    await reveal(host);
    host.room.send("endGame" as never);
    await host.waitFor((s) => s.phase === "ended", "ended");
  });

  /** The figures, recomputed from PLAN. */
  const names = Object.keys(PLAN);
  const played = (name: string) => PLAN[name]!.filter((d) => d.outcome === "right" || d.outcome === "wrong");
  const score = (name: string) => PLAN[name]!.reduce((sum, d, q) => sum + (d.outcome === "right" ? POINTS[q]! : 0), 0);
  const correct = (name: string) => PLAN[name]!.filter((d) => d.outcome === "right").length;
  const percent = (q: number) => {
    const given = names.map((n) => PLAN[n]![q]!).filter((d) => d.outcome === "right" || d.outcome === "wrong");
    return given.length === 0
      ? null
      : Math.round((given.filter((d) => d.outcome === "right").length / given.length) * 1000) / 10;
  };

  it("JSON: students, questions, re-teach order and the grid", async () => {
    const res = await fetch(url("results.json"));
    expect(res.status).toBe(200);
    const report = await res.json();
    const ranked = names.filter((n) => n !== REMOVED).sort((a, b) => score(b) - score(a));
    expect(ranked).toEqual(["Bob", "Ann"]);
    expect(
      report.students.map((s: Record<string, unknown>) => [
        s.rank,
        s.name,
        s.removed ?? false,
        s.score,
        s.correct,
        s.answered,
      ]),
    ).toEqual([
      ...ranked.map((n, i) => [i + 1, n, false, score(n), correct(n), played(n).length]),
      [null, REMOVED, true, score(REMOVED), 0, played(REMOVED).length],
    ]);
    expect(
      report.questions.map((q: Record<string, unknown>) => [q.index, q.skipped, q.answered, q.percentCorrect]),
    ).toEqual(
      [0, 1, 2, 3].map((q) => [
        q,
        q === SKIPPED,
        q === SKIPPED ? 0 : names.filter((n) => ["right", "wrong"].includes(PLAN[n]![q]!.outcome)).length,
        q === SKIPPED ? null : percent(q),
      ]),
    );
    expect([percent(0), percent(2), percent(3)]).toEqual([33.3, 50, 50]);
    expect(report.questions[0].mostCommonWrongAnswer).toBe("Lyon");
    expect(report.questions[2].mostCommonWrongAnswer).toBe("41");
    expect(report.questions[3].mostCommonWrongAnswer).toBe(report.grid[1].cells[3].answerText); // Ann's, the only wrong one
    expect(report.questions[3].mostCommonWrongAnswer).toMatch(/four.*one/);
    expect(report.reteach).toEqual([0, 2, 3]); // lowest % correct first; the skipped question is not in it
    // The grid: every student × question, in the students' order.
    const rowNames = report.grid.map((row: { name: string }) => row.name);
    expect(rowNames).toEqual([...ranked, REMOVED]);
    for (const row of report.grid) {
      const plan = PLAN[row.name]!;
      expect(row.cells.map((c: { outcome: string }) => c.outcome)).toEqual(plan.map((d) => d.outcome));
      expect(row.cells.map((c: { points: number }) => c.points)).toEqual(
        plan.map((d, q) => (d.outcome === "right" ? POINTS[q] : 0)),
      );
      row.cells.forEach((cell: { seconds: number | null; answerText: string | null }, q: number) => {
        const did = plan[q]!;
        if (did.text) expect(cell.answerText).toBe(did.text);
        if (did.outcome === "noAnswer") expect(cell.seconds).toBeNull();
        if (did.outcome === "right" || did.outcome === "wrong") {
          expect(cell.seconds).toBeGreaterThanOrEqual(0);
          expect(cell.seconds).toBeLessThan(30); // in seconds, not ms
        }
      });
      expect(row.removed ?? false).toBe(row.name === REMOVED);
    }
    // Ann's answer to the skipped question is shown, marked skipped, worth nothing.
    expect(report.grid[1].cells[SKIPPED]).toMatchObject({ outcome: "skipped", points: 0, answerText: "True" });
    // A student's average time is the mean of their cells' times (each rounded to 0.1 s, so to within 0.1 s).
    for (const student of report.students) {
      const row = report.grid.find((r: { name: string }) => r.name === student.name);
      const times = row.cells
        .filter((c: { outcome: string }) => c.outcome === "right" || c.outcome === "wrong")
        .map((c: { seconds: number }) => c.seconds);
      const mean = times.reduce((a: number, b: number) => a + b, 0) / times.length;
      expect(Math.abs(student.averageSeconds - mean)).toBeLessThanOrEqual(0.1);
    }
  });

  it("CSV per table: a first row names the game, times in seconds, formulas defused; the old results.csv unchanged", async () => {
    const parse = async (table: string) => {
      const res = await fetch(url(`results.csv?table=${table}`));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toMatch(
        new RegExp(`^attachment; filename="handsup-Geo-capitals-\\d{4}-\\d{2}-\\d{2}-${table}\\.csv"$`),
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte order mark Excel needs
      const text = new TextDecoder().decode(bytes); // drops the BOM
      return Papa.parse<string[]>(text.trimEnd()).data;
    };
    const students = await parse("students");
    expect(students[0]![0]).toMatch(
      new RegExp(`^Hands Up results: Géo: =capitals \\(game ${game.code}, \\d{4}-\\d{2}-\\d{2}\\)$`),
    );
    expect(students[1]).toEqual(["Rank", "Name", "Status", "Score", "Correct", "Answered", "Average time (s)"]);
    expect(students.slice(2).map((r) => r.slice(0, 6))).toEqual([
      ["1", "Bob", "playing", String(score("Bob")), "2", "3"],
      ["2", "Ann", "playing", String(score("Ann")), "1", "3"],
      ["", "Cat", "removed", "0", "0", "1"],
    ]);
    const questions = await parse("questions");
    expect(questions[1]!.slice(0, 9)).toEqual([
      "Question",
      "Status",
      "Prompt",
      "Correct answer",
      "Answered",
      "% correct",
      "Most common wrong answer",
      "Average time (s)",
      "Re-teach rank",
    ]);
    expect(questions.slice(2).map((r) => [r[0], r[1], r[4], r[5], r[6], r[8]])).toEqual([
      ["1", "played", "3", "33.3", "Lyon", "1"],
      ["2", "skipped", "0", "", "", ""],
      ["3", "played", "2", "50", "41", "2"],
      ["4", "played", "2", "50", expect.stringMatching(/four.*one/), "3"],
    ]);
    const grid = await parse("grid");
    expect(grid[1]).toEqual(["Name", "Status", "Question", "Prompt", "Result", "Answer", "Time (s)", "Points"]);
    expect(grid.length).toBe(2 + 3 * 4);
    expect(grid.slice(2).map((r) => `${r[0]} Q${r[2]} ${r[4]} ${r[7]}`)).toEqual(
      ["Bob", "Ann", "Cat"].flatMap((n) =>
        PLAN[n]!.map(
          (d, q) =>
            `${n} Q${q + 1} ${d.outcome === "noAnswer" ? "no answer" : d.outcome} ${d.outcome === "right" ? POINTS[q] : 0}`,
        ),
      ),
    );
    const summary = await parse("summary");
    expect(summary.slice(2, 4)).toEqual([
      ["Game", "'Géo: =capitals".slice(1)],
      ["Join code", game.code],
    ]);
    // Unknown table: a clear 400; the combined file of before still works.
    const bad = await fetch(url("results.csv?table=nope"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/Unknown table/);
    const old = await (await fetch(url("results.csv"))).text();
    expect(old.split("\r\n")[0]).toBe("Rank,Name,Score,Correct,Answered,Average time (ms)");
  });

  it("XLSX: Summary, Students, Questions and Grid sheets with the recomputed cells", async () => {
    const res = await fetch(url("results.xlsx"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="handsup-Geo-capitals-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["Summary", "Students", "Questions", "Grid"]);
    const summary = workbook.getWorksheet("Summary")!;
    expect(summary.getCell("A2").value).toBe("Game");
    expect(summary.getCell("B2").value).toBe("Géo: =capitals"); // text, never a formula
    expect(summary.getCell("B3").value).toBe(game.code);
    const students = workbook.getWorksheet("Students")!;
    expect(students.getRow(2).values).toEqual([undefined, 1, "Bob", "playing", score("Bob"), 2, 3, expect.any(Number)]);
    expect(students.getRow(4).values).toEqual([undefined, undefined, "Cat", "removed", 0, 0, 1, expect.any(Number)]);
    const questions = workbook.getWorksheet("Questions")!;
    expect([2, 3, 4, 5].map((r) => questions.getRow(r).getCell(6).value)).toEqual([
      percent(0),
      null,
      percent(2),
      percent(3),
    ]);
    expect(questions.getRow(3).getCell(2).value).toBe("skipped");
    const grid = workbook.getWorksheet("Grid")!;
    expect(grid.rowCount).toBe(1 + 3 * 4);
    expect(grid.getRow(2).values).toEqual([
      undefined,
      "Bob",
      "playing",
      1,
      "What is the capital of France?",
      "wrong",
      "Lyon",
      expect.any(Number),
      0,
    ]);
    expect(grid.getRow(13).getCell(5).value).toBe("no answer"); // Cat, Q4, after being removed
  });

  it("refuses a wrong key for the XLSX", async () => {
    const res = await fetch(`${srv.url}/api/games/${game.code}/results.xlsx?key=wrong`);
    expect(res.status).toBe(403);
  });
});
