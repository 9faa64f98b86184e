import { createRng } from "@handsup/shared";
import { type BotPlan, botNames, type Scenario, type Strategy } from "./fairness-trials.ts";
import { asymmetricLink, type LinkProfile, symmetricLink } from "./latency-proxy.ts";

/**
 * The rooms the fairness test and benchmark play, side by side on one server: ten phones each, one-way latencies
 * spread evenly over 10–400 ms with 0–30 ms jitter (as in issue 13), symmetric or with a slower uplink, and a room
 * of cheats, each beside an honest phone on the same link.
 */

const SPREAD_MIN_MS = 10;
const SPREAD_MAX_MS = 400;
const MAX_JITTER_MS = 30;

/** Ten one-way latencies over 10–400 ms, and a jitter for each that does not simply grow with the latency. */
function spread(count: number): { oneWayMs: number; jitterMs: number }[] {
  return Array.from({ length: count }, (_, i) => ({
    oneWayMs: Math.round(SPREAD_MIN_MS + (i * (SPREAD_MAX_MS - SPREAD_MIN_MS)) / (count - 1)),
    jitterMs: Math.round((((i * 7) % count) * MAX_JITTER_MS) / (count - 1)),
  }));
}

function room(name: string, links: LinkProfile[], trials: number, pressGapMs: number, seed: number): Scenario {
  const names = botNames(links.length);
  return {
    name,
    bots: links.map((link, i) => ({ name: names[i]!, link, strategy: "honest" as const })),
    trials,
    pressGapMs,
    seed,
  };
}

export function symmetricRoom(name: string, trials: number, pressGapMs: number, seed: number): Scenario {
  return room(
    name,
    spread(10).map(({ oneWayMs, jitterMs }) => symmetricLink(oneWayMs, jitterMs)),
    trials,
    pressGapMs,
    seed,
  );
}

/** `upShare` of each round trip on the uplink: 0.6 = uplink 1.5× downlink, 0.75 = 3×; "random" = [0.25, 0.75]. */
export function asymmetricRoom(
  name: string,
  upShare: number | "random",
  trials: number,
  pressGapMs: number,
  seed: number,
): Scenario {
  const rng = createRng(seed + 1);
  return room(
    name,
    spread(10).map(({ oneWayMs, jitterMs }) =>
      asymmetricLink(oneWayMs, upShare === "random" ? 0.25 + rng() * 0.5 : upShare, jitterMs),
    ),
    trials,
    pressGapMs,
    seed,
  );
}

export const CHEATS: readonly Strategy[] = ["latePongs", "earlyStamps", "forgedClientAt"];

/** Two links (40 ms and 200 ms one way), each with an honest phone and one of each cheat; two honest phones more. */
export function cheatRoom(name: string, trials: number, pressGapMs: number, seed: number): Scenario {
  const links = [symmetricLink(40, 10), symmetricLink(200, 30)];
  const names = botNames(10);
  const bots: BotPlan[] = [];
  for (const link of links) {
    for (const strategy of ["honest", ...CHEATS] as const) bots.push({ name: names[bots.length]!, link, strategy });
  }
  bots.push({ name: names[bots.length]!, link: symmetricLink(20, 5), strategy: "honest" });
  bots.push({ name: names[bots.length]!, link: symmetricLink(350, 20), strategy: "honest" });
  return { name, bots, trials, pressGapMs, seed };
}

/** For each cheat in a cheat room: its name and the honest phone on the same link. */
export function cheatPairs(
  scenario: Scenario,
): { strategy: Strategy; cheat: string; honest: string; oneWayMs: number }[] {
  const pairs: { strategy: Strategy; cheat: string; honest: string; oneWayMs: number }[] = [];
  for (const bot of scenario.bots) {
    if (bot.strategy === "honest") continue;
    const honest = scenario.bots.find((b) => b.strategy === "honest" && b.link === bot.link);
    if (honest) pairs.push({ strategy: bot.strategy, cheat: bot.name, honest: honest.name, oneWayMs: bot.link.upMs });
  }
  return pairs;
}

/** A classroom on one Wi-Fi access point: 5–40 ms one way, 0–15 ms jitter, symmetric. */
export function classroomRoom(name: string, trials: number, pressGapMs: number, seed: number): Scenario {
  const links = Array.from({ length: 10 }, (_, i) => symmetricLink(Math.round(5 + (i * 35) / 9), ((i * 7) % 10) * 1.5));
  const scenario = symmetricRoom(name, trials, pressGapMs, seed);
  return { ...scenario, bots: scenario.bots.map((bot, i) => ({ ...bot, link: links[i]! })) };
}
