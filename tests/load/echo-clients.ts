import NodeWebSocket from "ws";
import type { WorkerMetrics } from "./worker-metrics.ts";

/** How a worker loads the echo server. */
export interface EchoLoad {
  wsUrl: string;
  connections: number;
  /** Each connection sends one message this often (first one at a random phase). */
  intervalMs: number;
  durationMs: number;
  /** Connections open evenly over this long before sending starts. */
  rampMs: number;
}

/** Opens `connections` sockets to the echo server, sends 32-byte stamped messages, and records round trips. */
export async function runEchoClients(load: EchoLoad, metrics: WorkerMetrics): Promise<void> {
  const sockets: NodeWebSocket[] = [];
  let stopping = false;
  const opened: Promise<void>[] = [];
  for (let i = 0; i < load.connections; i++) {
    const socket = new NodeWebSocket(load.wsUrl, { perMessageDeflate: false });
    socket.binaryType = "arraybuffer";
    sockets.push(socket);
    opened.push(
      new Promise<void>((resolve) => {
        socket.once("open", () => resolve());
        socket.once("error", (error) => {
          metrics.error("echo connect", error);
          resolve();
        });
      }),
    );
    socket.on("message", (data: ArrayBuffer) => {
      const sentAt = new Float64Array(data, 0, 1)[0]!;
      metrics.echoRttMs.push(performance.now() - sentAt);
    });
    socket.on("close", () => {
      if (!stopping) metrics.disconnect("echo socket closed");
    });
    if (load.rampMs > 0) await new Promise((resolve) => setTimeout(resolve, load.rampMs / load.connections));
  }
  await Promise.all(opened);
  const timers: NodeJS.Timeout[] = [];
  for (const socket of sockets) {
    const sendOne = () => {
      if (socket.readyState !== NodeWebSocket.OPEN) return;
      const payload = new Float64Array(4);
      payload[0] = performance.now();
      socket.send(payload);
      metrics.counters.messagesSent++;
    };
    const phase = setTimeout(() => timers.push(setInterval(sendOne, load.intervalMs)), Math.random() * load.intervalMs);
    timers.push(phase);
  }
  await new Promise((resolve) => setTimeout(resolve, load.durationMs));
  stopping = true;
  for (const timer of timers) clearTimeout(timer);
  // Let the last echoes come back before closing.
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const socket of sockets) socket.close();
}
