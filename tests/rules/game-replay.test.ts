import {
  type AnswerInput,
  arbitrationWindowMs,
  BASE_POINTS,
  buzzGapsMs,
  type ClockEstimate,
  checkAnswer,
  createRng,
  earlyBuzzLockedUntil,
  fairPressTime,
  fairShownAt,
  nextToAnswer,
  orderBuzzes,
  type PreparedQuestion,
  prepareQuestion,
  type Question,
  rankStandings,
  responseTimeMs,
  type Standing,
  scoreBuzzerAnswer,
  scoreEveryoneAnswer,
  studentDeadline,
} from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { armyCut, austria, beria, events, porkkala } from "./questions.ts";

/** Replays games through the pure rules only, with scripted server times, as the room would call them. */

const settings = { speedScoring: true, streaks: true };

interface Player {
  name: string;
  clock: ClockEstimate;
  extraTime: number;
  score: number;
  streak: number;
  reachedAt: number;
}

class Scoreboard {
  players = new Map<string, Player>();
  private sequence = 0;

  join(id: string, clock: ClockEstimate, extraTime = 1): void {
    this.players.set(id, { name: id, clock, extraTime, score: 0, streak: 0, reachedAt: ++this.sequence });
  }

  add(id: string, points: number, streak: number): void {
    const player = this.players.get(id)!;
    player.streak = streak;
    if (points === 0) return;
    player.score += points;
    player.reachedAt = ++this.sequence;
  }

  scores(): Record<string, number> {
    return Object.fromEntries([...this.players].map(([id, p]) => [id, p.score]));
  }

  streaks(): Record<string, number> {
    return Object.fromEntries([...this.players].map(([id, p]) => [id, p.streak]));
  }

  ranking(): [string, number, number][] {
    const standings: Standing[] = [...this.players].map(([playerId, p]) => ({
      playerId,
      name: p.name,
      score: p.score,
      reachedAt: p.reachedAt,
    }));
    return rankStandings(standings).map((s) => [s.playerId, s.score, s.rank]);
  }
}

const clocks = {
  ann: { offsetMs: 1000, rttMs: 100, jitterMs: 10, samples: 8 },
  bob: { offsetMs: -500, rttMs: 300, jitterMs: 20, samples: 8 },
  cy: { offsetMs: 40, rttMs: 60, jitterMs: 5, samples: 8 },
} satisfies Record<string, ClockEstimate>;

interface ScriptedAnswer {
  /** Delay after opening at which the phone reports the question shown (phone clock), if it does. */
  shownAfterMs?: number;
  /** Server time of the answer, relative to the student's own shown time. */
  answerAfterShownMs: number;
  answer: AnswerInput;
}

/** Plays one `everyone` question and returns the points each present student got. */
function playEveryoneQuestion(
  board: Scoreboard,
  question: Question,
  openedAtServerMs: number,
  script: Record<string, ScriptedAnswer>,
): Record<string, number> {
  const prepared = prepareQuestion(question, "replay", createRng(question.id));
  const timeLimitMs = prepared.public.timeLimitMs;
  const events = [...board.players].map(([id, player]) => {
    const scripted = script[id];
    const shownAt = fairShownAt({
      openedAtServerMs,
      reportedShownClientMs:
        scripted?.shownAfterMs === undefined
          ? undefined
          : openedAtServerMs + scripted.shownAfterMs + player.clock.offsetMs,
      clock: player.clock,
    });
    const deadline = studentDeadline(shownAt, timeLimitMs, player.extraTime);
    const answeredAt = scripted ? shownAt + scripted.answerAfterShownMs : Number.POSITIVE_INFINITY;
    return { id, player, shownAt, deadline, answeredAt, answer: scripted?.answer };
  });
  const points: Record<string, number> = {};
  // The room scores answers as they arrive, so first reach follows answer time.
  for (const event of events.sort((a, b) => a.answeredAt - b.answeredAt)) {
    const inTime = event.answer !== undefined && event.answeredAt <= event.deadline;
    const scored = scoreEveryoneAnswer({
      correct: inTime && checkAnswer(prepared, event.answer!),
      basePoints: prepared.public.basePoints,
      responseMs: responseTimeMs(event.shownAt, event.answeredAt),
      timeLimitMs: timeLimitMs * event.player.extraTime,
      previousStreak: event.player.streak,
      settings,
    });
    board.add(event.id, scored.points, scored.streak);
    points[event.id] = scored.points;
  }
  return points;
}

