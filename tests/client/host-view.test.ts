import { describe, expect, test } from "vitest";
import {
  type HostView,
  hostView,
  joinUrlFor,
  type LeaderboardView,
  type LobbyView,
  type PodiumView,
  type QuestionStageView,
  type RevealView,
  type ToolbarButton,
} from "../../client/src/host/host-view.ts";
import type { GameSnapshot, LeaderRow } from "../../client/src/net/snapshot.ts";
import { game, hostModel, NOW, player, QUESTIONS } from "./fixtures.ts";

const ORIGIN = "http://192.168.1.20:2567";

/** The projector's view for this game state (and these model fields). */
function projectorShows(gameOverrides: Partial<GameSnapshot>, modelOverrides: Parameters<typeof hostModel>[0] = {}) {
  return hostView(hostModel({ game: game(gameOverrides), ...modelOverrides }), ORIGIN);
}

const ids = (toolbar: ToolbarButton[]) => toolbar.map((b) => b.id);
const labels = (toolbar: ToolbarButton[]) => toolbar.map((b) => b.label);
const as = <V extends HostView>(view: HostView) => view as V;

const ROWS: LeaderRow[] = [
  { playerId: "p-ada", name: "Ada", score: 2900, rank: 1 },
  { playerId: "p-ben", name: "Ben", score: 1700, rank: 2 },
  { playerId: "p-cy", name: "Cy", score: 850, rank: 3 },
  { playerId: "p-dee", name: "Dee", score: 600, rank: 4 },
  { playerId: "p-eve", name: "Eve", score: 0, rank: 5 },
  { playerId: "p-fay", name: "Fay", score: 0, rank: 5 },
];

describe("joinUrlFor", () => {
  test("the first LAN address wins over the page's origin", () => {
    expect(joinUrlFor("ABC123", ["http://10.0.0.5:2567", "http://172.17.0.1:2567"], "http://localhost:2567")).toBe(
      "http://10.0.0.5:2567/?code=ABC123",
    );
  });

  test("without a LAN address, the page's own origin", () => {
    expect(joinUrlFor("ABC123", [], "http://localhost:2567")).toBe("http://localhost:2567/?code=ABC123");
  });
});

describe("creating a game", () => {
  test("the create form", () => {
    const banks = [
      {
        id: "pc",
        title: "Peaceful coexistence",
        subject: "History",
        level: "GCSE",
        questionCount: 40,
        tags: [],
        types: {},
      },
    ];
    const view = hostView(hostModel({ stage: "create", game: undefined, banks, hostPasswordRequired: true }), ORIGIN);
    expect(view).toEqual({
      scene: "HostCreateScene",
      title: "Hands Up — new game",
      announce: "Create a game",
      banks,
      passwordRequired: true,
      error: "",
      creating: false,
    });
  });

  test("a refused create says why", () => {
    const view = hostView(hostModel({ stage: "create", createError: "Wrong password.", creating: false }), ORIGIN);
    expect(view).toMatchObject({ announce: "Could not create the game: Wrong password.", error: "Wrong password." });
  });
});

