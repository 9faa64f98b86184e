/** Timers a bot schedules, so that all of them can be cancelled when its game ends. */
export function botTimers(): { later(ms: number, run: () => void): void; clearAll(): void } {
  const timers = new Set<NodeJS.Timeout>();
  return {
    later(ms, run) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        run();
      }, ms);
      timers.add(timer);
    },
    clearAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
