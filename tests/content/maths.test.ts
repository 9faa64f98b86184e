import { describe, expect, test } from "vitest";
import { hasMaths, splitMaths } from "../../shared/src/content/maths.ts";

// What every screen reads as maths: the check, the projector and the phones all split text with this one function.
describe("splitMaths", () => {
  test.each([
    ["no maths", "Who proposed a neutral Germany?", [["text", "Who proposed a neutral Germany?"]]],
    [
      "a formula in a sentence",
      "Solve $x^2 = 4$ for x.",
      [
        ["text", "Solve "],
        ["maths", "x^2 = 4"],
        ["text", " for x."],
      ],
    ],
    ["only a formula", "$\\frac{1}{2}$", [["maths", "\\frac{1}{2}"]]],
    [
      "two formulas",
      "$a$ and $b$",
      [
        ["maths", "a"],
        ["text", " and "],
        ["maths", "b"],
      ],
    ],
    ["an escaped dollar is a dollar", "It cost \\$300 million.", [["text", "It cost $300 million."]]],
    ["an escaped dollar inside maths stays TeX", "$\\$5 + x$", [["maths", "\\$5 + x"]]],
    ["a backslash not before $ is kept", "a\\b", [["text", "a\\b"]]],
    ["empty text", "", []],
  ])("%s", (_what, text, parts) => {
    expect(splitMaths(text)).toEqual({
      ok: true,
      parts: parts.map(([kind, value]) => ({ kind, value })),
    });
  });

  test.each([
    ["a $ never closed", "Finland paid $300 million.", "has a $ with no closing $"],
    ["an odd $ after a formula", "$x$ and $y", "has a $ with no closing $"],
    ["an empty formula", "Cost: $$", 'has an empty formula "$$"'],
    ["a blank formula", "$ $", 'has an empty formula "$$"'],
    ["two prices", "Was it $5 or $10?", '"$5 or $1…" looks like money, not maths'],
  ])("refuses %s", (_what, text, phrase) => {
    const split = splitMaths(text);
    expect(split.ok).toBe(false);
    if (!split.ok) {
      expect(split.message).toContain(phrase);
      expect(split.message).toContain("for a dollar sign write \\$");
    }
  });

  test("hasMaths is true only for text holding a formula that would typeset", () => {
    expect([hasMaths("$x$"), hasMaths("\\$5"), hasMaths("plain"), hasMaths("$5")]).toEqual([true, false, false, false]);
  });
});
