import { matchMaker } from "@colyseus/core";
import type { AsyncResultsStore } from "./results/store.ts";

/** How often a process looks for games whose process went silent: every 10 s, or a third of the takeover time. */
export function takeoverCheckMs(afterMs: number): number {
  return Math.min(10_000, Math.max(500, Math.round(afterMs / 3)));
}

export interface TakeoverOptions {
  store: Pick<AsyncResultsStore, "claimOrphanedGames">;
  /** This process's PROCESS_ID: the games it takes over are held under it. */
  owner: string;
  /** A game whose last event and heartbeat are older than this is orphaned (TAKEOVER_AFTER_SECONDS). */
  afterMs: number;
  everyMs?: number;
  log?: (line: string) => void;
}

export interface Takeover {
  /** Claims and reopens the orphaned games now; resolves with their join codes. */
  runOnce(): Promise<string[]>;
  stop(): void;
}

/**
 * Several processes (docs/scaling.md): when one stops for good — a crash, a machine gone — its unfinished games
 * are claimed by exactly one live process (the store's row lock), replayed from their event logs and reopened
 * HERE under the same join code, so the phones and the teacher's page find them again. The downtime counts from
 * the old process's last sign of life, like a restart of the old process itself.
 */
export function startTakeover(options: TakeoverOptions): Takeover {
  const log = options.log ?? ((line: string) => console.log(line));
  let running: Promise<string[]> | undefined;
  const runOnce = (): Promise<string[]> => {
    running ??= (async () => {
      const now = Date.now();
      const games = await options.store.claimOrphanedGames(options.owner, now - options.afterMs, now);
      const reopened: string[] = [];
      for (const game of games) {
        try {
          // handleCreateRoom creates the room in this process (createRoom might pick another one, which
          // would then run a game this process holds).
          await matchMaker.handleCreateRoom("quiz", { restore: { gameId: game.gameId, downSince: game.lastAliveAt } });
          reopened.push(game.code);
        } catch (error) {
          log(`Could not take over game ${game.code}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (reopened.length > 0) log(`Took over ${reopened.length} game(s) of a stopped process: ${reopened.join(", ")}`);
      return reopened;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) =>
      log(`Looking for orphaned games failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, options.everyMs ?? takeoverCheckMs(options.afterMs));
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
