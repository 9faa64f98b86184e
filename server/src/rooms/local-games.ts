import { matchMaker, type Room } from "@colyseus/core";

/**
 * The games this process holds, so they can be announced again when the shared registry (Redis)
 * lost them. Colyseus keeps its own list private; a room adds itself in onCreate and leaves on dispose.
 */

/** The presence hash in which every live game claims its join code (the room writes it in claimCode). */
export const JOIN_CODES_KEY = "handsup:codes";

const local = new Set<Room>();

/** Called once by each room in onCreate. */
export function trackLocalGame(room: Room): void {
  local.add(room);
  // `_events` is Colyseus's own per-room emitter; "dispose" fires once when the room goes away.
  (room as unknown as { _events: NodeJS.EventEmitter })._events.once("dispose", () => local.delete(room));
}

/** The join codes (room ids) of the games this process holds now (a room whose onCreate failed is not one). */
export function localGameCodes(): string[] {
  for (const room of local) if (matchMaker.getLocalRoomById(room.roomId) !== room) local.delete(room);
  return [...local].map((room) => room.roomId);
}
