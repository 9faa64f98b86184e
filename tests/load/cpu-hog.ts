/**
 * `--contended`: a process that keeps one core busy beside the server for the whole run, the way a
 * neighbour (a browser test, a backup, another service) would. It spins in 50 ms slices so it still
 * notices the parent's IPC channel closing, and exits when told or when the parent goes away.
 */
process.on("disconnect", () => process.exit(0));
process.on("message", () => process.exit(0));
process.send?.("ready");

let sink = 0;
const spin = () => {
  const until = performance.now() + 50;
  while (performance.now() < until) sink = (sink * 31 + 7) % 1_000_003;
  setImmediate(spin);
};
spin();
