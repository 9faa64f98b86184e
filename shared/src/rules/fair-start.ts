import { jitterAllowanceMs } from "./buzz-order.ts";
import type { ClockEstimate } from "./clock-sync.ts";

/** Time a phone may plausibly need to draw a question after the message arrives. */
export const RENDER_BUDGET_MS = 500;
/** Default cap on how late a question may count as shown. */
export const MAX_SHOWN_GRACE_MS = 2000;

/**
 * When the question appeared on this student's screen, in server time. A reported stamp is converted with the clock
 * estimate and accepted within [openedAt, openedAt + min(rtt + jitter allowance + render budget, maxGraceMs)],
 * clamped otherwise; with no report it is openedAt + rtt/2 (openedAt without a clock).
 */
export function fairShownAt(input: {
  openedAtServerMs: number;
  reportedShownClientMs?: number | undefined;
  clock: ClockEstimate | undefined;
  maxGraceMs?: number;
}): number {
  const { openedAtServerMs, reportedShownClientMs, clock, maxGraceMs = MAX_SHOWN_GRACE_MS } = input;
  if (clock === undefined) return openedAtServerMs;
  const latest = openedAtServerMs + Math.min(clock.rttMs + jitterAllowanceMs(clock) + RENDER_BUDGET_MS, maxGraceMs);
  if (reportedShownClientMs === undefined || !Number.isFinite(reportedShownClientMs)) {
    return Math.min(openedAtServerMs + clock.rttMs / 2, latest);
  }
  const shown = reportedShownClientMs - clock.offsetMs;
  return Math.min(latest, Math.max(openedAtServerMs, shown));
}

/** This student's answer deadline: their own shown time plus the time limit scaled by their extra-time factor. */
export function studentDeadline(shownAtServerMs: number, timeLimitMs: number, extraTimeFactor = 1): number {
  return shownAtServerMs + timeLimitMs * extraTimeFactor;
}

/** How long the student took, counted from their own shown time; never negative. */
export function responseTimeMs(shownAtServerMs: number, answeredServerMs: number): number {
  return Math.max(0, answeredServerMs - shownAtServerMs);
}
