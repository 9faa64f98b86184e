// `pnpm dev`: the game server on :2567 (restarted when server or shared code changes) and Vite's
// dev server on :5173 with hot reload, side by side. Open http://localhost:5173/host.html and /.
import { spawn } from "node:child_process";

const children = [
  spawn(process.execPath, ["--watch-path=server/src", "--watch-path=shared/src", "server/src/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, PORT: process.env.PORT ?? "2567" },
  }),
  spawn("pnpm", ["--filter", "@handsup/client", "dev"], {
    stdio: "inherit",
    env: { ...process.env, VITE_SERVER_URL: process.env.VITE_SERVER_URL ?? "ws://localhost:2567" },
  }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
for (const child of children) child.once("exit", stop);
