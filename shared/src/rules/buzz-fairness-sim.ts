import { arbitrationWindowMs, fairPressTime, orderBuzzes } from "./buzz-order.ts";
import {
  addClockSample,
  type ClockEstimate,
  estimateClock,
  type OffsetSample,
  sampleFromExchange,
} from "./clock-sync.ts";
import { createRng, type Rng, shuffle } from "./random.ts";

export interface BuzzFairnessConfig {
  students: number;
  trials: number;
  /** Each student's fixed one-way latency is uniform in [latencyMinMs, latencyMaxMs]. */
  latencyMinMs: number;
  latencyMaxMs: number;
  /** Every message is delayed by an extra uniform ±jitterMs (never below 0 in total). */
  jitterMs: number;
  /** Consecutive presses are at least this far apart (and at most twice as far). */
  minPressGapMs: number;
  seed: number;
  /** Ping exchanges used for clock sync (default 8). */
  pings?: number;
  /** Each phone's clock is off by a uniform ±clockSpreadMs (default 5000). */
  clockSpreadMs?: number;
}

export interface BuzzFairnessResult {
  /** Share of trials where the true first presser was ordered first by the fair rules. */
  fairAccuracy: number;
  /** Share of trials where the true first presser's buzz also arrived first. */
  arrivalAccuracy: number;
  trials: number;
  /** Share of all buzzes whose claimed press time had to be clamped. */
  clampedShare: number;
}

interface SimStudent {
  playerId: string;
  baseLatencyMs: number;
  clockOffsetMs: number;
  clock: ClockEstimate;
}

/**
 * Simulates buzzer rounds on virtual clocks: students with fixed latencies, jittery links and skewed clocks sync by
 * pings, press in a random order, and the server orders their stamped buzzes with the fair-buzz rules.
 */
export function simulateBuzzFairness(config: BuzzFairnessConfig): BuzzFairnessResult {
  const rng = createRng(config.seed);
  let fairWins = 0;
  let arrivalWins = 0;
  let clamped = 0;
  let buzzes = 0;
  for (let trial = 0; trial < config.trials; trial++) {
    const outcome = runTrial(config, rng);
    if (outcome.fairFirst) fairWins++;
    if (outcome.arrivalFirst) arrivalWins++;
    clamped += outcome.clamped;
    buzzes += outcome.buzzes;
  }
  const trials = Math.max(1, config.trials);
  return {
    fairAccuracy: fairWins / trials,
    arrivalAccuracy: arrivalWins / trials,
    trials: config.trials,
    clampedShare: buzzes === 0 ? 0 : clamped / buzzes,
  };
}

function runTrial(
  config: BuzzFairnessConfig,
  rng: Rng,
): { fairFirst: boolean; arrivalFirst: boolean; clamped: number; buzzes: number } {
  const uniform = (min: number, max: number) => min + rng() * (max - min);
  const delay = (base: number) => Math.max(0, base + uniform(-config.jitterMs, config.jitterMs));
  const spread = config.clockSpreadMs ?? 5000;

  const students: SimStudent[] = [];
  for (let i = 0; i < config.students; i++) {
    const baseLatencyMs = uniform(config.latencyMinMs, config.latencyMaxMs);
    const clockOffsetMs = uniform(-spread, spread);
    // Server-initiated pings: the server sends its time, the phone answers with its own clock.
    let history: OffsetSample[] = [];
    let serverNow = 0;
    for (let ping = 0; ping < (config.pings ?? 8); ping++) {
      const toPhone = delay(baseLatencyMs);
      const back = delay(baseLatencyMs);
      const sample = sampleFromExchange({
        localSendMs: serverNow,
        remoteMs: serverNow + toPhone + clockOffsetMs,
        localReceiveMs: serverNow + toPhone + back,
      });
      history = addClockSample(history, sample);
      serverNow += 1000;
    }
    students.push({ playerId: `s${i}`, baseLatencyMs, clockOffsetMs, clock: estimateClock(history)! });
  }

  // Presses in a random order, each 1–2 × minPressGapMs after the one before.
  const pressOrder = shuffle(students, rng);
  let pressAt = 10_000 + uniform(0, 1000);
  const arrived = pressOrder.map((student, index) => {
    if (index > 0) pressAt += uniform(config.minPressGapMs, 2 * config.minPressGapMs);
    const arrivalServerMs = pressAt + delay(student.baseLatencyMs);
    const claimedClientMs = pressAt + student.clockOffsetMs;
    return { student, arrivalServerMs, claimedClientMs };
  });
  const trueFirst = pressOrder[0]!.playerId;

  const firstArrival = Math.min(...arrived.map((buzz) => buzz.arrivalServerMs));
  const window = arbitrationWindowMs(students.map((student) => student.clock.rttMs / 2));
  let clamped = 0;
  const inWindow = arrived
    .filter((buzz) => buzz.arrivalServerMs <= firstArrival + window)
    .map((buzz) => {
      const fair = fairPressTime({
        claimedClientMs: buzz.claimedClientMs,
        clock: buzz.student.clock,
        arrivalServerMs: buzz.arrivalServerMs,
      });
      if (fair.clamped) clamped++;
      return {
        playerId: buzz.student.playerId,
        pressServerMs: fair.pressServerMs,
        arrivalServerMs: buzz.arrivalServerMs,
      };
    });
  const fairFirst = orderBuzzes(inWindow)[0]?.playerId === trueFirst;
  const arrivalFirst = arrived.find((buzz) => buzz.arrivalServerMs === firstArrival)?.student.playerId === trueFirst;
  return { fairFirst, arrivalFirst, clamped, buzzes: inWindow.length };
}
