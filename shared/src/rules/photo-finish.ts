/**
 * The most one direction of a phone's link is assumed to take over the other (uplink ÷ downlink, either way).
 * NTP-style sync cannot see asymmetry: it credits a press (up − down)/2 off the truth. Within this limit the
 * uncertainty below covers that error; beyond it a press can be misordered without a photo finish being called.
 */
export const ASYMMETRY_LIMIT = 3;

/** What the teacher chose to do when the first two presses are too close to call. */
export const PHOTO_FINISH_RULES = ["first", "bothAnswer", "rebuzz"] as const;
export type PhotoFinishRule = (typeof PHOTO_FINISH_RULES)[number];

/**
 * How far a credited press may be from the true press, in ms:
 * rtt/2 × (L − 1)/(L + 1) for an asymmetric link up to L = ASYMMETRY_LIMIT (rtt/4 for L = 3), plus half the jitter
 * (the spread of the round trips the offset came from), plus the server's event-loop delay at arrival.
 */
export function pressUncertaintyMs(link: { rttMs: number; jitterMs: number; loopLagMs?: number }): number {
  const asymmetry = (Math.max(0, link.rttMs) / 2) * ((ASYMMETRY_LIMIT - 1) / (ASYMMETRY_LIMIT + 1));
  return asymmetry + Math.max(0, link.jitterMs) / 2 + Math.max(0, link.loopLagMs ?? 0);
}

/** A buzz as ordered: who, the credited press time and its uncertainty. */
export interface UncertainPress {
  playerId: string;
  pressServerMs: number;
  uncertaintyMs: number;
}

/** The margin beside each gap in an ordered queue: leader's uncertainty + this press's (0 for the leader). */
export function gapMarginsMs(ordered: readonly UncertainPress[]): number[] {
  const leader = ordered[0];
  if (!leader) return [];
  return ordered.map((press, index) => (index === 0 ? 0 : Math.round(leader.uncertaintyMs + press.uncertaintyMs)));
}

/** A race too close to call: everyone who may have pressed first, and the nearest gap against its margin. */
export interface PhotoFinish {
  /** The leader, then every later press closer to the leader than their combined uncertainty, in credited order. */
  contenders: string[];
  /** Credited gap between the leader and the first other contender, rounded to ms. */
  gapMs: number;
  /** Their combined uncertainty, rounded to ms. */
  marginMs: number;
}

/**
 * Calls a photo finish when a press is closer to the leader (by credited time) than their combined uncertainty:
 * usually the second, but a later press with a wide margin (a slow, possibly lopsided link) can be in it too.
 * Contenders are the leader and every such press. Undefined when the leader is clear.
 */
export function photoFinish(ordered: readonly UncertainPress[]): PhotoFinish | undefined {
  const leader = ordered[0];
  if (!leader) return undefined;
  const within = (press: UncertainPress) =>
    press.pressServerMs - leader.pressServerMs < leader.uncertaintyMs + press.uncertaintyMs;
  const rivals = ordered.slice(1).filter(within);
  const nearest = rivals[0];
  if (!nearest) return undefined;
  return {
    contenders: [leader.playerId, ...rivals.map((press) => press.playerId)],
    gapMs: Math.round(nearest.pressServerMs - leader.pressServerMs),
    marginMs: Math.round(leader.uncertaintyMs + nearest.uncertaintyMs),
  };
}

/** What the arbitration does once the order is known: give the turn, or (re-buzz rule) let everyone buzz again. */
export type PhotoFinishAction = "turn" | "rebuzz";

/**
 * The teacher's rule applied to a decided queue: a re-buzz only for a photo finish, and only once per question (a
 * second photo finish goes to the first by credited time, so a class on slow links is not stuck re-buzzing).
 */
export function photoFinishAction(
  rule: PhotoFinishRule,
  finish: PhotoFinish | undefined,
  alreadyRebuzzed: boolean,
): PhotoFinishAction {
  return rule === "rebuzz" && finish !== undefined && !alreadyRebuzzed ? "rebuzz" : "turn";
}

/**
 * Under "both answer", who still gets a turn after a right answer: the next contender of the photo finish who has
 * not had one (undefined: the question ends as usual). Other rules: always undefined.
 */
export function nextContender(
  rule: PhotoFinishRule,
  contenders: readonly string[],
  tried: ReadonlySet<string>,
): string | undefined {
  if (rule !== "bothAnswer") return undefined;
  return contenders.find((playerId) => !tried.has(playerId));
}

/** The projector's words for a photo finish: "photo finish — 12 ms, within the margin (±40 ms)". */
export function describePhotoFinish(finish: { gapMs: number; marginMs: number }): string {
  return `photo finish — ${finish.gapMs} ms, within the margin (±${finish.marginMs} ms)`;
}
