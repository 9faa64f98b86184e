// Installs what the test suites need beyond npm packages: Debian's Chromium (browser end-to-end
// tests) and redis-server (the multi-process test). As root it installs them with apt-get; otherwise
// it says which command to run. Called by `pnpm test` before anything else.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

const needed = [
  { pkg: "chromium", binary: "/usr/bin/chromium" },
  { pkg: "redis-server", binary: "/usr/bin/redis-server" },
];
const missing = needed.filter((item) => !fs.existsSync(item.binary));
if (missing.length === 0) process.exit(0);

const packages = missing.map((item) => item.pkg);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `The tests need ${packages.join(" and ")} from Debian's packages. Install them once with:\n` +
      `  sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}\nthen run the tests again.`,
  );
  process.exit(1);
}
console.log(`Installing ${packages.join(", ")} with apt-get (needed by the browser and Redis tests)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
execFileSync("apt-get", ["update"], { stdio: "inherit", env });
const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...packages], {
  stdio: "inherit",
  env,
});
if (install.status !== 0) {
  console.error(`apt-get could not install ${packages.join(" ")}.`);
  process.exit(1);
}
