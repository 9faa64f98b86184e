import { createRng, nicknameKey, suggestNickname, validateNickname } from "@handsup/shared";
import { describe, expect, test } from "vitest";

const RUDE = "Please choose a different name";

describe("validateNickname", () => {
  test.each([
    ["Ann", "Ann"],
    ["  Zoë  ", "Zoë"],
    ["Zoe\u0308", "Zoë"], // decomposed input is composed, so it counts as 3 characters
    ["Mary   Jane", "Mary Jane"],
    ["x".repeat(20), "x".repeat(20)],
    ["🦊".repeat(20), "🦊".repeat(20)], // 20 characters, 40 UTF-16 units
    ["Cassie", "Cassie"], // contains "ass" but is a name
    ["Hitchcock", "Hitchcock"],
    ["Scott 3", "Scott 3"],
    ["Bot 455", "Bot 455"], // a plain number is not leetspeak
    ["Sam-455", "Sam-455"],
    ["Sam455", "Sam455"],
  ])("accepts %j as %j", (raw, name) => {
    expect(validateNickname(raw)).toEqual({ ok: true, name });
  });

  test.each([
    ["", "Please enter a name"],
    ["   ", "Please enter a name"],
    ["x".repeat(21), "Names can be at most 20 characters"],
    ["🦊".repeat(21), "Names can be at most 20 characters"],
    ["Ann\u0007", "Names can't contain control characters"],
    ["Ann\nBob", "Names can't contain control characters"],
    ["fuck", RUDE],
    ["FUCK", RUDE],
    ["xXfuckXx", RUDE],
    ["f u c k", RUDE],
    ["Fück", RUDE],
    ["sh1t", RUDE],
    ["5hit head", RUDE],
    ["$h!t", RUDE],
    ["b1tch", RUDE],
    ["@ss", RUDE],
    ["Bot 4ss", RUDE],
    ["big ass", RUDE],
    ["fuuuuck", RUDE],
    ["d1ck", RUDE],
  ])("refuses %j: %s", (raw, reason) => {
    expect(validateNickname(raw)).toEqual({ ok: false, reason });
  });
});

describe("nicknameKey", () => {
  test("case, accents and spaces do not make a name different", () => {
    expect(nicknameKey("Zoë")).toBe("zoe");
    expect(nicknameKey("zoe")).toBe("zoe");
    expect(nicknameKey(" ZOE ")).toBe("zoe");
    expect(nicknameKey("Mary  Jane")).toBe(nicknameKey("mary jane"));
    expect(nicknameKey("Zoë")).not.toBe(nicknameKey("Zoey"));
  });
});

describe("suggestNickname", () => {
  test("deterministic by seed, two friendly words, valid as a nickname", () => {
    const a = suggestNickname(createRng(42));
    expect(suggestNickname(createRng(42))).toBe(a);
    expect(a).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(validateNickname(a)).toEqual({ ok: true, name: a });
  });

  test("different seeds give different names", () => {
    const names = new Set(Array.from({ length: 20 }, (_, seed) => suggestNickname(createRng(seed))));
    expect(names.size).toBeGreaterThanOrEqual(18);
  });

  test("avoids taken names, whatever their case", () => {
    const first = suggestNickname(createRng(42));
    const taken = new Set([first.toUpperCase()]);
    const next = suggestNickname(createRng(42), taken);
    expect(nicknameKey(next)).not.toBe(nicknameKey(first));
    expect(suggestNickname(createRng(42), taken)).toBe(next);
  });

  test("a room of 60 suggested names has no duplicates", () => {
    const rng = createRng("class 9B");
    const taken = new Set<string>();
    for (let i = 0; i < 60; i++) taken.add(suggestNickname(rng, taken));
    expect(taken.size).toBe(60);
    for (const name of taken) expect(validateNickname(name).ok).toBe(true);
  });
});
