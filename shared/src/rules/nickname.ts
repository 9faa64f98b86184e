import { type Rng, randomInt } from "./random.ts";

export const MAX_NICKNAME_LENGTH = 20;

export const NICKNAME_REASONS = {
  empty: "Please enter a name",
  tooLong: `Names can be at most ${MAX_NICKNAME_LENGTH} characters`,
  control: "Names can't contain control characters",
  rude: "Please choose a different name",
} as const;

export type NicknameResult = { ok: true; name: string } | { ok: false; reason: string };

/** Words refused anywhere inside a name, even glued to other letters ("xXfuckXx"). */
const BLOCKED_ANYWHERE = ["fuck", "shit", "cunt", "nigger", "nigga", "faggot", "bitch", "whore", "asshole", "wank"];
/** Words refused only as a whole word, because they hide inside innocent names ("Cassie", "Hitchcock"). */
const BLOCKED_WORDS = new Set([
  "ass",
  "arse",
  "dick",
  "cock",
  "piss",
  "twat",
  "tits",
  "slut",
  "bastard",
  "fag",
  "rape",
  "sex",
  "porn",
  "penis",
  "retard",
  "dyke",
  "kike",
  "chink",
  "spic",
  "paki",
  "tranny",
  "nazi",
]);

// The spec's folds plus "!", "|" (i) and "7" (t), which children reach for just as often.
const LEET: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "i",
};

/** Cleans and checks a nickname: trimmed, single spaces, 1–20 characters, no control characters, nothing rude. */
export function validateNickname(raw: string): NicknameResult {
  const trimmed = raw.normalize("NFC").trim();
  if (trimmed === "") return { ok: false, reason: NICKNAME_REASONS.empty };
  if (/\p{Cc}/u.test(trimmed)) return { ok: false, reason: NICKNAME_REASONS.control };
  const name = trimmed.replace(/\s+/gu, " ");
  if (Array.from(name).length > MAX_NICKNAME_LENGTH) return { ok: false, reason: NICKNAME_REASONS.tooLong };
  if (isRude(name)) return { ok: false, reason: NICKNAME_REASONS.rude };
  return { ok: true, name };
}

/** Key for "is this name taken?": ignores case, accents and extra spaces, so "Zoë" and " ZOE " collide. */
export function nicknameKey(name: string): string {
  return name.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/gu, " ").trim();
}

/**
 * Whether a name contains a blocked word, after folding accents and leetspeak ("F4ck" counts). Only
 * chunks that hold a letter are folded: a plain number ("Bot 455", "Sam-455") stays a number.
 */
function isRude(name: string): boolean {
  const folded = nicknameKey(name)
    .split(/([\s\-_.,]+)/u)
    .map((chunk) => (/\p{L}/u.test(chunk) ? Array.from(chunk, (char) => LEET[char] ?? char).join("") : chunk))
    .join("");
  const words = folded.split(/[^\p{L}]+/u).filter((word) => word !== "");
  if (words.some((word) => BLOCKED_WORDS.has(word))) return true;
  const letters = words.join("");
  const squeezed = letters.replace(/(\p{L})\1+/gu, "$1");
  return BLOCKED_ANYWHERE.some((word) => letters.includes(word) || squeezed.includes(word.replace(/(.)\1+/g, "$1")));
}

const ADJECTIVES = [
  "Brave",
  "Clever",
  "Happy",
  "Swift",
  "Calm",
  "Bright",
  "Kind",
  "Bold",
  "Curious",
  "Gentle",
  "Lucky",
  "Mighty",
  "Quiet",
  "Quick",
  "Sunny",
  "Witty",
  "Jolly",
  "Keen",
  "Eager",
  "Proud",
  "Cosy",
  "Daring",
  "Friendly",
  "Golden",
  "Honest",
  "Merry",
  "Nimble",
  "Patient",
  "Plucky",
  "Polite",
  "Shiny",
  "Silver",
  "Smart",
  "Snappy",
  "Steady",
  "Super",
  "Cheerful",
  "Tidy",
  "Wise",
  "Zippy",
];
const NOUNS = [
  "Otter",
  "Comet",
  "Falcon",
  "Panda",
  "Tiger",
  "Dolphin",
  "Badger",
  "Rocket",
  "Maple",
  "Penguin",
  "Koala",
  "Robin",
  "Lynx",
  "Owl",
  "Fox",
  "Hedgehog",
  "Puffin",
  "Beaver",
  "Meteor",
  "Planet",
  "Harbour",
  "River",
  "Glacier",
  "Canyon",
  "Island",
  "Meadow",
  "Willow",
  "Acorn",
  "Pebble",
  "Lantern",
  "Compass",
  "Voyager",
  "Pilot",
  "Wizard",
  "Gecko",
  "Heron",
  "Squirrel",
  "Walrus",
  "Narwhal",
  "Starling",
];

/** A friendly random two-word name ("Brave Otter") whose key is not in `taken` (names or keys). */
export function suggestNickname(rng: Rng, taken: ReadonlySet<string> = new Set()): string {
  const takenKeys = new Set(Array.from(taken, nicknameKey));
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = `${ADJECTIVES[randomInt(rng, ADJECTIVES.length)]} ${NOUNS[randomInt(rng, NOUNS.length)]}`;
    if (!takenKeys.has(nicknameKey(name))) return name;
  }
  // A crowded room: number the names instead of searching forever.
  const base = `${ADJECTIVES[randomInt(rng, ADJECTIVES.length)]} ${NOUNS[randomInt(rng, NOUNS.length)]}`;
  for (let n = 2; ; n++) {
    const name = `${base} ${n}`;
    if (!takenKeys.has(nicknameKey(name))) return name;
  }
}
