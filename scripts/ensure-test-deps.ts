// Installs what the test suites need beyond npm packages: Debian's Chromium (browser end-to-end
// tests), redis-server (the multi-process tests) and postgresql (the PostgreSQL store and the
// PostgreSQL multi-process test; the tests start their own cluster, never the system one). As root
// it installs them with apt-get; otherwise it says which command to run. Called by `pnpm test` before anything else.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

const needed = [
  { pkg: "chromium", binary: "/usr/bin/chromium" },
  { pkg: "redis-server", binary: "/usr/bin/redis-server" },
  { pkg: "postgresql", binary: postgresBinary() },
];
const missing = needed.filter((item) => !fs.existsSync(item.binary));

/** Debian puts pg_ctl under /usr/lib/postgresql/<major>/bin, off PATH; any installed major will do. */
function postgresBinary(): string {
  const root = "/usr/lib/postgresql";
  const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((name) => /^\d+$/.test(name)) : [];
  const found = majors.map((major) => `${root}/${major}/bin/pg_ctl`).find((file) => fs.existsSync(file));
  return found ?? `${root}/15/bin/pg_ctl`;
}
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
console.log(`Installing ${packages.join(", ")} with apt-get (needed by the browser, Redis and PostgreSQL tests)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
// Another install may hold the dpkg lock (a neighbour's apt-get): wait for it instead of failing at once.
const waitForLock = ["-o", "DPkg::Lock::Timeout=300"];
execFileSync("apt-get", [...waitForLock, "update"], { stdio: "inherit", env });
const install = spawnSync("apt-get", [...waitForLock, "install", "-y", "--no-install-recommends", ...packages], {
  stdio: "inherit",
  env,
});
if (install.status !== 0) {
  console.error(`apt-get could not install ${packages.join(" ")}.`);
  process.exit(1);
}
