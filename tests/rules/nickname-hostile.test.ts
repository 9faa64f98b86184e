import { nicknameKey, validateNickname } from "@handsup/shared";
import { describe, expect, test } from "vitest";

/**
 * Names that look like another student's, draw nothing, reorder the screen or hide a rude word
 * (issue 8 item 7): normalised with NFKC, stripped of invisible and bidi controls, compared on a
 * confusable skeleton, and checked by obscenity's leetspeak-aware matcher.
 */

const RUDE = "Please choose a different name";

describe("normalising names", () => {
  test.each([
    ["A\u200Bnn", "Ann"], // zero-width space
    ["An\u200Dn\u2060", "Ann"], // zero-width joiner, word joiner
    ["\uFEFFAnn\u00AD", "Ann"], // byte order mark, soft hyphen
    ["\u202Eknil", "knil"], // right-to-left override
    ["Ann\u2066\u2069", "Ann"], // bidi isolates
    ["Ａｎｎ", "Ann"], // fullwidth letters (NFKC)
    ["𝐀𝐧𝐧", "Ann"], // mathematical bold (NFKC)
    ["Zoe\u0308", "Zoë"],
    ["\u3164Ann\u3164", "Ann"], // Hangul filler, which renders as nothing
    ["👩\u200D👩\u200D👧 Mia", "👩\u200D👩\u200D👧 Mia"], // an emoji family keeps its joiners
    ["José", "José"],
    ["Nguyễn", "Nguyễn"],
    ["Жора", "Жора"],
    ["李雷", "李雷"],
  ])("%j is shown as %j", (raw, name) => {
    expect(validateNickname(raw)).toEqual({ ok: true, name });
  });

  test.each([["\u200B\u200B"], ["\u202E\u202C"], ["\u3164\u3164"], ["\u2800"]])(
    "an invisible name %j is no name",
    (raw) => {
      expect(validateNickname(raw)).toEqual({ ok: false, reason: "Please enter a name" });
    },
  );
});

describe("names that look alike are the same name", () => {
  test.each([
    ["\u0410nn", "Ann"], // Cyrillic А
    ["\u0391nn", "Ann"], // Greek Alpha
    ["\u13AAnn", "Ann"], // Cherokee A
    ["A\u200Bnn", "Ann"],
    ["\u0412\u043Eb", "Bob"], // Cyrillic В and о
    ["B0b", "Bob"],
    ["Pau1", "Paul"],
    ["ZOË", "zoe"],
  ])("%j collides with %j", (a, b) => {
    expect(nicknameKey(a)).toBe(nicknameKey(b));
  });

  test.each([
    ["Ann", "Anna"],
    ["Zoë", "Zoey"],
    ["Ali", "All"],
    ["Sam 1", "Sam 2"],
  ])("%j and %j stay different", (a, b) => {
    expect(nicknameKey(a)).not.toBe(nicknameKey(b));
  });
});

describe("disguised rude words", () => {
  test.each([
    ["f*ck"],
    ["phuck"],
    ["Phuk u"],
    ["fvck"],
    ["f.u.c.k"],
    ["F U C K"],
    ["ƒuck"],
    ["\u0455hit"], // Cyrillic ѕ
    ["sh!t"],
    ["b!tch"],
    ["a55hole"],
    ["Big A\u200Bss"],
    ["fuuuuuck"],
    ["xXfUcKXx"],
  ])("refuses %j", (raw) => {
    expect(validateNickname(raw)).toEqual({ ok: false, reason: RUDE });
  });

  test.each([
    ["Cassie"],
    ["Hitchcock"],
    ["Scunthorpe"],
    ["Sussex"],
    ["Peacock"],
    ["Bot 455"],
    ["Sam455"],
    ["Therapist"],
  ])("accepts %j", (raw) => {
    expect(validateNickname(raw)).toEqual({ ok: true, name: raw });
  });
});
