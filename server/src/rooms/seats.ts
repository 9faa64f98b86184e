/**
 * Who is on which connection: a student's socket (sessionId) ↔ their player in the game (playerId), host
 * sockets, and the reconnection each dropped student's socket may still use. The game itself (names, bans,
 * scores) lives in the reducer; this is only the room's map of sockets.
 */

/** A pending `allowReconnection` of a dropped socket; rejecting it frees Colyseus' held seat at once. */
export interface HeldReconnection {
  reject(reason?: unknown): void;
}

export type Sender = { role: "host"; sessionId: string } | { role: "student"; sessionId: string; playerId: string };

export class Seats {
  private readonly playerBySession = new Map<string, string>();
  private readonly sessionByPlayer = new Map<string, string>();
  private readonly hosts = new Set<string>();
  private readonly held = new Map<string, HeldReconnection>();
  /** sockets whose player was removed: their reconnection is refused */
  private readonly dead = new Set<string>();

  addHost(sessionId: string): void {
    this.hosts.add(sessionId);
  }

  /**
   * Puts `sessionId` on `playerId`'s seat. When the seat had another socket (a rejoin by name and device), that
   * socket's id is returned so the room can close it; its held reconnection is released.
   */
  seat(sessionId: string, playerId: string): string | undefined {
    const previous = this.sessionByPlayer.get(playerId);
    if (previous !== undefined && previous !== sessionId) {
      this.playerBySession.delete(previous);
      this.releaseHold(previous);
      this.dead.add(previous);
    }
    this.playerBySession.set(sessionId, playerId);
    this.sessionByPlayer.set(playerId, sessionId);
    return previous !== undefined && previous !== sessionId ? previous : undefined;
  }

  /** Who sent a message on this socket; undefined for a socket that holds no seat (any more). */
  sender(sessionId: string): Sender | undefined {
    if (this.hosts.has(sessionId)) return { role: "host", sessionId };
    const playerId = this.playerBySession.get(sessionId);
    return playerId === undefined ? undefined : { role: "student", sessionId, playerId };
  }

  playerOf(sessionId: string): string | undefined {
    return this.playerBySession.get(sessionId);
  }

  sessionOf(playerId: string): string | undefined {
    return this.sessionByPlayer.get(playerId);
  }

  isHost(sessionId: string): boolean {
    return this.hosts.has(sessionId);
  }

  /** The sockets of seated students (for the buzz arbitration window). */
  studentSessions(): IterableIterator<string> {
    return this.playerBySession.keys();
  }

  hostSessions(): IterableIterator<string> {
    return this.hosts.values();
  }

  /** Whether a dropped socket may still come back with its reconnection token. */
  mayReconnect(sessionId: string): boolean {
    return !this.dead.has(sessionId) && (this.hosts.has(sessionId) || this.playerBySession.has(sessionId));
  }

  /** Remembers the pending reconnection of a dropped socket, so a takeover or a kick can end it. */
  hold(sessionId: string, reconnection: HeldReconnection): void {
    this.held.set(sessionId, reconnection);
  }

  /** The socket is back, or its reconnection ended. */
  unhold(sessionId: string): void {
    this.held.delete(sessionId);
  }

  /** A kicked student's socket: closed, and its reconnection token dies with it. */
  evictPlayer(playerId: string): string | undefined {
    const sessionId = this.sessionByPlayer.get(playerId);
    this.sessionByPlayer.delete(playerId);
    if (sessionId === undefined) return undefined;
    this.playerBySession.delete(sessionId);
    this.dead.add(sessionId);
    this.releaseHold(sessionId);
    return sessionId;
  }

  /** A socket is gone for good (left, or its reconnection window closed). */
  forget(sessionId: string): void {
    this.hosts.delete(sessionId);
    this.releaseHold(sessionId);
    const playerId = this.playerBySession.get(sessionId);
    if (playerId !== undefined && this.sessionByPlayer.get(playerId) === sessionId)
      this.sessionByPlayer.delete(playerId);
    this.playerBySession.delete(sessionId);
  }

  private releaseHold(sessionId: string): void {
    const hold = this.held.get(sessionId);
    this.held.delete(sessionId);
    hold?.reject(new Error("seat taken over"));
  }
}
