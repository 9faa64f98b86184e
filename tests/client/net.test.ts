import { ArraySchema } from "@colyseus/schema";
import { describe, expect, test } from "vitest";
import { secondsLeft, serverTimeAt } from "../../client/src/net/clock.ts";
import { describeJoinError } from "../../client/src/net/connection.ts";
import { takeSnapshot } from "../../client/src/net/snapshot.ts";
import { createStore } from "../../client/src/net/store.ts";
import { connectionBanner } from "../../client/src/ui/banner.ts";
import { BuzzEntryState, LeaderRowState, PlayerState, QuizState } from "../../shared/src/state/quiz-state.ts";
import { NOW } from "./fixtures.ts";

describe("server time and countdowns", () => {
  test("a phone 250 ms ahead of the server subtracts the offset; one behind adds it", () => {
    expect(serverTimeAt(NOW + 250, 250)).toBe(NOW);
    expect(serverTimeAt(NOW - 400, -400)).toBe(NOW);
  });

  test.each([
    [20_000, 20],
    [19_001, 20],
    [19_000, 19],
    [1, 1],
    [200, 1],
    [0, 0],
    [-5_000, 0],
  ])("%i ms before the deadline the countdown shows %i", (msLeft, seconds) => {
    expect(secondsLeft(NOW + msLeft, NOW)).toBe(seconds);
  });
});

describe("the banner", () => {
  test.each([
    ["online", ""],
    ["reconnecting", "Reconnecting…"],
    ["closed", ""],
  ] as const)("%s → «%s»", (status, text) => {
    expect(connectionBanner(status)).toBe(text);
  });
});

describe("describeJoinError", () => {
  test.each([
    [
      "the server's own words for a known refusal",
      Object.assign(new Error("That name is taken."), { code: 4102 }),
      "That name is taken.",
    ],
    [
      "a kicked device",
      Object.assign(new Error("You were removed from this game."), { code: 4105 }),
      "You were removed from this game.",
    ],
    [
      "no such room (by code)",
      Object.assign(new Error("room 'XYZ' not found"), { code: 524 }),
      "No game with that code. Check the code on the board.",
    ],
    ["no such room (by message)", new Error("Invalid room id"), "No game with that code. Check the code on the board."],
    [
      "a locked room (by code)",
      Object.assign(new Error("cannot join"), { code: 522 }),
      "This game has already started or is locked.",
    ],
    ["a locked room (by message)", new Error("room is locked"), "This game has already started or is locked."],
    ["no network", new TypeError("Failed to fetch"), "Can't reach the game server. Check the Wi-Fi and try again."],
    ["anything else: its message", new Error("Server busy"), "Server busy"],
    ["a bare string", "weird failure", "weird failure"],
    ["nothing to say", new Error(""), "Could not join. Try again."],
  ])("%s", (_case, error, sentence) => {
    expect(describeJoinError(error)).toBe(sentence);
  });
});

describe("createStore", () => {
  test("merges patches and tells every subscriber until it unsubscribes", () => {
    const store = createStore({ phase: "lobby", score: 0 });
    const seen: string[] = [];
    const stop = store.subscribe((v) => seen.push(`${v.phase}:${v.score}`));
    store.set({ score: 850 });
    store.set({ phase: "reveal" });
    stop();
    store.set({ score: 1700 });
    expect(seen).toEqual(["lobby:850", "reveal:850"]);
    expect(store.get()).toEqual({ phase: "reveal", score: 1700 });
  });
});

describe("takeSnapshot", () => {
  test("copies the live schema state into plain data", () => {
    const state = new QuizState();
    state.code = "ABC123";
    state.title = "Peaceful coexistence";
    state.phase = "answering";
    state.questionIndex = 1;
    state.questionCount = 5;
    state.roundMode = "buzzer";
    state.phaseEndsAt = NOW + 20_000;
    state.answeringPlayerId = "p-ben";
    state.answeringName = "Ben";
    state.answeringEndsAt = NOW + 10_000;
    state.question.id = "q-typed";
    state.question.type = "type-answer";
    state.question.prompt = "Name the policy.";
    state.question.timeLimitMs = 30_000;
    state.question.basePoints = 1000;
    state.question.options = new ArraySchema<string>("a", "b");
    state.buzzQueue.push(
      new BuzzEntryState({
        playerId: "p-ben",
        name: "Ben",
        gapMs: 0,
        marginMs: 0,
        contender: true,
        status: "answering",
      }),
    );
    state.photoFinish = true;
    state.photoFinishGapMs = 12;
    state.photoFinishMarginMs = 40;
    state.leaderboard.push(new LeaderRowState({ playerId: "p-ben", name: "Ben", score: 850, rank: 1 }));
    state.players.set(
      "p-ben",
      new PlayerState({ name: "Ben", score: 850, rank: 1, lastResult: "correct", extraTime: 1.5 }),
    );

    const snapshot = takeSnapshot(state);

    expect(snapshot).toMatchObject({
      code: "ABC123",
      phase: "answering",
      questionIndex: 1,
      roundMode: "buzzer",
      answeringName: "Ben",
      answeringEndsAt: NOW + 10_000,
      showPromptOnPhones: true,
      question: {
        id: "q-typed",
        type: "type-answer",
        prompt: "Name the policy.",
        options: ["a", "b"],
        items: [],
        unit: "",
        timeLimitMs: 30_000,
        basePoints: 1000,
      },
      buzzQueue: [{ playerId: "p-ben", name: "Ben", gapMs: 0, marginMs: 0, contender: true, status: "answering" }],
      photoFinish: { gapMs: 12, marginMs: 40 },
      rebuzz: false,
      leaderboard: [{ playerId: "p-ben", name: "Ben", score: 850, rank: 1 }],
      reveal: {
        correctOptionIndices: [],
        correctText: "",
        correctOrder: [],
        explanation: "",
        distribution: [],
        answeredCount: 0,
        correctCount: 0,
      },
      hostSecret: { correctText: "", liveDistribution: [] },
    });
    expect(snapshot.players).toEqual([
      {
        id: "p-ben",
        name: "Ben",
        connected: true,
        score: 850,
        rank: 1,
        streak: 0,
        lastResult: "correct",
        lastPoints: 0,
        lastBonus: 0,
        answered: false,
        correctCount: 0,
        extraTime: 1.5,
        deadline: 0,
        lockedOutUntil: 0,
        lockedOut: false,
      },
    ]);
    // Plain arrays: a scene may keep them while the schema changes underneath.
    expect(Array.isArray(snapshot.question.options)).toBe(true);
    state.question.options.push("c");
    expect(snapshot.question.options).toEqual(["a", "b"]);
  });

  test("a student's state (no host secret, players not yet filled) gives empty defaults", () => {
    const state = new QuizState();
    const snapshot = takeSnapshot(state);
    expect([snapshot.phase, snapshot.questionIndex, snapshot.players, snapshot.hostSecret]).toEqual([
      "lobby",
      -1,
      [],
      { correctText: "", liveDistribution: [] },
    ]);
  });
});
