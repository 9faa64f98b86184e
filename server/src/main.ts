import { startServer, VERSION } from "./app.ts";
import { BankLoadError } from "./banks/load-banks.ts";
import { StartupError } from "./boot-checks.ts";
import { ConfigError, lanUrls, readConfig, type ServerConfig } from "./config.ts";

/** `pnpm start`: one process, one port, the built-in banks, SQLite results in DATA_DIR. */

/** Problems the person starting the server can fix: said in plain words, exit 1, no stack trace. */
function refuseToStart(error: unknown): never {
  if (error instanceof ConfigError || error instanceof BankLoadError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

let config: ServerConfig;
try {
  config = readConfig();
} catch (error) {
  refuseToStart(error);
}

try {
  const server = await startServer(config);
  const local = `http://localhost:${config.port}`;
  const lan = lanUrls(config.port);
  const lines = [
    `Hands Up ${VERSION} is running.`,
    `  Teacher (projector):  ${local}/host${lan[0] ? `   or ${lan[0]}/host` : ""}`,
    `  Students (phones):    ${lan[0] ?? local}/`,
    ...lan.slice(1).map((url) => `                        ${url}/`),
    `  Results are stored in ${config.dataDir}`,
    config.hostPassword
      ? "  Creating a game needs HOST_PASSWORD."
      : "  Anyone on this network can create a game (set HOST_PASSWORD to restrict).",
    config.redisUrl
      ? `  Sharing rooms through Redis at ${config.redisUrl} as ${config.publicAddress ?? "(no PUBLIC_ADDRESS!)"}`
      : "",
    config.trustProxy
      ? `  Client addresses are taken from X-Forwarded-For set by ${config.trustProxy.join(", ")}.`
      : "",
    "Press Ctrl+C to stop.",
  ];
  console.log(lines.filter(Boolean).join("\n"));
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
} catch (error) {
  refuseToStart(error);
}
