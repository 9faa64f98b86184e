import { describe, expect, it } from "vitest";
import { hasMaths, mathsProblem, mathsToHtml, mathsToPlainText, splitMaths } from "../../client/src/ui/maths.ts";

describe("maths in question text", () => {
  it.each([
    [
      "What is $2+2$?",
      [
        { kind: "text", text: "What is " },
        { kind: "maths", tex: "2+2" },
        { kind: "text", text: "?" },
      ],
    ],
    [
      "$x^2$ and $y$",
      [
        { kind: "maths", tex: "x^2" },
        { kind: "text", text: " and " },
        { kind: "maths", tex: "y" },
      ],
    ],
    ["It costs $5 and $10", [{ kind: "text", text: "It costs $5 and $10" }]],
    ["Tickets $5/$10 today", [{ kind: "text", text: "Tickets $5/$10 today" }]],
    ["A \\$ sign", [{ kind: "text", text: "A $ sign" }]],
    [
      "$ x $ spaced",
      [
        { kind: "maths", tex: " x " },
        { kind: "text", text: " spaced" },
      ],
    ],
    ["An open $x formula", [{ kind: "text", text: "An open $x formula" }]],
    ["Empty $$ here", [{ kind: "text", text: "Empty $$ here" }]],
    [
      "Inside $\\$5$ stays TeX",
      [
        { kind: "text", text: "Inside " },
        { kind: "maths", tex: "\\$5" },
        { kind: "text", text: " stays TeX" },
      ],
    ],
    ["no maths", [{ kind: "text", text: "no maths" }]],
  ])("splits %j", (text, pieces) => {
    expect(splitMaths(text)).toEqual(pieces);
  });

  it("typesets formulas with KaTeX (with MathML for screen readers) and escapes the rest", () => {
    const html = mathsToHtml("<b>$\\frac{1}{2}$</b>");
    expect(html.startsWith('&lt;b&gt;<span class="katex">')).toBe(true);
    expect(html).toContain("<math");
    expect(html).toContain("<mfrac>");
    expect(html.endsWith("&lt;/b&gt;")).toBe(true);
    expect(hasMaths("$x$")).toBe(true);
    expect(hasMaths("$5 and $10")).toBe(false);
    expect(mathsToPlainText("What is $2+2$?")).toBe("What is 2+2?");
  });

  it("names the formula KaTeX cannot read, and still renders the page", () => {
    expect(mathsProblem("Solve $\\frac{1}{$ now")).toMatch(/^the maths \$\\frac\{1\}\{\$ cannot be typeset: /);
    expect(mathsProblem("Fine $x^2$")).toBeUndefined();
    expect(mathsToHtml("$\\frac{1}{$")).toContain("katex-error");
  });
});
