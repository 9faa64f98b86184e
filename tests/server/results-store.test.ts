import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { GameReport } from "../../server/src/results/report.ts";
import { reportToCsv } from "../../server/src/results/report-csv.ts";
import { openResultsStore, type ResultsStore } from "../../server/src/results/results-store.ts";

const GAME = "game-1";
const EVE = '=HYPERLINK("http://x.test","Eve")';

let dataDir: string;
const openStores: ResultsStore[] = [];

function open(): ResultsStore {
  const store = openResultsStore(dataDir);
  openStores.push(store);
  return store;
}

beforeEach(() => {
  dataDir = join(mkdtempSync(join(tmpdir(), "handsup-results-")), "data");
});

afterEach(() => {
  for (const store of openStores.splice(0)) {
    try {
      store.close();
    } catch {
      // already closed by the test
    }
  }
  rmSync(join(dataDir, ".."), { recursive: true, force: true });
});

/** Three questions, four students: Ana and Bo tie on 200, Eve has a formula for a name, Dee never answers. */
function playSampleGame(store: ResultsStore): boolean[] {
  store.recordGame({
    gameId: GAME,
    code: "ABC123",
    hostKeyHash: "f".repeat(64),
    title: "Peaceful coexistence",
    bankIds: ["peaceful-coexistence"],
    settingsJson: '{"questionCount":3}',
    createdAt: 1_000,
  });
  const questions = [
    ["q-france", "Capital of France?", "Paris"],
    ["q-sum", "What is 2 + 2?", "4"],
    ["q-planet", "Largest planet, by mass?", "Jupiter"],
  ] as const;
  questions.forEach(([questionId, prompt, correctText], index) => {
    store.recordQuestion({
      gameId: GAME,
      index,
      bankId: "peaceful-coexistence",
      questionId,
      type: "text",
      prompt,
      correctText,
      openedAt: 10_000 * (index + 1),
    });
  });
  store.recordPlayer({ gameId: GAME, playerId: "ana", name: "Ana", joinedAt: 2_000 });
  store.recordPlayer({ gameId: GAME, playerId: "bo", name: "Bo", joinedAt: 2_100 });
  store.recordPlayer({ gameId: GAME, playerId: "eve", name: EVE, joinedAt: 2_200 });
  store.recordPlayer({ gameId: GAME, playerId: "dee", name: "D", joinedAt: 2_300 });
  // Dee rejoins under a new nickname: same id, so one row, renamed.
  store.recordPlayer({ gameId: GAME, playerId: "dee", name: "Dee", joinedAt: 9_000 });

  const answer = (questionIndex: number, playerId: string, answerText: string, points: number, responseMs: number) =>
    store.recordAnswer({
      gameId: GAME,
      questionIndex,
      playerId,
      answerText,
      correct: points > 0,
      responseMs,
      points,
      answeredAt: 10_000 * (questionIndex + 1) + responseMs,
      mode: "everyone",
    });
  return [
    answer(0, "ana", "Paris", 100, 1_200),
    answer(0, "bo", "Paris", 90, 2_000),
    answer(0, "eve", "Lyon", 0, 3_100),
    answer(0, "ana", "Lyon", 0, 4_000), // a second answer: must not count
    answer(1, "ana", "22", 0, 1_000),
    answer(1, "bo", "4", 80, 1_500),
    answer(1, "eve", " 22", 0, 2_500),
    answer(2, "ana", "Jupiter", 100, 800),
    answer(2, "bo", "Jupiter", 30, 1_600),
    answer(2, "eve", "Jupiter", 50, 2_400),
  ];
}

