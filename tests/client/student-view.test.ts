import { describe, expect, test } from "vitest";
import type { QuestionType } from "../../client/src/net/snapshot.ts";
import { myPlayer } from "../../client/src/student/student-model.ts";
import {
  controlsFor,
  type MessageView,
  ordinal,
  type QuestionView,
  type ResultView,
  type StudentControls,
  studentView,
} from "../../client/src/student/student-view.ts";
import { game, NOW, player, QUESTIONS, studentModel } from "./fixtures.ts";

/** The phone's view for Ada with this game state (and her own player entry). */
function adaSees(gameOverrides: Parameters<typeof game>[0], adaOverrides: Parameters<typeof player>[0] = {}) {
  return studentView(studentModel({ game: game({ players: [player(adaOverrides)], ...gameOverrides }) }));
}

const asQuestion = (view: ReturnType<typeof studentView>) => view as QuestionView;
const asResult = (view: ReturnType<typeof studentView>) => view as ResultView;
const asMessage = (view: ReturnType<typeof studentView>) => view as MessageView;

describe("ordinal", () => {
  test.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [23, "23rd"],
    [101, "101st"],
    [111, "111th"],
    [112, "112th"],
  ])("%i → %s", (n, expected) => {
    expect(ordinal(n)).toBe(expected);
  });
});

describe("controlsFor", () => {
  // Whether a question takes several answers comes from its data, whatever the prompt says.
  test.each<[QuestionType, boolean, StudentControls]>([
    ["multiple-choice", false, "choice"],
    ["multiple-choice", true, "multi"],
    ["true-false", false, "boolean"],
    ["type-answer", false, "text"],
    ["numeric", false, "number"],
    ["ordering", false, "order"],
  ])("%s, multiSelect %s → %s", (type, multiSelect, expected) => {
    expect(controlsFor(type, multiSelect)).toBe(expected);
  });
});

describe("myPlayer", () => {
  test("finds this phone's entry by its player id", () => {
    const model = studentModel({
      sessionId: "p-ben",
      game: game({ players: [player(), player({ id: "p-ben", name: "Ben" })] }),
    });
    expect(myPlayer(model)?.name).toBe("Ben");
  });

  test("a rejoined phone (new session id) still finds its only entry", () => {
    expect(myPlayer(studentModel({ sessionId: "new-session" }))?.name).toBe("Ada");
  });

  test("no entry when several are present and none is ours, or before the state arrives", () => {
    const model = studentModel({
      sessionId: "p-cy",
      game: game({ players: [player(), player({ id: "p-ben", name: "Ben" })] }),
    });
    expect(myPlayer(model)).toBeUndefined();
    expect(myPlayer(studentModel({ game: undefined }))).toBeUndefined();
  });
});

describe("joining", () => {
  test("the empty join form invites a code and a nickname", () => {
    const view = studentView(studentModel({ stage: "join", game: undefined, typedCode: "", typedName: "" }));
    expect(view).toEqual({
      scene: "StudentJoinScene",
      title: "Hands Up — join",
      announce: "Join a game: type the code and a nickname.",
      code: "",
      name: "",
      error: "",
      joining: false,
    });
  });

  test("a refused join keeps what was typed and says why", () => {
    const view = studentView(
      studentModel({ stage: "join", game: undefined, joining: false, joinError: "That name is taken." }),
    );
    expect(view).toMatchObject({
      scene: "StudentJoinScene",
      announce: "Could not join: That name is taken.",
      code: "ABC123",
      name: "Ada",
      error: "That name is taken.",
    });
  });

  test("while joining the form says so; a game stage without state still shows the form", () => {
    expect(studentView(studentModel({ stage: "join", joining: true }))).toMatchObject({
      scene: "StudentJoinScene",
      joining: true,
    });
    expect(studentView(studentModel({ game: undefined })).scene).toBe("StudentJoinScene");
  });
});

