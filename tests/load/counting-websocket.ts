import NodeWebSocket from "ws";

/**
 * Importing this module before `@colyseus/sdk` makes the SDK open its sockets with this class: the SDK
 * picks `globalThis.WebSocket || ws` once, when it loads. We install the `ws` client (what the SDK
 * uses on Node without a global WebSocket) with two counters: application bytes (each message's
 * payload) and wire bytes (what the TCP socket read, framing and HTTP upgrade included).
 */
export class CountingWebSocket extends NodeWebSocket {
  payloadBytesReceived = 0;
  messagesReceived = 0;

  constructor(...args: ConstructorParameters<typeof NodeWebSocket>) {
    super(...args);
    this.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
      this.messagesReceived++;
      this.payloadBytesReceived += Array.isArray(data)
        ? data.reduce((sum, part) => sum + part.byteLength, 0)
        : data.byteLength;
    });
  }

  /** Bytes the underlying TCP socket has read so far. */
  get wireBytesReceived(): number {
    const socket = (this as unknown as { _socket?: { bytesRead: number } })._socket;
    return socket?.bytesRead ?? 0;
  }
}

(globalThis as { WebSocket?: unknown }).WebSocket = CountingWebSocket;

/** The counting socket under an SDK room, if the room is connected through one. */
export function countingSocketOf(room: { connection: unknown }): CountingWebSocket | undefined {
  const ws = (room.connection as { transport?: { ws?: unknown } }).transport?.ws;
  return ws instanceof CountingWebSocket ? ws : undefined;
}
