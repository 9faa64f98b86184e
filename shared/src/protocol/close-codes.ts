/**
 * Join refusals (the `code` of the error `joinById` rejects with) and close codes.
 * Colyseus' own: 4000 consented leave, 4001 server shutdown, 4002 error, 4003 failed to reconnect,
 * 4010 may try reconnect; 522 when the code names no live game ("room X not found") or the room is locked.
 */
export const JoinErrorCode = {
  /** nickname refused (empty, too long, control characters, rude) */
  NAME_REFUSED: 4101,
  NAME_TAKEN: 4102,
  GAME_FULL: 4103,
  LOBBY_LOCKED: 4104,
  KICKED: 4105,
  WRONG_HOST_KEY: 4106,
  GAME_OVER: 4107,
  BAD_OPTIONS: 4108,
  /** the results store could not record the join (e.g. a full disk): try again later */
  NOT_SAVED: 4109,
} as const;

/** Close code sent to a student removed by the teacher. */
export const CLOSE_KICKED = 4105;
/** Close code when the teacher ends the game. */
export const CLOSE_GAME_ENDED = 4107;
/** Close code for the old connection of a seat that a rejoin by name and device took over. */
export const CLOSE_TAKEN_OVER = 4100;