describe("leaving", () => {
  test("kicked: 'Removed', with a button to join another game", () => {
    const view = studentView(
      studentModel({ stage: "removed", farewell: "You were removed from this game by the teacher." }),
    );
    expect(view).toEqual({
      scene: "StudentMessageScene",
      title: "Hands Up",
      announce: "Removed You were removed from this game by the teacher.",
      heading: "Removed",
      lines: ["You were removed from this game by the teacher."],
      tone: "bad",
      countdownTo: 0,
      action: "join-another",
    });
  });

  test("connection lost: 'Disconnected', with a rejoin button", () => {
    const view = asMessage(
      studentView(studentModel({ stage: "left", connection: "closed", farewell: "Lost the connection to the game." })),
    );
    expect([view.heading, view.tone, view.action, view.announce]).toEqual([
      "Disconnected",
      "bad",
      "rejoin",
      "Disconnected Lost the connection to the game.",
    ]);
  });

  test("game over: a calm goodbye and a button to join another game", () => {
    const view = asMessage(
      studentView(
        studentModel({ stage: "left", connection: "online", farewell: "The game is over. Thanks for playing!" }),
      ),
    );
    expect([view.heading, view.tone, view.action]).toEqual(["Game over", "neutral", "join-another"]);
  });
});

describe("lobby and get ready", () => {
  test.each([
    [1, "1 player in the game"],
    [3, "3 players in the game"],
  ])("lobby with %i player(s)", (playerCount, countLine) => {
    const view = adaSees({ phase: "lobby", playerCount, questionIndex: -1 });
    expect(view).toEqual({
      scene: "StudentMessageScene",
      title: "Hands Up — Ada",
      announce: `You're in! Ada ${countLine} Watch the board: the teacher starts soon.`,
      heading: "You're in!",
      lines: ["Ada", countLine, "Watch the board: the teacher starts soon."],
      tone: "good",
      countdownTo: 0,
      action: "",
    });
  });

  test("before the state names this phone's player, the typed name is used", () => {
    const view = studentView(studentModel({ typedName: "Zoë", game: game({ phase: "lobby", players: [] }) }));
    expect(asMessage(view).lines[0]).toBe("Zoë");
    expect(view.title).toBe("Hands Up — Zoë");
  });

  test.each([
    ["everyone", "Everyone answers."],
    ["buzzer", "Buzzer round: be the first to buzz!"],
  ] as const)("get ready in an %s round counts down to the phase's end", (roundMode, line) => {
    const view = asMessage(adaSees({ phase: "getReady", roundMode, phaseEndsAt: NOW + 3000 }));
    expect(view.heading).toBe("Get ready!");
    expect(view.lines).toEqual(["Question 2 of 5", line]);
    expect(view.announce).toBe(`Get ready! Question 2 of 5 ${line}`);
    expect(view.countdownTo).toBe(NOW + 3000);
    expect(view.tone).toBe("neutral");
  });
});

