import { startServer, VERSION } from "./app.ts";
import { BankLoadError } from "./banks/load-banks.ts";
import { lanUrls, readConfig } from "./config.ts";

/** `pnpm start`: one process, one port, the built-in banks, SQLite results in DATA_DIR. */
const config = readConfig();
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
  if (error instanceof BankLoadError) {
    console.error(error.message);
    process.exit(1);
  }
  if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
    console.error(`Port ${config.port} is already in use. Stop the other program or start with PORT=<another port>.`);
    process.exit(1);
  }
  throw error;
}
