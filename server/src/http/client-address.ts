import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";

/** Finds the address a request really came from, the same way for Express routes and raw matchmaking. */
export type AddressOf = (req: IncomingMessage) => string;

/**
 * With no proxy configured (TRUST_PROXY unset), the socket's peer is the client and every
 * `X-Forwarded-For` header is ignored: otherwise a guesser would name a new address per request.
 * With TRUST_PROXY set, the header is believed only from those proxies (Express's own rules).
 */
export function clientAddressResolver(trustProxy: false | string[]): AddressOf {
  if (trustProxy === false) return (req) => req.socket.remoteAddress ?? "unknown";
  const trusted = proxyAddr.compile(trustProxy);
  return (req) => proxyAddr(req, trusted);
}