describe("the lobby", () => {
  test("nobody yet: Start is disabled", () => {
    const view = as<LobbyView>(projectorShows({ phase: "lobby", players: [], questionIndex: -1 }));
    expect(view).toEqual({
      scene: "HostLobbyScene",
      title: "Hands Up — ABC123",
      announce: "Lobby: code ABC123. 0 players joined.",
      code: "ABC123",
      joinUrl: `${ORIGIN}/?code=ABC123`,
      players: [],
      locked: false,
      warning: "",
      toolbar: [
        { id: "lock", label: "Lock joining" },
        { id: "prompt-on-phones", label: "Show question on phones", pressed: true },
        { id: "start", label: "Start", kind: "primary", enabled: false },
      ],
    });
  });

  test("students with their time accommodations, joining locked, phones without the question", () => {
    const view = as<LobbyView>(
      projectorShows(
        {
          phase: "lobby",
          lobbyLocked: true,
          showPromptOnPhones: false,
          players: [
            player(),
            player({ id: "p-ben", name: "Ben", extraTime: 1.5 }),
            player({ id: "p-cy", name: "Cy", extraTime: 2, connected: false }),
          ],
        },
        { lanUrls: ["http://10.0.0.5:2567"], createWarning: "Only 3 questions match those tags." },
      ),
    );
    expect(view.announce).toBe("Lobby: code ABC123. 3 players joined: Ada, Ben, Cy.");
    expect(view.players).toEqual([
      { id: "p-ada", name: "Ada", extraTime: 1, label: "Ada", connected: true },
      { id: "p-ben", name: "Ben", extraTime: 1.5, label: "Ben", connected: true },
      { id: "p-cy", name: "Cy", extraTime: 2, label: "Cy (offline)", connected: false },
    ]);
    // The class sees names only: an accommodation is the teacher's business.
    expect(JSON.stringify({ ...view, players: view.players.map((p) => p.label) })).not.toMatch(/×|extra|time/i);
    expect(view.joinUrl).toBe("http://10.0.0.5:2567/?code=ABC123");
    expect(view.warning).toBe("Only 3 questions match those tags.");
    expect(view.locked).toBe(true);
    expect(view.toolbar).toEqual([
      { id: "lock", label: "Unlock joining" },
      { id: "prompt-on-phones", label: "Show question on phones", pressed: false },
      { id: "start", label: "Start", kind: "primary", enabled: true },
    ]);
  });

  test("one student: singular", () => {
    expect(projectorShows({ phase: "lobby", players: [player()] }).announce).toBe(
      "Lobby: code ABC123. 1 player joined: Ada.",
    );
  });
});

describe("get ready", () => {
  test.each([
    ["everyone", 1, "Question 2 of 5", "Get ready: Question 2 of 5"],
    ["buzzer", 1, "Question 2 of 5 · Buzzer", "Get ready: Question 2 of 5, buzzer round"],
    ["everyone", 3, "Question 2 of 5 · Round 1 of 3", "Get ready: Question 2 of 5 · Round 1 of 3"],
    ["buzzer", 2, "Question 2 of 5 · Round 1 of 2 · Buzzer", "Get ready: Question 2 of 5 · Round 1 of 2, buzzer round"],
  ] as const)("%s round, %i round(s) in the game", (roundMode, roundCount, header, announce) => {
    const view = as<QuestionStageView>(
      projectorShows({ phase: "getReady", roundMode, roundCount, phaseEndsAt: NOW + 3000 }),
    );
    expect(view).toMatchObject({
      scene: "HostQuestionScene",
      stage: "getReady",
      header,
      announce,
      prompt: "",
      options: [],
      countdownTo: NOW + 3000,
      totalMs: 3000,
    });
    expect(view.toolbar).toEqual([
      { id: "prompt-on-phones", label: "Show question on phones", pressed: true },
      { id: "next", label: "Show question now", kind: "primary" },
    ]);
  });
});

