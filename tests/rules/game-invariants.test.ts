import { createRng, type Game, isWaiting, playerDeadline, type Rng, replay, standings, tally } from "@handsup/shared";
import { describe, expect, test } from "vitest";
import { roomTestSetup, Script, type ScriptEvent } from "./game-script.ts";

/**
 * A seeded property test: random event sequences (students joining, leaving, answering, buzzing; a teacher pressing
 * anything on any screen; timers; restarts) never break the game's invariants, checked after every event.
 */

const NAMES = ["Ann", "Bob", "Cy", "Dee", "Eve", "Fay"];
const PHASES = ["lobby", "getReady", "question", "answering", "reveal", "leaderboard", "podium", "ended"] as const;

/** The game without its (unchanging) prepared questions, for a cheap "did anything change" comparison. */
function snapshot(game: Game): string {
  return JSON.stringify({ ...game, questions: null });
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function randomEvent(s: Script, rng: Rng): ScriptEvent {
  const game = s.game;
  const ids = game.playerOrder;
  const someone = () => (ids.length > 0 && rng() < 0.9 ? pick(rng, ids) : "nobody");
  const qi = rng() < 0.9 ? game.phase.questionIndex : Math.floor(rng() * 4) - 1;
  const expectation = () =>
    rng() < 0.8
      ? { phase: game.phase.name, questionIndex: game.phase.questionIndex }
      : rng() < 0.5
        ? {}
        : { phase: pick(rng, PHASES), questionIndex: qi };
  const clock =
    rng() < 0.5
      ? null
      : rng() < 0.03
        ? { offsetMs: Number.NaN, rttMs: -5, jitterMs: Number.POSITIVE_INFINITY, samples: 0 } // a broken estimate
        : { offsetMs: Math.round(rng() * 4000 - 2000), rttMs: 20 + rng() * 300, jitterMs: rng() * 40, samples: 5 };
  const offset = Number.isFinite(clock?.offsetMs) ? (clock?.offsetMs ?? 0) : 0;
  const waitsForHost = ["lobby", "reveal", "leaderboard"].includes(game.phase.name);
  if (waitsForHost && rng() < 0.3) return { type: "next", ...expectation() };
  const roll = rng();
  if (roll < 0.06) {
    const name = pick(rng, NAMES);
    const deviceId = rng() < 0.7 ? { deviceId: `device-${name}-0001` } : {};
    return { type: "join", playerId: `p${game.eventCount}`, name, ...deviceId };
  }
  if (roll < 0.09) return { type: "leave", playerId: someone(), consented: rng() < 0.5 };
  if (roll < 0.12) return { type: "rejoin", playerId: someone() };
  if (roll < 0.2) {
    return { type: "shown", playerId: someone(), questionIndex: qi, shownAtClient: s.t + offset + rng() * 800, clock };
  }
  if (roll < 0.55) {
    const answer =
      rng() < 0.9 && game.phase.questionIndex >= 0
        ? s.answerOf(rng() < 0.6)
        : pick(rng, [{ kind: "choice", choices: [9] }, "x", { kind: "number", value: 42 }, null]);
    const stamp = rng() < 0.5 ? { answeredAtClient: s.t + offset - rng() * 300 } : {};
    return { type: "answer", playerId: someone(), questionIndex: qi, answer, clock, ...stamp };
  }
  if (roll < 0.7) {
    const pressedAtClient = s.t + offset - rng() * 200;
    const arbitrationMs = rng() < 0.03 ? Number.NaN : 100 + Math.round(rng() * 700);
    return { type: "buzz", playerId: someone(), questionIndex: qi, pressedAtClient, clock, arbitrationMs };
  }
  if (roll < 0.74) return { type: "markSpoken", correct: rng() < 0.5, ...expectation() };
  if (roll < 0.84) {
    const type = pick(rng, ["start", "next", "next", "next", "skip", "pause", "resume", "revealNow", "end"] as const);
    if (type === "end" && rng() < 0.9) return { type: "deadline" };
    return { type, ...expectation() };
  }
  if (roll < 0.87) return { type: "extend", seconds: pick(rng, [10, 30]), ...expectation() };
  if (roll < 0.9) return { type: "grantExtraTime", playerId: someone(), factor: pick(rng, [1, 1.5, 2] as const) };
  if (roll < 0.907) return { type: "kick", playerId: someone() };
  if (roll < 0.94) return { type: "lock", locked: rng() < 0.3 };
  if (roll < 0.95) return { type: "restored", downSince: s.t - Math.round(rng() * 20_000) };
  return { type: "deadline" };
}

function assert(condition: boolean, message: string): void {
  if (!condition) throw new Error(`invariant broken: ${message}`);
}

/** Plain asserts (not expect) in the hot loop: 20,000 events × every invariant must stay fast. */
function checkInvariants(game: Game): void {
  // Scores, streaks and counts equal the ledger's sums; one answer per student per question.
  const byPlayer = new Map<string, Game["ledger"]>();
  const seen = new Set<string>();
  for (const entry of game.ledger) {
    const key = `${entry.questionIndex}/${entry.playerId}`;
    assert(!seen.has(key), `two ledger entries for ${key}`);
    seen.add(key);
    const list = byPlayer.get(entry.playerId) ?? [];
    list.push(entry);
    byPlayer.set(entry.playerId, list);
  }
  let active = 0;
  let connected = 0;
  for (const player of Object.values(game.players)) {
    const totals = tally(byPlayer.get(player.id) ?? []);
    assert(player.score === totals.score, `${player.id} score ${player.score} ≠ ledger ${totals.score}`);
    assert(player.streak === totals.streak, `${player.id} streak ${player.streak} ≠ ledger ${totals.streak}`);
    assert(player.correctCount === totals.correctCount, `${player.id} correct count`);
    if (player.status === "active") active += 1;
    if (player.connected) {
      connected += 1;
      assert(player.status === "active", `${player.id} connected but ${player.status}`);
    }
    if (player.status === "kicked") {
      const after = (byPlayer.get(player.id) ?? []).filter((entry) => entry.at > game.lastAt);
      assert(after.length === 0, `${player.id} has entries after being removed`);
    }
  }
  assert(game.activeCount === active, `activeCount ${game.activeCount} ≠ ${active}`);
  assert(game.connectedCount === connected, `connectedCount ${game.connectedCount} ≠ ${connected}`);
  assert(Object.keys(game.playerByNameKey).length === active, "one name key per active student");

  // Ranks: dense, by score; equal scores share a rank.
  const rows = standings(game);
  assert(rows.length === active, "every active student is ranked");
  rows.forEach((row, index) => {
    const previous = rows[index - 1];
    if (!previous) assert(row.rank === 1, "the first rank is 1");
    else if (previous.score === row.score) assert(row.rank === previous.rank, "equal scores share a rank");
    else assert(previous.score > row.score && row.rank === previous.rank + 1, "ranks are dense and by score");
  });

  // Deadlines come after the phase start; nothing runs while paused; a turn belongs to a student still in.
  const { phase, current } = game;
  if (phase.endsAt !== null) assert(phase.endsAt >= phase.startedAt, `${phase.name} ends before it starts`);
  if (phase.paused) assert(game.wakeAt === null, "no wake-up while paused");
  if (phase.name === "answering") {
    const turn = current?.turn;
    assert(turn !== null && turn !== undefined, "answering without a turn");
    assert(game.players[turn?.playerId ?? ""]?.status === "active", "the answering student is in the game");
    assert(phase.endsAt === turn?.endsAt, "the phase ends with the turn");
    assert((turn?.endsAt ?? 0) >= (turn?.startedAt ?? 0), "turn ends after it starts");
  } else {
    assert((current?.turn ?? null) === null, `a turn outside answering (${phase.name})`);
  }
  if (!current) return;
  assert(current.index === phase.questionIndex, "current question is the phase's");
  if (current.openedAt !== null) {
    for (const player of Object.values(game.players)) {
      assert((playerDeadline(game, player) ?? 0) > current.openedAt, "a deadline after the question opened");
    }
  }
  if (game.questions[current.index]?.mode === "everyone") {
    assert(current.answerCount === Object.keys(current.answers).length, "answer count");
    if (current.openedAt !== null && current.revealed === null) {
      const waiting = Object.values(game.players).filter((player) => isWaiting(game, player)).length;
      assert(current.waitingCount === waiting, `waitingCount ${current.waitingCount} ≠ ${waiting}`);
    }
  }
  for (const buzz of current.buzzes) {
    assert(game.players[buzz.playerId]?.status === "active", "buzz of a removed student");
    assert(Number.isFinite(buzz.pressServerMs), "a buzz has a real press time");
  }
  for (const time of [phase.endsAt ?? 0, game.wakeAt ?? 0, current.arbitrationEndsAt ?? 0, current.openedAt ?? 0]) {
    assert(Number.isFinite(time), "every clock is a real time");
  }
}

describe("random games never break the invariants", () => {
  test.each([1, 2, 3, 4])("seed %i: 25 games × 200 events", (seed) => {
    const rng = createRng(seed * 7919);
    const visited = new Set<string>();
    let entries = 0;
    let voided = 0;
    let accepted = 0;
    for (let round = 0; round < 25; round++) {
      const buzzer = rng() < 0.5;
      const s = new Script(
        roomTestSetup({
          questionCount: 6,
          speedScoring: rng() < 0.7,
          autoAdvance: rng() < 0.3,
          rounds: buzzer
            ? [
                { mode: "buzzer", questionCount: 3 },
                { mode: "everyone", questionCount: 3 },
              ]
            : [
                { mode: "everyone", questionCount: 3 },
                { mode: "buzzer", questionCount: 3 },
              ],
          maxPlayers: 5,
        }),
      );
      for (const name of ["Ann", "Bob", "Cy"])
        s.join(name, name.toLowerCase(), rng() < 0.5 ? `device-${name}-0001` : undefined);
      for (let i = 0; i < 200; i++) {
        s.t += rng() < 0.3 ? 0 : Math.round(rng() * (rng() < 0.9 ? 1200 : 15_000));
        if (s.game.phase.name === "ended") break;
        // The room's timer fires when due, but an event may still beat it (a race the reducer must survive).
        if (s.game.wakeAt !== null && s.game.wakeAt <= s.t && rng() < 0.8) {
          s.send({ type: "deadline" });
          checkInvariants(s.game);
        }
        const event = randomEvent(s, rng);
        const before = snapshot(s.game);
        const effects = s.send(event);
        if (effects[0]?.type === "refuse") {
          assert(effects.length === 1, "a refusal is the only effect");
          assert(snapshot(s.game) === before, `refused ${event.type} changed the game`);
        } else {
          const wakes = effects.filter((effect) => effect.type === "wakeAt");
          assert(wakes.length === 1 && wakes[0]?.type === "wakeAt" && wakes[0].at === s.game.wakeAt, "one wakeAt");
        }
        checkInvariants(s.game);
        visited.add(`${s.game.phase.name}${s.game.phase.paused ? " paused" : ""}`);
      }
      expect(replay(s.log)).toEqual(s.game);
      entries += s.game.ledger.length;
      voided += s.game.ledger.filter((entry) => entry.voided).length;
      accepted += s.log.length;
    }
    // The random games really play: every phase (and a pause) is reached, answers are scored and voided.
    expect([...visited].sort()).toEqual(
      expect.arrayContaining([
        "answering",
        "getReady",
        "leaderboard",
        "lobby",
        "podium",
        "question",
        "reveal",
        "question paused",
      ]),
    );
    expect(entries).toBeGreaterThan(150);
    expect(voided).toBeGreaterThanOrEqual(3);
    expect(accepted).toBeGreaterThan(1000);
  });
});