const orderOf = (prepared: PreparedQuestion, items: readonly string[]): AnswerInput => ({
  kind: "order",
  order: items.map((item) => prepared.displayedItems.indexOf(item)),
});

describe("an everyone game", () => {
  test("3 students, 4 questions: speed, streaks, double points, 2× extra time, a late joiner, a tie", () => {
    const board = new Scoreboard();
    board.join("ann", clocks.ann);
    board.join("bob", clocks.bob, 2); // 2× extra time

    // Q1 multiple-choice, 20 s. Ann answers at 5 s of her 20 s; Bob at 10 s of his 40 s: the same fraction.
    expect(
      playEveryoneQuestion(board, beria, 100_000, {
        ann: { shownAfterMs: 80, answerAfterShownMs: 5_000, answer: { kind: "choice", choices: [0] } },
        bob: { shownAfterMs: 250, answerAfterShownMs: 10_000, answer: { kind: "choice", choices: [0] } },
      }),
    ).toEqual({ ann: 875, bob: 875 });

    // Q2 true-false, 10 s. Ann: 900 + 100 streak bonus. Bob is wrong.
    expect(
      playEveryoneQuestion(board, austria, 200_000, {
        ann: { shownAfterMs: 80, answerAfterShownMs: 2_000, answer: { kind: "boolean", value: true } },
        bob: { shownAfterMs: 250, answerAfterShownMs: 3_000, answer: { kind: "boolean", value: false } },
      }),
    ).toEqual({ ann: 1000, bob: 0 });

    // Cy joins late, having missed Q1 and Q2.
    board.join("cy", clocks.cy);

    // Q3 type-answer, DOUBLE points, 30 s. Ann's typo is tolerated (1800 + 200 bonus). Bob answers at half his
    // 60 s (2000 × 0.75). Cy sends no shown report: shown = opened + rtt/2; "Porkkala!" at 1.5 s: 2000 × 0.975.
    expect(
      playEveryoneQuestion(board, { ...porkkala, points: "double" }, 300_000, {
        ann: { shownAfterMs: 80, answerAfterShownMs: 6_000, answer: { kind: "text", text: "Porkala" } },
        bob: { shownAfterMs: 250, answerAfterShownMs: 30_000, answer: { kind: "text", text: "porkkala  PENINSULA" } },
        cy: { answerAfterShownMs: 1_500, answer: { kind: "text", text: "Porkkala!" } },
      }),
    ).toEqual({ ann: 2000, bob: 1500, cy: 1950 });

    // Q4 ordering, 40 s. Ann answers after her deadline: missing, streak reset. Bob answers at 76 s of his 80 s
    // (525 + 100 bonus); Cy at 4 s (950 + 100 bonus).
    const q4 = prepareQuestion(events, "replay", createRng(events.id));
    const correctOrder = events.type === "ordering" ? events.items : [];
    expect(
      playEveryoneQuestion(board, events, 400_000, {
        ann: { shownAfterMs: 80, answerAfterShownMs: 40_500, answer: orderOf(q4, correctOrder) },
        bob: { shownAfterMs: 250, answerAfterShownMs: 76_000, answer: orderOf(q4, correctOrder) },
        cy: { answerAfterShownMs: 4_000, answer: orderOf(q4, correctOrder) },
      }),
    ).toEqual({ ann: 0, bob: 625, cy: 1050 });

    expect(board.scores()).toEqual({ ann: 3875, bob: 3000, cy: 3000 });
    expect(board.streaks()).toEqual({ ann: 0, bob: 2, cy: 2 });
    // Bob and Cy tie on 3000 and share rank 2; Cy reached 3000 first (at 4 s into Q4, Bob at 76 s), so Cy is listed
    // first even though "bob" sorts before "cy".
    expect(board.ranking()).toEqual([
      ["ann", 3875, 1],
      ["cy", 3000, 2],
      ["bob", 3000, 2],
    ]);
  });
});

