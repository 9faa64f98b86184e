import { WebSocketServer } from "ws";

/**
 * The floor: a bare `ws` server that sends every message straight back. Run as its own process
 * (`node tests/load/echo-server.ts <port>`), like the game server, so echo round trips cost what a
 * message costs on this machine with nothing of ours in the way.
 */
const port = Number(process.argv[2]);
const server = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false, maxPayload: 4096 });
server.on("connection", (socket) => {
  socket.on("message", (data, isBinary) => socket.send(data, { binary: isBinary }));
});
server.on("listening", () => process.send?.("ready"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