describe("a question on the board", () => {
  test.each([
    [QUESTIONS.choice, ["Beria", "Malenkov", "Molotov", "Bulganin"]],
    [QUESTIONS.trueFalse, ["True", "False"]],
    [QUESTIONS.typed, []],
    [QUESTIONS.numeric, []],
    [QUESTIONS.ordering, ["Secret Speech", "Stalin dies", "Sputnik"]],
  ])("$type question", (question, options) => {
    const view = as<QuestionStageView>(projectorShows({ question, phaseEndsAt: NOW + question.timeLimitMs }));
    expect(view).toMatchObject({
      stage: "question",
      header: "Question 2 of 5",
      announce: `Question 2 of 5: ${question.prompt}`,
      prompt: question.prompt,
      questionType: question.type,
      options,
      mode: "everyone",
      countdownTo: NOW + question.timeLimitMs,
      totalMs: question.timeLimitMs,
      peekText: "",
    });
  });

  test.each([
    [0, 3, 3, "0 of 3 answered"],
    [2, 3, 2, "2 of 3 answered · 1 phone offline"],
    [1, 4, 2, "1 of 4 answered · 2 phones offline"],
    [1, 1, 1, "1 of 1 answered"],
    // Before anyone is counted as connected, nobody is called offline.
    [0, 4, 0, "0 of 4 answered"],
  ])("%i answers in, %i players, %i connected → %s", (answersIn, playerCount, connectedCount, line) => {
    expect(as<QuestionStageView>(projectorShows({ answersIn, playerCount, connectedCount })).answersLine).toBe(line);
  });

  test("the teacher's controls while a question runs", () => {
    const view = as<QuestionStageView>(projectorShows({}));
    expect(view.toolbar).toEqual([
      { id: "pause", label: "Pause (P)" },
      { id: "extend", label: "+10 s" },
      { id: "skip", label: "Skip" },
      { id: "peek", label: "Show answer to me" },
      { id: "prompt-on-phones", label: "Show question on phones", pressed: true },
      { id: "reveal-now", label: "Reveal now", kind: "primary" },
    ]);
  });

  test("paused: Resume, and the live region says so", () => {
    const view = as<QuestionStageView>(projectorShows({ paused: true, pausedRemainingMs: 9_000 }));
    expect(view.announce).toBe("Paused. Question 2 of 5: Who was arrested in June 1953?");
    expect(view.toolbar[0]).toEqual({ id: "resume", label: "Resume (P)" });
    expect([view.paused, view.pausedRemainingMs]).toEqual([true, 9_000]);
  });

  test("peeking shows the answer to the teacher only when asked", () => {
    const secret = { correctText: "Beria", liveDistribution: [1, 0, 0, 0] };
    const hidden = as<QuestionStageView>(projectorShows({ hostSecret: secret }));
    const shown = as<QuestionStageView>(projectorShows({ hostSecret: secret }, { peek: true }));
    expect([hidden.peekText, labels(hidden.toolbar)[3]]).toEqual(["", "Show answer to me"]);
    expect([shown.peekText, labels(shown.toolbar)[3]]).toEqual(["Beria", "Hide answer"]);
  });

  test("a refused command is shown to the teacher", () => {
    expect(as<QuestionStageView>(projectorShows({}, { notice: "Nobody is answering." })).notice).toBe(
      "Nobody is answering.",
    );
  });
});