const EXPECTED_REPORT: GameReport = {
  game: {
    code: "ABC123",
    title: "Peaceful coexistence",
    bankIds: ["peaceful-coexistence"],
    createdAt: 1_000,
    endedAt: 99_000,
    questionCount: 3,
  },
  students: [
    { rank: 1, name: "Ana", score: 200, correct: 2, answered: 3, averageMs: 1_000, averageSeconds: 1 },
    { rank: 1, name: "Bo", score: 200, correct: 3, answered: 3, averageMs: 1_700, averageSeconds: 1.7 },
    { rank: 2, name: EVE, score: 50, correct: 1, answered: 3, averageMs: 2_667, averageSeconds: 2.7 },
    { rank: 3, name: "Dee", score: 0, correct: 0, answered: 0, averageMs: null, averageSeconds: null },
  ],
  questions: [
    {
      index: 0,
      questionId: "q-france",
      bankId: "peaceful-coexistence",
      prompt: "Capital of France?",
      correctText: "Paris",
      answered: 3,
      percentCorrect: 66.7,
      averageMs: 2_100,
      averageSeconds: 2.1,
      mostCommonWrongAnswer: "Lyon",
      skipped: false,
    },
    {
      index: 1,
      questionId: "q-sum",
      bankId: "peaceful-coexistence",
      prompt: "What is 2 + 2?",
      correctText: "4",
      answered: 3,
      percentCorrect: 33.3,
      averageMs: 1_667,
      averageSeconds: 1.7,
      mostCommonWrongAnswer: "22",
      skipped: false,
    },
    {
      index: 2,
      questionId: "q-planet",
      bankId: "peaceful-coexistence",
      prompt: "Largest planet, by mass?",
      correctText: "Jupiter",
      answered: 3,
      percentCorrect: 100,
      averageMs: 1_600,
      averageSeconds: 1.6,
      mostCommonWrongAnswer: null,
      skipped: false,
    },
  ],
  grid: [], // reports from the older tables have no per-cell record
  reteach: [1, 0, 2], // 33.3 %, 66.7 %, 100 %
};

