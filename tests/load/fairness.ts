import { simulateBuzzFairness } from "@handsup/shared";

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
