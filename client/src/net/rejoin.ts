import {
  CLOSE_GAME_ENDED,
  CLOSE_KICKED,
  CLOSE_TAKEN_OVER,
  JoinErrorCode,
} from "@handsup/shared/protocol/close-codes.ts";

/**
 * Coming back after the connection is lost for good (the reconnection token no longer works, e.g. because the
 * server restarted: tokens do not survive a process). A phone rejoins by its device id and nickname, the teacher's
 * page by its host key; the server gives the same seat back. Plain async code with no DOM, so the room tests run
 * exactly this against a restarted server.
 */

/** Closes after which a page must not come back by itself: it left, was removed, the game ended, or another tab took over. */
export const FINAL_CLOSE_CODES: readonly number[] = [4000, CLOSE_KICKED, CLOSE_GAME_ENDED, CLOSE_TAKEN_OVER];

/** Join refusals that another try cannot fix. A missing game (a server still starting) is worth retrying. */
const FINAL_JOIN_CODES: readonly number[] = [
  JoinErrorCode.NAME_REFUSED,
  JoinErrorCode.NAME_TAKEN,
  JoinErrorCode.KICKED,
  JoinErrorCode.WRONG_HOST_KEY,
  JoinErrorCode.GAME_OVER,
  JoinErrorCode.BAD_OPTIONS,
];

/** Waits between tries: quick at first (a restart takes a few seconds), then every two seconds. */
export const REJOIN_DELAYS_MS: readonly number[] = [250, 500, 750, 1000, 1000, 1500, 2000];

export function isFinalJoinError(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? Number(error.code) : 0;
  return FINAL_JOIN_CODES.includes(code);
}

export interface RejoinOptions<T> {
  /** One try: joinById(code, { name, deviceId }) or joinById(code, { hostKey }). */
  join(): Promise<T>;
  /** Stop after this long without success (default 10 minutes: a laptop rebooting, an update). */
  giveUpAfterMs?: number;
  /** Each failed try, e.g. to keep "Reconnecting…" on screen. */
  onRetry?(attempt: number, error: unknown): void;
  /**
   * One try may hang (with several processes, a seat reserved from a listing of the process that died points its
   * socket at a process id nobody serves): after this long it counts as failed (default 5 s).
   */
  attemptTimeoutMs?: number;
  /** Stops the loop (the page navigated away, the student pressed Leave). */
  cancelled?(): boolean;
  now?(): number;
}

export type RejoinResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Tries to join again until it works, a refusal says it never will, or time runs out. */
export async function rejoinUntilBack<T>(options: RejoinOptions<T>): Promise<RejoinResult<T>> {
  const now = options.now ?? (() => Date.now());
  const deadline = now() + (options.giveUpAfterMs ?? 10 * 60_000);
  for (let attempt = 1; ; attempt++) {
    if (options.cancelled?.()) return { ok: false, error: new Error("cancelled") };
    try {
      return { ok: true, value: await withTimeout(options.join(), options.attemptTimeoutMs ?? 5000) };
    } catch (error) {
      if (isFinalJoinError(error) || now() >= deadline) return { ok: false, error };
      options.onRetry?.(attempt, error);
      const wait = REJOIN_DELAYS_MS[Math.min(attempt - 1, REJOIN_DELAYS_MS.length - 1)] ?? 2000;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

function withTimeout<T>(attempt: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The server did not answer in time.")), ms);
    attempt.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