describe("a buzzer question", () => {
  const queue = [
    { playerId: "p-ben", name: "Ben", gapMs: 0, marginMs: 0, contender: false, status: "answering" as const },
    { playerId: "p-ada", name: "Ada", gapMs: 140, marginMs: 40, contender: false, status: "waiting" as const },
  ];

  test.each([
    [[], "0 buzzes"],
    [queue.slice(0, 1), "1 buzz"],
    [queue, "2 buzzes"],
  ])("buzz count %#", (buzzQueue, line) => {
    const view = as<QuestionStageView>(projectorShows({ roundMode: "buzzer", question: QUESTIONS.typed, buzzQueue }));
    expect(view.answersLine).toBe(line);
  });

  test("a photo finish: the projector says it could not tell, and by how much", () => {
    const close = [
      { ...queue[0]!, contender: true },
      { ...queue[1]!, gapMs: 12, marginMs: 40, contender: true },
    ];
    const answering = {
      roundMode: "buzzer" as const,
      phase: "answering" as const,
      question: QUESTIONS.typed,
      buzzQueue: close,
      photoFinish: { gapMs: 12, marginMs: 40 },
      answeringPlayerId: "p-ben",
      answeringName: "Ben",
    };
    expect(as<QuestionStageView>(projectorShows(answering))).toMatchObject({
      photoFinishLine: "Photo finish — 12 ms, within the margin (±40 ms)",
      announce: "Photo finish — 12 ms, within the margin (±40 ms). Ben is answering",
    });
    const rebuzz = as<QuestionStageView>(
      projectorShows({ roundMode: "buzzer", question: QUESTIONS.typed, buzzQueue: [], rebuzz: true }),
    );
    expect([rebuzz.photoFinishLine, rebuzz.announce]).toEqual([
      "Photo finish — too close to call: everyone buzz again!",
      "Photo finish — too close to call: everyone buzz again!",
    ]);
    const clear = as<QuestionStageView>(projectorShows({ ...answering, photoFinish: null, buzzQueue: queue }));
    expect([clear.photoFinishLine, clear.announce]).toEqual(["", "Ben is answering"]);
  });

  test("someone answers: mark right / wrong, their own countdown", () => {
    const view = as<QuestionStageView>(
      projectorShows({
        roundMode: "buzzer",
        phase: "answering",
        question: QUESTIONS.typed,
        buzzQueue: queue,
        answeringPlayerId: "p-ben",
        answeringName: "Ben",
        answeringStartedAt: NOW + 4_000,
        answeringEndsAt: NOW + 14_000,
      }),
    );
    expect(view).toMatchObject({
      stage: "answering",
      header: "Question 2 of 5 · Buzzer",
      announce: "Ben is answering",
      answeringName: "Ben",
      buzzQueue: queue,
      countdownTo: NOW + 14_000,
      totalMs: 10_000, // the turn's own window, whenever in the question it began
    });
    expect(ids(view.toolbar)).toEqual([
      "pause",
      "extend",
      "skip",
      "mark-right",
      "mark-wrong",
      "peek",
      "prompt-on-phones",
      "reveal-now",
    ]);
    expect(view.toolbar[3]).toEqual({ id: "mark-right", label: "Ben is right", kind: "good" });
    expect(view.toolbar[4]).toEqual({ id: "mark-wrong", label: "Wrong", kind: "bad" });
  });
});

describe("the reveal", () => {
  const reveal = {
    correctOptionIndices: [0],
    correctText: "Beria",
    correctOrder: [],
    explanation: "Beria was arrested at a Presidium meeting.",
    distribution: [2, 1, 0],
    answeredCount: 3,
    correctCount: 2,
  };

  test("a multiple-choice question: one bar per option, the right one marked", () => {
    const view = as<RevealView>(projectorShows({ phase: "reveal", reveal }));
    expect(view).toEqual({
      scene: "HostRevealScene",
      title: "Hands Up — ABC123",
      announce: "Answer: Beria. 3 of 3 answered, 2 correct, 0 no answer.",
      header: "Question 2 of 5",
      prompt: "Who was arrested in June 1953?",
      questionType: "multiple-choice",
      bars: [
        { label: "Beria", count: 2, correct: true, style: 0 },
        { label: "Malenkov", count: 1, correct: false, style: 1 },
        { label: "Molotov", count: 0, correct: false, style: 2 },
        { label: "Bulganin", count: 0, correct: false, style: 3 },
      ],
      correctText: "Beria",
      explanation: "Beria was arrested at a Presidium meeting.",
      summary: "3 of 3 answered · 2 correct · 0 no answer",
      toolbar: [{ id: "next", label: "Leaderboard", kind: "primary" }],
    });
  });

  test("true/false: True and False bars", () => {
    const view = as<RevealView>(
      projectorShows({
        phase: "reveal",
        question: QUESTIONS.trueFalse,
        reveal: {
          ...reveal,
          correctOptionIndices: [0],
          correctText: "True",
          distribution: [1, 0],
          answeredCount: 1,
          correctCount: 1,
        },
      }),
    );
    expect(view.bars).toEqual([
      { label: "True", count: 1, correct: true, style: 0 },
      { label: "False", count: 0, correct: false, style: 1 },
    ]);
    expect(view.announce).toBe("Answer: True. 1 of 3 answered, 1 correct, 2 no answer.");
  });

  test.each([QUESTIONS.typed, QUESTIONS.numeric, QUESTIONS.ordering])("$type: Right and Wrong bars", (question) => {
    const view = as<RevealView>(
      projectorShows({
        phase: "reveal",
        question,
        reveal: { ...reveal, correctOptionIndices: [], distribution: [1, 2], correctCount: 1 },
      }),
    );
    expect(view.bars).toEqual([
      { label: "Right", count: 1, correct: true, style: 3 },
      { label: "Wrong", count: 2, correct: false, style: 0 },
    ]);
    expect(view.summary).toBe("3 of 3 answered · 1 correct · 0 no answer");
  });
});

