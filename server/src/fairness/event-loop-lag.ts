import { monitorEventLoopDelay, performance } from "node:perf_hooks";

/**
 * How long a message that is being handled now may have waited for this process's busy event loop. A message that
 * reached the machine while the loop was busy (encoding a patch for a big room, the projector's browser on the same
 * laptop) is stamped late by up to that much, so its press allowance is widened by it and its uncertainty grows by it.
 *
 * Two ways a message waits, and a measure for each (the larger wins):
 * - the loop was busy: it is idle only while it waits for I/O (Node's event-loop utilisation counts that time), so a
 *   message handled while the loop has been busy since T may have arrived just after T. Each reading asks: was the
 *   loop idle since the last reading? If so the busy stretch starts now, else it goes on.
 * - the process did not run at all (a loaded laptop's scheduler gave the cores to the projector's browser): that
 *   time counts as idle, but our 10 ms heartbeat did not beat. I/O is handled before timers when the process
 *   resumes, so a message handled long after the last beat may have waited that long.
 * Node's monitorEventLoopDelay histogram gives the recent worst delay for reports.
 */
export interface LoopLag {
  /** How long the loop has been busy without waiting for I/O, in ms (0 right after an idle wait). */
  lagMs(): number;
  /**
   * The longest a message handled now may have waited, counting time the process did not run at all (ms, ≥ lagMs).
   * An upper bound, often far above the real wait on a starved process, so it widens a press's uncertainty only.
   */
  stallMs(): number;
  /** The loop's worst delay over the last second, from monitorEventLoopDelay (ms), for reports. */
  recentMaxMs(): number;
  stop(): void;
}

const RESOLUTION_MS = 10;
/** Idle time below this between two readings is a poll that did not wait (the loop went straight on). */
const IDLE_EPSILON_MS = 0.2;

export function startLoopLag(): LoopLag {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let lastIdleMs = performance.eventLoopUtilization().idle;
  let busySince = performance.now();
  let lastBeatAt = performance.now();
  let recentMax = 0;
  let recentMaxAt = 0;

  const read = (): { busy: number; stalled: number } => {
    const now = performance.now();
    const idle = performance.eventLoopUtilization().idle;
    if (idle - lastIdleMs > IDLE_EPSILON_MS) busySince = now;
    lastIdleMs = idle;
    const busy = now - busySince;
    return { busy, stalled: Math.max(busy, now - lastBeatAt - RESOLUTION_MS) };
  };
  const beat = setInterval(() => {
    read();
    lastBeatAt = performance.now();
  }, RESOLUTION_MS);
  const roll = setInterval(() => {
    const now = performance.now();
    const max = histogram.count > 0 ? Math.max(0, histogram.max / 1e6 - RESOLUTION_MS) : 0;
    if (max >= recentMax || now - recentMaxAt > 1000) {
      recentMax = max;
      recentMaxAt = now;
    }
    histogram.reset();
  }, 250);
  beat.unref();
  roll.unref();
  return {
    lagMs: () => Math.max(0, Math.round(read().busy)),
    stallMs: () => Math.max(0, Math.round(read().stalled)),
    recentMaxMs: () => recentMax,
    stop() {
      clearInterval(beat);
      clearInterval(roll);
      histogram.disable();
    },
  };
}

let shared: LoopLag | undefined;

/** The process has one event loop, so every room shares one monitor (started on first use). */
export function processLoopLag(): LoopLag {
  shared ??= startLoopLag();
  return shared;
}