interface ScriptedBuzz {
  player: string;
  /** True press time on the server's timeline (the phone stamps it on its own clock). */
  pressedAt: number;
  oneWayMs: number;
  /** How much earlier than the truth the phone claims (a cheat). */
  claimsEarlierByMs?: number;
}

/** Arbitrates buzzes the way the room does: drop locked-out presses, wait the window, order by fair press time. */
function arbitrate(
  board: Scoreboard,
  buzzes: ScriptedBuzz[],
  lockedUntil: Map<string, number>,
): { fairOrder: string[]; arrivalOrder: string[]; gaps: number[] } {
  const arrived = buzzes
    .map((buzz) => ({ ...buzz, arrivalServerMs: buzz.pressedAt + buzz.oneWayMs }))
    .sort((a, b) => a.arrivalServerMs - b.arrivalServerMs)
    .filter((buzz) => buzz.arrivalServerMs >= (lockedUntil.get(buzz.player) ?? Number.NEGATIVE_INFINITY));
  const window = arbitrationWindowMs([...board.players.values()].map((p) => p.clock.rttMs / 2));
  const firstArrival = arrived[0]!.arrivalServerMs;
  const judged = arrived
    .filter((buzz) => buzz.arrivalServerMs <= firstArrival + window)
    .map((buzz) => {
      const clock = board.players.get(buzz.player)!.clock;
      const claimedClientMs = buzz.pressedAt - (buzz.claimsEarlierByMs ?? 0) + clock.offsetMs;
      const fair = fairPressTime({ claimedClientMs, clock, arrivalServerMs: buzz.arrivalServerMs });
      return { playerId: buzz.player, pressServerMs: fair.pressServerMs, arrivalServerMs: buzz.arrivalServerMs };
    });
  const ordered = orderBuzzes(judged);
  return {
    fairOrder: ordered.map((b) => b.playerId),
    arrivalOrder: arrived.map((b) => b.player),
    gaps: buzzGapsMs(ordered),
  };
}

/** Gives the turn down the buzz order until someone is right or nobody is left; returns each answerer's points. */
function playTurns(
  board: Scoreboard,
  question: Question,
  fairOrder: string[],
  answers: Record<string, AnswerInput>,
): { turns: [string, number][]; revealedBy: string | undefined } {
  const prepared = prepareQuestion(question, "replay", createRng(question.id));
  const lockedOut = new Set<string>();
  const turns: [string, number][] = [];
  const ordered = fairOrder.map((playerId) => ({ playerId }));
  for (let next = nextToAnswer(ordered, lockedOut); next !== undefined; next = nextToAnswer(ordered, lockedOut)) {
    const player = board.players.get(next)!;
    const correct = checkAnswer(prepared, answers[next]!);
    const scored = scoreBuzzerAnswer({
      correct,
      basePoints: prepared.public.basePoints,
      previousStreak: player.streak,
      settings,
    });
    board.add(next, scored.points, scored.streak);
    turns.push([next, scored.points]);
    if (correct) return { turns, revealedBy: next };
    lockedOut.add(next);
  }
  return { turns, revealedBy: undefined };
}

