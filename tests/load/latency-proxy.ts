import net from "node:net";

/**
 * A small TCP proxy with a known delay each way, for fairness tests and benchmarks: one listening port per
 * simulated phone, so each has its own link. Bytes keep their order (TCP), so a chunk held by jitter also holds
 * the chunks behind it, as a queue on a real access point would.
 */
export interface LinkProfile {
  /** Phone → server delay (ms). */
  upMs: number;
  /** Server → phone delay (ms). */
  downMs: number;
  /** Each chunk waits an extra uniform [0, jitterMs] in its direction. */
  jitterMs: number;
}

export interface Delivery {
  receivedAt: number;
  deliveredAt: number;
  lateMs: number;
}

export interface LatencyProxy {
  port: number;
  /** http://127.0.0.1:<port>, for an SDK client: matchmaking and the game socket both pass through the proxy. */
  url: string;
  link: LinkProfile;
  /**
   * The first chunk the phone sent at or after `sentAt` (Date.now ms), once handed to the server: when the proxy read
   * it, when it delivered it (the arrival of a message sent then, with the link's delay and jitter), and how much
   * later than its link profile allowed that was (this machine's own stalls, not the link's).
   */
  deliveredUpAfter(sentAt: number): Delivery | undefined;
  close(): Promise<void>;
}

/** A symmetric link: `oneWayMs` each way. */
export function symmetricLink(oneWayMs: number, jitterMs: number): LinkProfile {
  return { upMs: oneWayMs, downMs: oneWayMs, jitterMs };
}

/** The same round trip as `oneWayMs` each way, with `upShare` of it on the uplink (0.5 = symmetric, 0.75 = 3:1). */
export function asymmetricLink(oneWayMs: number, upShare: number, jitterMs: number): LinkProfile {
  return { upMs: 2 * oneWayMs * upShare, downMs: 2 * oneWayMs * (1 - upShare), jitterMs };
}

/**
 * Writes each chunk to `to` after the direction's delay, never before an earlier chunk: one queue and one timer per
 * direction (separate timers per chunk could fire out of order and corrupt the stream).
 */
function delayedPipe(
  from: net.Socket,
  to: net.Socket,
  delayMs: () => number,
  onDeliver: (delivery: Delivery) => void = () => {},
): void {
  const queue: { dueAt: number; receivedAt: number; chunk: Buffer }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const pump = () => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.dueAt <= now + 0.5) {
      const next = queue.shift()!;
      if (!to.destroyed) to.write(next.chunk);
      onDeliver({ receivedAt: next.receivedAt, deliveredAt: Date.now(), lateMs: Math.max(0, now - next.dueAt) });
    }
    if (queue.length > 0) timer = setTimeout(pump, Math.max(1, queue[0]!.dueAt - now));
    else if (ended && !to.destroyed) to.end();
  };
  from.on("data", (chunk: Buffer) => {
    const last = queue.at(-1)?.dueAt ?? 0;
    queue.push({ dueAt: Math.max(performance.now() + delayMs(), last), receivedAt: Date.now(), chunk });
    if (timer === undefined) timer = setTimeout(pump, Math.max(0, queue[0]!.dueAt - performance.now()));
  });
  from.on("end", () => {
    ended = true;
    if (queue.length === 0 && !to.destroyed) to.end();
  });
}

/** Starts a proxy on a free loopback port in front of 127.0.0.1:`targetPort`. `random` gives the jitter draws. */
export async function startLatencyProxy(
  targetPort: number,
  link: LinkProfile,
  random: () => number = Math.random,
): Promise<LatencyProxy> {
  const sockets = new Set<net.Socket>();
  const upDeliveries: Delivery[] = [];
  const server = net.createServer({ noDelay: true }, (phone) => {
    const upstream = net.connect({ port: targetPort, host: "127.0.0.1", noDelay: true });
    sockets.add(phone);
    sockets.add(upstream);
    delayedPipe(
      phone,
      upstream,
      () => link.upMs + random() * link.jitterMs,
      (delivery) => {
        upDeliveries.push(delivery);
        if (upDeliveries.length > 64) upDeliveries.shift();
      },
    );
    delayedPipe(upstream, phone, () => link.downMs + random() * link.jitterMs);
    const closeBoth = () => {
      phone.destroy();
      upstream.destroy();
      sockets.delete(phone);
      sockets.delete(upstream);
    };
    phone.on("error", closeBoth);
    upstream.on("error", closeBoth);
    phone.on("close", () => setTimeout(closeBoth, link.upMs + link.jitterMs + 10));
    upstream.on("close", () => setTimeout(closeBoth, link.downMs + link.jitterMs + 10));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    link,
    deliveredUpAfter: (sentAt) => upDeliveries.find((d) => d.receivedAt >= sentAt),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
