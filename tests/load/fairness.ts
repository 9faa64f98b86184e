import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simulateBuzzFairness } from "@handsup/shared";
import { startServer } from "./child-processes.ts";
import { asymmetricRoom, cheatPairs, cheatRoom, classroomRoom, symmetricRoom } from "./fairness-scenarios.ts";
import {
  arrivalFirstRate,
  gainsOver,
  mean,
  photoFinishRate,
  runScenario,
  type Scenario,
  silentlyWrong,
  trueFirstRate,
  undisturbed,
  writeTrialBank,
} from "./fairness-trials.ts";

/** One row of the fairness table: a network and a press gap, with both orderings' accuracy. */
export interface FairnessRow {
  latencyMinMs: number;
  latencyMaxMs: number;
  jitterMs: number;
  minPressGapMs: number;
  fairAccuracy: number;
  arrivalAccuracy: number;
  trials: number;
}

const SPREADS: readonly [number, number][] = [
  [10, 100],
  [10, 400],
  [10, 1000],
];
const PRESS_GAPS = [10, 30, 100] as const;

/** Runs the buzz-fairness simulation over the latency spreads and press gaps BENCHMARKS.md reports. */
export function runFairness(options: { students: number; trials: number; seed: number }): FairnessRow[] {
  const rows: FairnessRow[] = [];
  for (const [latencyMinMs, latencyMaxMs] of SPREADS) {
    for (const minPressGapMs of PRESS_GAPS) {
      const result = simulateBuzzFairness({
        students: options.students,
        trials: options.trials,
        latencyMinMs,
        latencyMaxMs,
        jitterMs: 30,
        minPressGapMs,
        seed: options.seed,
      });
      rows.push({
        latencyMinMs,
        latencyMaxMs,
        jitterMs: 30,
        minPressGapMs,
        fairAccuracy: result.fairAccuracy,
        arrivalAccuracy: result.arrivalAccuracy,
        trials: result.trials,
      });
    }
  }
  return rows;
}

/** The fairness rows as a table: who was really first, ordered first by fair stamps vs by arrival. */
export function formatFairness(rows: readonly FairnessRow[], students: number): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(8);
  const lines = [
    `buzz fairness: ${students} students per trial, ±30 ms jitter; share of trials where the true first press wins`,
    "one-way latency   press gap   fair order   arrival order",
  ];
  for (const row of rows) {
    lines.push(
      `${`${row.latencyMinMs}–${row.latencyMaxMs} ms`.padEnd(17)} ${`${row.minPressGapMs} ms`.padStart(9)}   ${percent(row.fairAccuracy)}     ${percent(row.arrivalAccuracy)}`,
    );
  }
  return lines.join("\n");
}

/** One row of the real-socket table: a room of ten phones behind latency proxies, and what the projector said. */
export interface SocketFairnessRow {
  scenario: string;
  pressGapMs: number;
  trials: number;
  disturbed: number;
  trueFirst: number;
  arrivalFirst: number;
  photoFinish: number;
  silentlyWrong: number;
}

export interface CheatRow {
  strategy: string;
  oneWayMs: number;
  trials: number;
  meanGainMs: number;
  maxGainMs: number;
  /** trials where the cheat took the turn although someone else pressed first */
  wrongTurns: number;
}

export interface SocketFairnessReport {
  rows: SocketFairnessRow[];
  cheats: CheatRow[];
  seconds: number;
}

/**
 * The real-socket fairness figures: starts a game server in its own process, plays each scenario's trials through
 * the latency proxy with the phone's clock code (tests/load/fairness-trials.ts), and summarises them.
 */
export async function runSocketFairness(options: { trials: number }): Promise<SocketFairnessReport> {
  const started = Date.now();
  const banksDir = fs.mkdtempSync(path.join(os.tmpdir(), "handsup-fairness-banks-"));
  const bankId = writeTrialBank(banksDir, options.trials);
  const server = await startServer({ banksDir });
  const t = options.trials;
  const scenarios: Scenario[] = [
    symmetricRoom("10–400 ms, symmetric", t, 10, 11),
    symmetricRoom("10–400 ms, symmetric", t, 30, 12),
    symmetricRoom("10–400 ms, symmetric", t, 100, 13),
    classroomRoom("5–40 ms (one Wi-Fi), symmetric", t, 30, 14),
    asymmetricRoom("10–400 ms, uplink 1.5× downlink", 0.6, t, 30, 15),
    asymmetricRoom("10–400 ms, uplink 3× downlink", 0.75, t, 30, 16),
    asymmetricRoom("10–400 ms, random uplink share 25–75 %", "random", t, 30, 17),
    cheatRoom("cheats", t, 30, 18),
  ];
  try {
    const results = await Promise.all(scenarios.map((scenario) => runScenario(server, bankId, scenario)));
    const rows: SocketFairnessRow[] = [];
    const cheats: CheatRow[] = [];
    scenarios.forEach((scenario, i) => {
      const all = results[i]!;
      if (scenario.name === "cheats") {
        for (const pair of cheatPairs(scenario)) {
          const records = undisturbed(all, 0, () => [pair.cheat, pair.honest]);
          const gains = gainsOver(records, pair.cheat, pair.honest);
          cheats.push({
            strategy: pair.strategy,
            oneWayMs: pair.oneWayMs,
            trials: records.length,
            meanGainMs: mean(gains),
            maxGainMs: Math.max(...gains),
            wrongTurns: records.filter((r) => r.turn === pair.cheat && r.trueOrder[0] !== pair.cheat).length,
          });
        }
        return;
      }
      const records = undisturbed(all, scenario.pressGapMs - 10);
      rows.push({
        scenario: scenario.name,
        pressGapMs: scenario.pressGapMs,
        trials: records.length,
        disturbed: all.length - records.length,
        trueFirst: trueFirstRate(records),
        arrivalFirst: arrivalFirstRate(records),
        photoFinish: photoFinishRate(records),
        silentlyWrong: silentlyWrong(records).length,
      });
    });
    return { rows, cheats, seconds: (Date.now() - started) / 1000 };
  } finally {
    await server.stop();
    fs.rmSync(banksDir, { recursive: true, force: true });
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}

/** The real-socket figures as two tables (rooms, then cheats). */
export function formatSocketFairness(report: SocketFairnessReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const lines = [
    `buzz fairness over real sockets: 10 phones per room behind latency proxies, the phone's clock code, ${report.seconds.toFixed(0)} s`,
    "| links | press gap | trials (disturbed) | true first | arrival order | photo finish | wrong, not flagged |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const row of report.rows) {
    lines.push(
      `| ${row.scenario} | ${row.pressGapMs} ms | ${row.trials} (${row.disturbed}) | ${percent(row.trueFirst)} | ${percent(row.arrivalFirst)} | ${percent(row.photoFinish)} | ${row.silentlyWrong} |`,
    );
  }
  lines.push(
    "",
    "| cheat | link (one way) | trials | mean gain over an honest phone | max | turns taken wrongly |",
    "|---|---|---|---|---|---|",
  );
  for (const cheat of report.cheats) {
    lines.push(
      `| ${cheat.strategy} | ${cheat.oneWayMs} ms | ${cheat.trials} | ${cheat.meanGainMs.toFixed(1)} ms | ${cheat.maxGainMs.toFixed(0)} ms | ${cheat.wrongTurns} |`,
    );
  }
  return lines.join("\n");
}