describe("a buzzer game", () => {
  test("3 students: fair order beats arrival order, wrong answers cost half and pass the turn", () => {
    const board = new Scoreboard();
    // Ann: fast link (20 ms one way). Bob: slow (180 ms). Cy: 50 ms.
    board.join("ann", { offsetMs: 2000, rttMs: 40, jitterMs: 10, samples: 8 });
    board.join("bob", { offsetMs: -3000, rttMs: 360, jitterMs: 30, samples: 8 });
    board.join("cy", { offsetMs: 500, rttMs: 100, jitterMs: 20, samples: 8 });
    expect(arbitrationWindowMs([20, 180, 50])).toBe(330);

    // B1 (1000 points). Bob presses first but his buzz arrives last.
    const b1 = arbitrate(
      board,
      [
        { player: "bob", pressedAt: 101_000, oneWayMs: 180 },
        { player: "ann", pressedAt: 101_040, oneWayMs: 20 },
        { player: "cy", pressedAt: 101_100, oneWayMs: 50 },
      ],
      new Map(),
    );
    expect(b1).toEqual({ fairOrder: ["bob", "ann", "cy"], arrivalOrder: ["ann", "cy", "bob"], gaps: [0, 40, 100] });
    // Bob is wrong (−500) and is locked out; the turn passes to Ann, who is right (+1000).
    expect(
      playTurns(board, beria, b1.fairOrder, {
        bob: { kind: "choice", choices: [2] },
        ann: { kind: "choice", choices: [0] },
        cy: { kind: "choice", choices: [0] },
      }),
    ).toEqual({
      turns: [
        ["bob", -500],
        ["ann", 1000],
      ],
      revealedBy: "ann",
    });

    // B2 (1000 points), nobody gets it. Cy claims to have pressed a whole second earlier than he did; the claim is
    // clamped to arrival − allowance (50 + 35 ms), which is still after Ann's press, so Ann stays first.
    const b2 = arbitrate(
      board,
      [
        { player: "ann", pressedAt: 200_800, oneWayMs: 20 },
        { player: "cy", pressedAt: 200_900, oneWayMs: 50, claimsEarlierByMs: 1000 },
      ],
      new Map(),
    );
    expect(b2).toEqual({ fairOrder: ["ann", "cy"], arrivalOrder: ["ann", "cy"], gaps: [0, 65] });
    expect(
      playTurns(board, armyCut, b2.fairOrder, {
        ann: { kind: "number", value: 3 },
        cy: { kind: "number", value: 1.5 },
      }),
    ).toEqual({
      turns: [
        ["ann", -500],
        ["cy", -500],
      ],
      revealedBy: undefined,
    });

    // B3 (DOUBLE, 2000 points), opens at 300 000. Bob buzzes 100 ms early and is locked out for 250 ms: his press at
    // +100 is ignored, his press at +300 counts and beats Ann's at +320 although hers arrives 140 ms sooner.
    const opened = 300_000;
    const lockedUntil = new Map<string, number>();
    const early = earlyBuzzLockedUntil(opened - 100, opened);
    expect(early).toBe(opened + 150);
    lockedUntil.set("bob", early!);
    const b3 = arbitrate(
      board,
      [
        { player: "bob", pressedAt: opened + 100 - 180, oneWayMs: 180 }, // arrives at +100: still locked out
        { player: "bob", pressedAt: opened + 300, oneWayMs: 180 },
        { player: "ann", pressedAt: opened + 320, oneWayMs: 20 },
      ],
      lockedUntil,
    );
    expect(b3).toEqual({ fairOrder: ["bob", "ann"], arrivalOrder: ["ann", "bob"], gaps: [0, 20] });
    expect(
      playTurns(board, { ...porkkala, points: "double" }, b3.fairOrder, {
        bob: { kind: "text", text: "Porkkala" },
        ann: { kind: "text", text: "Porkkala" },
      }),
    ).toEqual({ turns: [["bob", BASE_POINTS.double]], revealedBy: "bob" });

    expect(board.scores()).toEqual({ ann: 500, bob: 1500, cy: -500 });
    expect(board.ranking()).toEqual([
      ["bob", 1500, 1],
      ["ann", 500, 2],
      ["cy", -500, 3],
    ]);
  });
});