describe("the leaderboard", () => {
  test("the top five in the live region, movement from the previous board", () => {
    const view = as<LeaderboardView>(
      projectorShows(
        { phase: "leaderboard", leaderboard: ROWS },
        {
          previousLeaderboard: [
            { playerId: "p-ben", name: "Ben", score: 850, rank: 1 },
            { playerId: "p-ada", name: "Ada", score: 800, rank: 2 },
          ],
        },
      ),
    );
    expect(view).toEqual({
      scene: "HostLeaderboardScene",
      title: "Hands Up — ABC123",
      announce: "Leaderboard after question 2 of 5: 1. Ada 2900, 2. Ben 1700, 3. Cy 850, 4. Dee 600, 5. Eve 0",
      header: "Leaderboard after question 2 of 5",
      rows: ROWS,
      previousRanks: { "p-ben": 1, "p-ada": 2 },
      toolbar: [{ id: "next", label: "Next question", kind: "primary" }],
    });
  });

  test("after the last question, Next leads to the podium", () => {
    const view = as<LeaderboardView>(projectorShows({ phase: "leaderboard", questionIndex: 4, leaderboard: ROWS }));
    expect(view.toolbar).toEqual([{ id: "next", label: "Podium", kind: "primary" }]);
    expect(view.header).toBe("Leaderboard after question 5 of 5");
  });
});

describe("the podium", () => {
  test("podium: the top three, End game", () => {
    const view = as<PodiumView>(projectorShows({ phase: "podium", leaderboard: ROWS }));
    expect(view).toEqual({
      scene: "HostPodiumScene",
      title: "Hands Up — ABC123",
      announce: "Podium: 1. Ada 2900 points, 2. Ben 1700 points, 3. Cy 850 points. 5 questions played.",
      top: ROWS.slice(0, 3),
      played: "5 questions played",
      ended: false,
      resultsUrl: "/api/games/ABC123/results.csv?key=key%2Fwith%2Bslash",
      toolbar: [
        { id: "results-page", label: "Results page" },
        { id: "download", label: "Download results (CSV)" },
        { id: "end", label: "End game", kind: "primary" },
      ],
    });
  });

  test("ended: Game over, New game", () => {
    const view = as<PodiumView>(projectorShows({ phase: "ended", leaderboard: ROWS.slice(0, 1) }));
    expect(view.announce).toBe("Game over: 1. Ada 2900 points. 5 questions played.");
    expect(view.ended).toBe(true);
    expect(view.toolbar.at(-1)).toEqual({ id: "new-game", label: "New game", kind: "primary" });
  });
});

describe("a skipped question", () => {
  test("the next get-ready says so, and the podium counts only the questions played", () => {
    const ready = as<QuestionStageView>(projectorShows({ phase: "getReady", questionIndex: 2 }, { skipped: [1] }));
    expect(ready.skippedNotice).toBe("Question 2 was skipped: it counts for nobody.");
    expect(ready.announce).toBe("Get ready: Question 3 of 5. Question 2 was skipped: it counts for nobody.");
    const podium = as<PodiumView>(projectorShows({ phase: "podium", leaderboard: ROWS }, { skipped: [1] }));
    expect(podium.played).toBe("4 questions played, 1 skipped");
  });
});
