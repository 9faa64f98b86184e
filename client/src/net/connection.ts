import { Client, type Room } from "@colyseus/sdk";
import { JoinErrorCode } from "@handsup/shared/protocol/close-codes.ts";
import type { QuizState } from "@handsup/shared/state/quiz-state.ts";
import { attachClock } from "./clock.ts";
import { type GameSnapshot, takeSnapshot } from "./snapshot.ts";

export type QuizRoom = Room<unknown, QuizState>;
export type ConnectionStatus = "online" | "reconnecting" | "closed";

/** The Colyseus client for this page: same host and port the page came from, or VITE_SERVER_URL in dev. */
export function createClient(): Client {
  const fromPage = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}`;
  return new Client(import.meta.env.VITE_SERVER_URL ?? fromPage);
}

/** A sentence to show a student whose join was refused, from the server's error (its message when it sent one). */
export function describeJoinError(error: unknown): string {
  const code = typeof error === "object" && error && "code" in error ? Number(error.code) : 0;
  const message = error instanceof Error ? error.message : String(error);
  const knownCodes: number[] = Object.values(JoinErrorCode);
  if (knownCodes.includes(code) && message) return message;
  if (code === 524 || /not found|invalid room/i.test(message))
    return "No game with that code. Check the code on the board.";
  if (code === 522 || /locked/i.test(message)) return "This game has already started or is locked.";
  if (/fetch|network|connect/i.test(message)) return "Can't reach the game server. Check the Wi-Fi and try again.";
  return message || "Could not join. Try again.";
}

export interface RoomWatchers {
  onState(game: GameSnapshot): void;
  onConnection(status: ConnectionStatus, closeCode?: number): void;
}

/** Wires a joined room: clock sync, a snapshot on every state patch, and the connection's ups and downs. */
export function watchRoom(room: QuizRoom, watchers: RoomWatchers): void {
  attachClock(room);
  room.onStateChange((state) => watchers.onState(takeSnapshot(state)));
  room.onDrop(() => watchers.onConnection("reconnecting"));
  room.onReconnect(() => watchers.onConnection("online"));
  room.onLeave((code) => watchers.onConnection("closed", code));
  // Messages nobody listens for would log warnings; errors are shown by the page's controller.
  room.onMessage("*", () => {});
}

/** Resolves once the first full state has arrived (it lags one round trip behind the join). */
export function firstState(room: QuizRoom): Promise<GameSnapshot> {
  if (room.state && (room.state as { code?: string }).code) return Promise.resolve(takeSnapshot(room.state));
  return new Promise((resolve) => room.onStateChange.once((state) => resolve(takeSnapshot(state))));
}
