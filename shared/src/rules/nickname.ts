import {
  DataSet,
  englishDataset,
  englishRecommendedTransformers,
  pattern,
  RegExpMatcher,
  resolveConfusablesTransformer,
  type SimpleTransformerContainer,
} from "obscenity";
import { type Rng, randomInt } from "./random.ts";

export const MAX_NICKNAME_LENGTH = 20;

export const NICKNAME_REASONS = {
  empty: "Please enter a name",
  tooLong: `Names can be at most ${MAX_NICKNAME_LENGTH} characters`,
  control: "Names can't contain control characters",
  rude: "Please choose a different name",
} as const;

export type NicknameResult = { ok: true; name: string } | { ok: false; reason: string };

/**
 * Characters that draw nothing or reorder text: format characters (zero-width space and joiners,
 * soft hyphen, word joiner, BOM), the bidi embeddings, overrides and isolates (U+202A–202E,
 * U+2066–2069), and the "blank" letters that render as nothing (Hangul fillers, braille blank,
 * combining grapheme joiner, Khmer inherent vowels). A zero-width joiner inside an emoji sequence
 * (👩‍👩‍👧) is kept: there it draws one picture instead of three.
 */
const INVISIBLE = /\p{Cf}|[\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]/gu;
const EMOJI_JOINER = /(?<=\p{Extended_Pictographic}\uFE0F?)\u200D(?=\p{Extended_Pictographic})/gu;
const JOINER_PLACEHOLDER = "\u{F0000}"; // a private-use code point no name can contain once NFKC ran

/** NFKC (fullwidth, ligatures and styled letters become plain ones), minus invisible and bidi controls. */
function normalizeNickname(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/\u{F0000}/gu, "")
    .replace(EMOJI_JOINER, JOINER_PLACEHOLDER)
    .replace(INVISIBLE, "")
    .replace(/\u{F0000}/gu, "\u200D");
}

/**
 * Cleans and checks a nickname: NFKC, invisible and bidi control characters removed, trimmed,
 * single spaces, 1–20 characters, no control characters, nothing rude (see isRude).
 */
export function validateNickname(raw: string): NicknameResult {
  const trimmed = normalizeNickname(raw).trim();
  if (trimmed === "") return { ok: false, reason: NICKNAME_REASONS.empty };
  if (/\p{Cc}/u.test(trimmed)) return { ok: false, reason: NICKNAME_REASONS.control };
  const name = trimmed.replace(/\s+/gu, " ");
  if (Array.from(name).length > MAX_NICKNAME_LENGTH) return { ok: false, reason: NICKNAME_REASONS.tooLong };
  if (isRude(name)) return { ok: false, reason: NICKNAME_REASONS.rude };
  return { ok: true, name };
}

let confusables: SimpleTransformerContainer | undefined;

/**
 * Key for "is this name taken?": a confusable skeleton (in the spirit of Unicode TR39). Case,
 * accents, spacing and invisible characters are ignored, and letters that look alike across scripts
 * map to one (Cyrillic "Аnn", Greek "Αnn", Cherokee "Ꭺnn" and "𝐀nn" all read as "ann"), as do the
 * digits 0 and 1 beside o and l. "Zoë" and " ZOE " collide; so do "Bob" and "B0b".
 */
export function nicknameKey(name: string): string {
  confusables ??= resolveConfusablesTransformer();
  const folded = normalizeNickname(name).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  const skeleton = Array.from(folded, (char) => {
    const mapped = confusables?.transform(char.codePointAt(0) ?? 0);
    return typeof mapped === "number" ? String.fromCodePoint(mapped) : char;
  }).join("");
  return skeleton.toLowerCase().replace(/0/g, "o").replace(/1/g, "l").replace(/\s+/gu, " ").trim();
}

let matcher: RegExpMatcher | undefined;

/**
 * The profanity matcher: obscenity's English data set with its recommended transformers (leetspeak,
 * confusable letters, repeated letters, case), plus spellings children use that it lacks. Built on
 * first use, so pages that never check a name don't pay for it.
 */
function profanity(): RegExpMatcher {
  matcher ??= new RegExpMatcher({
    ...new DataSet<{ originalWord: string }>()
      .addAll(englishDataset)
      .addPhrase((phrase) =>
        phrase
          .setMetadata({ originalWord: "fuck" })
          .addPattern(pattern`phuck`)
          .addPattern(pattern`phuk`)
          .addPattern(pattern`|fuk`)
          .addPattern(pattern`fvk`),
      )
      .build(),
    ...englishRecommendedTransformers,
  });
  return matcher;
}

/**
 * Whether a name contains a rude word, checked by obscenity. Two folds first, so that neither hides
 * a word nor invents one: a plain number ("Bot 455", "Sam-455") is not leetspeak and is left out,
 * and letters spelled out one by one ("f u c k") are read together.
 */
function isRude(name: string): boolean {
  const chunks = name.split(/[\s\-_.,]+/u).filter((chunk) => chunk !== "");
  const words = chunks.filter((chunk) => !/^\d+$/u.test(chunk));
  const text = words.every((word) => Array.from(word).length === 1) ? words.join("") : words.join(" ");
  return profanity().hasMatch(text);
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