describe("results store", () => {
  test("reports ranks with a tie, per-question figures, and ignores a second answer", () => {
    const store = open();
    const recorded = playSampleGame(store);
    expect(recorded).toEqual([true, true, true, false, true, true, true, true, true, true]);
    expect(store.report(GAME).game.endedAt).toBe(null);
    store.finishGame(GAME, 99_000);
    expect(store.report(GAME)).toEqual(EXPECTED_REPORT);
  });

  test("exports the report as CSV with a BOM, two header rows and formulas defused", () => {
    const store = open();
    playSampleGame(store);
    store.finishGame(GAME, 99_000);
    expect(reportToCsv(store.report(GAME))).toBe(
      [
        "\uFEFFRank,Name,Score,Correct,Answered,Average time (ms)",
        "1,Ana,200,2,3,1000",
        "1,Bo,200,3,3,1700",
        `2,"'=HYPERLINK(""http://x.test"",""Eve"")",50,1,3,2667`,
        "3,Dee,0,0,0,",
        "",
        "Question,Bank,Question ID,Prompt,Correct answer,Answered,% correct,Average time (ms),Most common wrong answer",
        "1,peaceful-coexistence,q-france,Capital of France?,Paris,3,66.7,2100,Lyon",
        "2,peaceful-coexistence,q-sum,What is 2 + 2?,4,3,33.3,1667,22",
        '3,peaceful-coexistence,q-planet,"Largest planet, by mass?",Jupiter,3,100,1600,',
        "",
      ].join("\r\n"),
    );
  });

  test("defuses every formula lead character in text, even across line breaks, but leaves negative scores as numbers", () => {
    const report: GameReport = {
      game: { code: "X", title: "t", bankIds: [], createdAt: 0, endedAt: null, questionCount: 1 },
      students: [
        { rank: 1, name: "+Plus", score: 10, correct: 1, answered: 1, averageMs: 5, averageSeconds: 0 },
        { rank: 2, name: "@At", score: 0, correct: 0, answered: 0, averageMs: null, averageSeconds: null },
        { rank: 3, name: "-Dash\nline two", score: -5, correct: 0, answered: 1, averageMs: 7, averageSeconds: 0 },
      ],
      questions: [
        {
          index: 0,
          questionId: "q",
          bankId: "b",
          prompt: "Écrivez « café »",
          correctText: "café",
          answered: 2,
          percentCorrect: 50,
          averageMs: 6,
          averageSeconds: 0,
          mostCommonWrongAnswer: "=1+1",
          skipped: false,
        },
      ],
      grid: [],
      reteach: [0],
    };
    const lines = reportToCsv(report).split("\r\n");
    expect(lines.slice(1, 4)).toEqual(['1,"\'+Plus",10,1,1,5', '2,"\'@At",0,0,0,', '3,"\'-Dash\nline two",-5,0,1,7']);
    expect(lines[6]).toBe('1,b,q,Écrivez « café »,café,2,50,6,"\'=1+1"');
  });

  test("keeps everything after the store is closed and reopened on the same directory", () => {
    const first = open();
    playSampleGame(first);
    first.finishGame(GAME, 99_000);
    first.close();

    const reopened = open();
    expect(reopened.findGameByCode("ABC123")).toEqual({
      gameId: GAME,
      code: "ABC123",
      hostKeyHash: "f".repeat(64),
      title: "Peaceful coexistence",
      bankIds: ["peaceful-coexistence"],
      settingsJson: '{"questionCount":3}',
      createdAt: 1_000,
      endedAt: 99_000,
    });
    expect(reopened.report(GAME)).toEqual(EXPECTED_REPORT);
  });

  test("two store instances on one file, writing interleaved, both land", () => {
    const a = open();
    const b = open();
    a.recordGame({
      gameId: "g",
      code: "TWO",
      hostKeyHash: "",
      title: "Two writers",
      bankIds: ["b1", "b2"],
      settingsJson: "{}",
      createdAt: 5,
    });
    b.recordQuestion({
      gameId: "g",
      index: 0,
      bankId: "b1",
      questionId: "q",
      type: "text",
      prompt: "?",
      correctText: "!",
      openedAt: 6,
    });
    for (let n = 0; n < 20; n++) {
      const writer = n % 2 === 0 ? a : b;
      writer.recordPlayer({ gameId: "g", playerId: `p${n}`, name: `P${String(n).padStart(2, "0")}`, joinedAt: 7 });
      writer.recordAnswer({
        gameId: "g",
        questionIndex: 0,
        playerId: `p${n}`,
        answerText: "!",
        correct: true,
        responseMs: 100 * n,
        points: n,
        answeredAt: 8,
        mode: "everyone",
      });
    }
    // b sees what a wrote and vice versa, and a third, fresh instance sees it all.
    expect(b.recordAnswer({ ...sampleAnswer("g", "p0"), answerText: "again" })).toBe(false);
    a.close();
    b.close();
    const report = open().report("g");
    expect(report.students.map((s) => [s.rank, s.name, s.score])).toEqual(
      Array.from({ length: 20 }, (_, i) => [i + 1, `P${String(19 - i).padStart(2, "0")}`, 19 - i]),
    );
    expect(report.questions[0]).toMatchObject({ answered: 20, percentCorrect: 100, averageMs: 950, averageSeconds: 1 });
  });

  test("finds the most recent game for a reused join code", () => {
    const store = open();
    for (const [gameId, createdAt] of [
      ["old", 1_000],
      ["new", 2_000],
    ] as const) {
      store.recordGame({
        gameId,
        code: "SAME",
        hostKeyHash: "",
        title: gameId,
        bankIds: [],
        settingsJson: "{}",
        createdAt,
      });
    }
    expect(store.findGameByCode("SAME")?.gameId).toBe("new");
    expect(store.findGameByCode("NONE")).toBe(undefined);
  });

  test("refuses an answer from a player the room never recorded", () => {
    const store = open();
    playSampleGame(store);
    expect(() => store.recordAnswer(sampleAnswer(GAME, "ghost"))).toThrow(/FOREIGN KEY constraint failed/);
    expect(store.report(GAME).questions[0]?.answered).toBe(3);
  });

  test("records a spoken buzzer answer but never offers it as the most common wrong answer", () => {
    const store = open();
    playSampleGame(store);
    store.recordAnswer({ ...sampleAnswer(GAME, "dee"), answerText: "(spoken)", correct: false, points: -20 });
    const report = store.report(GAME);
    expect(report.students.at(-1)).toEqual({
      rank: 3,
      name: "Dee",
      score: -20,
      correct: 0,
      answered: 1,
      averageMs: 500,
      averageSeconds: 0.5,
    });
    expect(report.questions[0]).toMatchObject({ answered: 4, percentCorrect: 50, mostCommonWrongAnswer: "Lyon" });
  });
});

function sampleAnswer(gameId: string, playerId: string) {
  return {
    gameId,
    questionIndex: 0,
    playerId,
    answerText: "x",
    correct: false,
    responseMs: 500,
    points: 0,
    answeredAt: 1,
    mode: "buzzer" as const,
  };
}