describe("an everyone question", () => {
  test.each([
    [QUESTIONS.choice, "choice", ["Beria", "Malenkov", "Molotov", "Bulganin"], ""],
    // The prompt does not say "choose all"; the data does, and the phone tells the student.
    [QUESTIONS.multi, "multi", ["Beria", "Kennedy", "Malenkov"], "Pick all that are right"],
    [QUESTIONS.trueFalse, "boolean", ["True", "False"], ""],
    [QUESTIONS.typed, "text", [], ""],
    [QUESTIONS.numeric, "number", [], ""],
    [QUESTIONS.ordering, "order", ["Secret Speech", "Stalin dies", "Sputnik"], ""],
  ])("$type question → $1 controls with these options", (question, controls, options, hint) => {
    const view = asQuestion(adaSees({ question }, { deadline: NOW + question.timeLimitMs }));
    expect(view).toMatchObject({
      scene: "StudentQuestionScene",
      header: "Question 2 of 5",
      questionIndex: 1,
      prompt: question.prompt,
      questionType: question.type,
      controls,
      options,
      unit: question.unit,
      status: hint,
      deadline: NOW + question.timeLimitMs,
      totalMs: question.timeLimitMs,
      paused: false,
    });
    expect(view.announce).toBe(`Question 2 of 5: ${question.prompt}${hint ? ` ${hint}.` : ""}`);
  });

  test("the numeric question keeps its unit", () => {
    expect(asQuestion(adaSees({ question: QUESTIONS.numeric })).unit).toBe("days");
  });

  test("the ring counts to the student's own deadline and spans their extra time", () => {
    const view = asQuestion(adaSees({ phaseEndsAt: NOW + 20_000 }, { deadline: NOW + 41_000, extraTime: 2 }));
    expect([view.deadline, view.totalMs]).toEqual([NOW + 41_000, 40_000]);
  });

  test("without a personal deadline the ring counts to the phase's end", () => {
    expect(asQuestion(adaSees({ phaseEndsAt: NOW + 20_000 })).deadline).toBe(NOW + 20_000);
  });

  test.each([
    ["the server acknowledged it", { answeredQuestion: 1 }, {}],
    ["the player entry says so", {}, { answered: true }],
  ])("answered (%s): controls go, 'waiting for others'", (_why, modelOverrides, adaOverrides) => {
    const view = asQuestion(
      studentView(studentModel({ ...modelOverrides, game: game({ players: [player(adaOverrides)] }) })),
    );
    expect([view.controls, view.status, view.announce]).toEqual([
      "none",
      "Answer sent — waiting for others",
      "Question 2 of 5: Answer sent — waiting for others",
    ]);
  });

  test("an answer to the previous question does not count for this one", () => {
    const view = asQuestion(studentView(studentModel({ answeredQuestion: 0 })));
    expect([view.controls, view.status]).toEqual(["choice", ""]);
  });

  test("a refused answer shows the server's reason under the controls", () => {
    expect(asQuestion(studentView(studentModel({ notice: "Time is up for this question." }))).notice).toBe(
      "Time is up for this question.",
    );
  });

  test("the teacher hid the question from phones: look at the board", () => {
    const view = asQuestion(adaSees({ showPromptOnPhones: false }));
    expect([view.prompt, view.announce, view.controls]).toEqual([
      "Look at the board for the question.",
      "Question 2 of 5: Look at the board for the question.",
      "choice",
    ]);
  });

  test("paused: no controls, the ring shows the frozen time left", () => {
    const view = asQuestion(adaSees({ paused: true, pausedRemainingMs: 7_400 }));
    expect(view).toMatchObject({
      controls: "none",
      status: "Paused by the teacher",
      announce: "Question 2 of 5: Paused by the teacher",
      paused: true,
      pausedRemainingMs: 7_400,
    });
  });
});

