import type { GameEventLog } from "../results/results-store.ts";

/**
 * What every room on this process shares: the results store and a few settings. Colyseus builds rooms
 * itself (possibly on request of another process), so they reach these through this one slot, set by
 * app.ts before the server listens.
 */
export interface RoomServices {
  store: GameEventLog;
  reconnectSeconds: number;
  /** this process's stable name (PROCESS_ID): the games it holds are reopened by the process of that name */
  owner: string;
}

let services: RoomServices | undefined;

export function setRoomServices(value: RoomServices): void {
  services = value;
}

export function roomServices(): RoomServices {
  if (!services) throw new Error("room services are not set: call setRoomServices() before creating rooms");
  return services;
}
