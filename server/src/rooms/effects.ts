import type { Effect, PlayerNotice } from "@handsup/shared";

/** What the room does for the reducer's effects: the only ways a step reaches sockets, timers and the store. */
export interface EffectPorts {
  /** a message to one student's phone (if it is connected) */
  notify(playerId: string, notice: PlayerNotice): void;
  /** close a removed student's socket (4105) and kill its reconnection token */
  evict(playerId: string): void;
  /** the room's one timer: wake the game at `at` (null: nothing to wait for) */
  wakeAt(at: number | null): void;
  /** the game ended: close it in the store, and the sockets a little later */
  ended(): void;
}

/**
 * Carries out a committed step's effects. Notices go first, so a kicked student reads why before the socket
 * closes. joined / phaseChanged / ledger / voided need nothing here: the projection and the log cover them.
 */
export function carryOut(effects: readonly Effect[], ports: EffectPorts): void {
  for (const effect of effects) if (effect.type === "notify") ports.notify(effect.playerId, effect.message);
  for (const effect of effects) {
    if (effect.type === "kickConnection") ports.evict(effect.playerId);
    else if (effect.type === "wakeAt") ports.wakeAt(effect.at);
    else if (effect.type === "gameEnded") ports.ended();
  }
}