describe("a buzzer question", () => {
  const buzzer = { roundMode: "buzzer" as const, question: QUESTIONS.typed, phaseEndsAt: NOW + 30_000 };
  const benAnswering = {
    ...buzzer,
    phase: "answering" as const,
    answeringPlayerId: "p-ben",
    answeringName: "Ben",
    answeringEndsAt: NOW + 10_000,
  };

  test("nobody has buzzed: the buzz button", () => {
    const view = asQuestion(adaSees(buzzer));
    expect([view.header, view.controls, view.status, view.announce]).toEqual([
      "Question 2 of 5 · Buzzer",
      "buzz",
      "",
      "Question 2 of 5: Name the policy of living side by side with the West.",
    ]);
  });

  test("buzzed: this phone's place in the queue", () => {
    const view = asQuestion(
      studentView(
        studentModel({
          buzzedQuestion: 1,
          game: game({
            ...buzzer,
            players: [player()],
            buzzQueue: [
              { playerId: "p-ben", name: "Ben", gapMs: 0, marginMs: 0, contender: false, status: "waiting" },
              { playerId: "p-ada", name: "Ada", gapMs: 140, marginMs: 40, contender: false, status: "waiting" },
            ],
          }),
        }),
      ),
    );
    expect([view.controls, view.status]).toEqual(["none", "Buzzed! You're 2nd in the queue"]);
  });

  test("lost a photo finish: this phone says it was too close to call", () => {
    const queue = [
      { playerId: "p-ben", name: "Ben", gapMs: 0, marginMs: 0, contender: true, status: "answering" as const },
      { playerId: "p-ada", name: "Ada", gapMs: 12, marginMs: 40, contender: true, status: "waiting" as const },
    ];
    const answering = {
      ...buzzer,
      phase: "answering" as const,
      players: [player()],
      buzzQueue: queue,
      answeringPlayerId: "p-ben",
      answeringName: "Ben",
    };
    const lost = asQuestion(
      studentView(
        studentModel({ buzzedQuestion: 1, game: game({ ...answering, photoFinish: { gapMs: 12, marginMs: 40 } }) }),
      ),
    );
    expect([lost.controls, lost.status]).toEqual(["none", "Photo finish — too close to call. Ben answers first"]);
    const beaten = asQuestion(studentView(studentModel({ buzzedQuestion: 1, game: game(answering) })));
    expect(beaten.status).toBe("Ben is answering");
  });

  test("a re-buzz after a photo finish: the buzzer is back", () => {
    const view = asQuestion(
      studentView(studentModel({ buzzedQuestion: 1, game: game({ ...buzzer, players: [player()], rebuzz: true }) })),
    );
    expect([view.controls, view.status]).toEqual(["buzz", "Photo finish — too close to call: buzz again!"]);
  });

  test("buzzed, before the queue arrives: waiting", () => {
    const view = asQuestion(
      studentView(studentModel({ buzzedQuestion: 1, game: game({ ...buzzer, players: [player()] }) })),
    );
    expect([view.controls, view.status]).toEqual(["none", "Buzzed! Waiting…"]);
  });

  test("this phone answers: its own turn's deadline and the answer controls", () => {
    const view = asQuestion(
      adaSees({
        ...buzzer,
        phase: "answering",
        answeringPlayerId: "p-ada",
        answeringName: "Ada",
        answeringEndsAt: NOW + 17_000,
      }),
    );
    expect(view).toMatchObject({
      controls: "text",
      status: "You're first — answer now!",
      announce: "Question 2 of 5: You're first — answer now!",
      deadline: NOW + 17_000,
    });
  });

  test("this phone's turn, answer sent: the teacher is checking", () => {
    const view = asQuestion(
      studentView(
        studentModel({
          answeredQuestion: 1,
          game: game({ ...benAnswering, answeringPlayerId: "p-ada", answeringName: "Ada", players: [player()] }),
        }),
      ),
    );
    expect([view.controls, view.status]).toEqual(["none", "Answer sent — the teacher is checking"]);
  });

  test("the answering ring spans the turn's own window, not the time since the question opened", () => {
    const view = asQuestion(
      adaSees({
        ...buzzer,
        phase: "answering",
        questionOpenedAt: NOW - 5_000,
        answeringPlayerId: "p-ada",
        answeringName: "Ada",
        answeringStartedAt: NOW,
        answeringEndsAt: NOW + 10_000,
      }),
    );
    expect([view.deadline, view.totalMs]).toEqual([NOW + 10_000, 10_000]);
  });

  test("someone else answers: buzz to be next", () => {
    const view = asQuestion(adaSees(benAnswering));
    expect([view.controls, view.status, view.announce]).toEqual([
      "buzz",
      "Ben is answering — buzz to be next",
      "Question 2 of 5: Ben is answering — buzz to be next",
    ]);
  });

  test("someone else answers and this phone already buzzed: no second buzz", () => {
    const view = asQuestion(
      studentView(studentModel({ buzzedQuestion: 1, game: game({ ...benAnswering, players: [player()] }) })),
    );
    expect([view.controls, view.status]).toEqual(["none", "Ben is answering"]);
  });

  test("someone else answers and this phone is locked out", () => {
    const view = asQuestion(adaSees(benAnswering, { lockedOut: true }));
    expect([view.controls, view.status]).toEqual(["none", "Ben is answering"]);
  });

  test("locked out after a wrong answer", () => {
    const view = asQuestion(adaSees(buzzer, { lockedOut: true }));
    expect([view.controls, view.status]).toEqual(["none", "Locked out of this question"]);
  });

  test("paused wins over the buzz button", () => {
    const view = asQuestion(adaSees({ ...buzzer, paused: true, pausedRemainingMs: 12_000 }));
    expect([view.controls, view.status]).toEqual(["none", "Paused by the teacher"]);
  });
});

