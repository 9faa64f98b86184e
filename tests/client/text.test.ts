import { describe, expect, test } from "vitest";
import { nextSmallerFontSize, textResolution, wordsOf } from "../../client/src/ui/text.ts";

describe("textResolution", () => {
  test.each([
    [0, 1],
    [1, 1],
    [1.5, 1.5],
    [2.75, 2.75],
    [3, 3],
    [4, 3],
    [Number.NaN, 1],
  ])("device pixel ratio %d → canvas resolution %d", (ratio, resolution) => {
    expect(textResolution(ratio)).toBe(resolution);
  });
});

describe("nextSmallerFontSize", () => {
  test("a 48 px prompt shrinks in about-8% steps down to the 12 px floor", () => {
    const sizes = [48];
    while (sizes.at(-1)! > 12) sizes.push(nextSmallerFontSize(sizes.at(-1)!, 12));
    expect(sizes).toEqual([48, 44, 40, 36, 33, 30, 27, 24, 22, 20, 18, 16, 14, 12]);
  });

  test("never below the floor", () => {
    expect(nextSmallerFontSize(20, 19)).toBe(19);
  });
});

describe("wordsOf", () => {
  test("splits on any run of white space and drops empties", () => {
    expect(wordsOf("  Peaceful\tCoexistence \n(1956) ")).toEqual(["Peaceful", "Coexistence", "(1956)"]);
    expect(wordsOf("")).toEqual([]);
  });
});
