import type { ServerResponse } from "node:http";
import type express from "express";

/** The sentence every path that finds a game answers once an address has spent its wrong-code tries. */
export const TOO_MANY_WRONG_CODES = "Too many wrong codes. Wait a minute, then check the code on the board.";

/** Writes a JSON body on a raw Node response (used before Express runs). */
export function sendJson(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** A route nobody serves: a JSON sentence, not Express's "Cannot GET" page. */
export function jsonNotFound(req: express.Request, res: express.Response): void {
  res.status(404).json({ error: `There is nothing at ${req.method} ${req.path}.` });
}

type HttpError = Error & { status?: number; statusCode?: number; type?: string; expose?: boolean };

/**
 * The last Express handler: every error becomes `{ "error": "<one sentence>" }` with a fitting status,
 * never the HTML error page or a stack trace. Unexpected errors are logged here (with their stack) for
 * whoever runs the server.
 */
export function jsonErrorHandler(
  error: HttpError,
  req: express.Request,
  res: express.Response,
  next: express.NextFunction,
): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const status = error.status ?? error.statusCode ?? 500;
  // A route may have set its own type (text/csv) or an attachment name before it failed.
  res.removeHeader("Content-Disposition");
  res.type("application/json");
  if (error.type === "entity.parse.failed") {
    res.status(400).json({ error: "The request body is not valid JSON." });
  } else if (error.type === "entity.too.large") {
    res.status(413).json({ error: "The request body is too large." });
  } else if (status >= 400 && status < 500 && error.expose !== false) {
    res.status(status).json({ error: error.message || "The request was refused." });
  } else {
    console.error(`${req.method} ${req.path} failed:`, error);
    res.status(500).json({ error: `The server could not do that (${plainReason(error)}). Try again in a moment.` });
  }
}

/** A short, stack-free reason: SQLite and system errors carry a readable message of their own. */
export function plainReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0] ?? "";
  return firstLine.length > 0 && firstLine.length <= 160 ? firstLine : "an unexpected error";
}