describe("the reveal", () => {
  const reveal = {
    correctOptionIndices: [0],
    correctText: "Beria",
    correctOrder: [],
    explanation: "Beria was arrested at a Presidium meeting.",
    distribution: [2, 1, 0, 0],
    answeredCount: 3,
    correctCount: 2,
  };

  test.each([
    [
      "right, no streak",
      { lastResult: "correct", lastPoints: 850, score: 1700, rank: 2, streak: 1 },
      "Correct!",
      "good",
      ["+850 points", "You're 2nd with 1700 points"],
    ],
    [
      "right, on a streak",
      { lastResult: "correct", lastPoints: 1100, lastBonus: 200, score: 2900, rank: 1, streak: 3 },
      "Correct!",
      "good",
      ["+1100 points", "includes +200 streak bonus (3 in a row)", "You're 1st with 2900 points"],
    ],
    [
      "right, exactly one point",
      { lastResult: "correct", lastPoints: 1, score: 1, rank: 3 },
      "Correct!",
      "good",
      ["+1 point", "You're 3rd with 1 point"],
    ],
    [
      "wrong",
      { lastResult: "wrong", lastPoints: 0, score: 850, rank: 2 },
      "Not quite",
      "bad",
      ["No points this time", "Answer: Beria", "You're 2nd with 850 points"],
    ],
    [
      "wrong, with a penalty",
      { lastResult: "wrong", lastPoints: -250, score: 600, rank: 3 },
      "Not quite",
      "bad",
      ["-250 points", "Answer: Beria", "You're 3rd with 600 points"],
    ],
    [
      "missed",
      { lastResult: "missed", score: 0, rank: 3 },
      "Time's up",
      "bad",
      ["No answer sent", "Answer: Beria", "You're 3rd with 0 points"],
    ],
    ["no result (joined late, unranked)", { lastResult: "none", rank: 0 }, "The answer", "neutral", ["Answer: Beria"]],
  ] as const)("%s", (_case, ada, heading, tone, lines) => {
    const view = asResult(adaSees({ phase: "reveal", reveal }, ada));
    expect(view).toEqual({
      scene: "StudentResultScene",
      title: "Hands Up — Ada",
      announce: [heading, ...lines].join(" "),
      heading,
      tone,
      lines,
      explanation: "Beria was arrested at a Presidium meeting.",
    });
  });

  test("a buzzer question nobody got right: no answer line when the answer text is empty", () => {
    const view = asResult(
      adaSees({ phase: "reveal", reveal: { ...reveal, correctText: "" } }, { lastResult: "missed", rank: 1 }),
    );
    expect(view.lines).toEqual(["No answer sent", "You're 1st with 0 points"]);
  });
});

describe("leaderboard and the end", () => {
  test("leaderboard: score and place, and a pointer to the board", () => {
    const view = asResult(adaSees({ phase: "leaderboard" }, { score: 1700, rank: 2 }));
    expect(view).toMatchObject({
      heading: "Leaderboard",
      tone: "neutral",
      lines: ["1700 points", "You're 2nd", "Look at the board!"],
      announce: "Leaderboard 1700 points You're 2nd Look at the board!",
    });
  });

  test("leaderboard for an unranked phone leaves the place out", () => {
    expect(asResult(adaSees({ phase: "leaderboard" }, { score: 0, rank: 0 })).lines).toEqual([
      "0 points",
      "Look at the board!",
    ]);
  });

  test.each([
    ["podium", 2, "You finished 2nd!", "good", ["2400 points", "4 of 5 right"]],
    ["podium", 4, "You finished 4th!", "neutral", ["2400 points", "4 of 5 right"]],
    ["ended", 1, "You finished 1st!", "good", ["2400 points", "4 of 5 right", "Thanks for playing!"]],
    ["ended", 0, "Game over", "neutral", ["2400 points", "4 of 5 right", "Thanks for playing!"]],
  ] as const)("%s, ranked %i", (phase, rank, heading, tone, lines) => {
    const view = asResult(adaSees({ phase }, { score: 2400, rank, correctCount: 4 }));
    expect([view.heading, view.tone, view.lines]).toEqual([heading, tone, lines]);
  });
});
