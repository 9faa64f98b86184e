// Maths in question text: `$…$` marks a formula (typeset with KaTeX on the screens), `\$` is a plain dollar sign.
// One reading of the text for the check, the projector and the phones, so they can never disagree about what is maths.

/** A run of plain text or of TeX source (without its `$` delimiters). */
export type MathsPart = { kind: "text" | "maths"; value: string };

export type MathsSplit = { ok: true; parts: MathsPart[] } | { ok: false; message: string };

const DOLLAR_HINT = 'for a dollar sign write \\$ (in "double quotes" write \\\\$)';

/**
 * Splits text into plain and maths parts. Refuses, with a teacher-worded reason, a `$` left open, an empty `$$`,
 * and a formula closed right before a digit ("$5 or $10" is money, not maths).
 */
export function splitMaths(text: string): MathsSplit {
  const parts: MathsPart[] = [];
  let current = "";
  let inMaths = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "\\" && text[i + 1] === "$") {
      // Outside maths `\$` is a dollar sign; inside, TeX reads `\$` itself, so the backslash is kept.
      current += inMaths ? "\\$" : "$";
      i++;
      continue;
    }
    if (char !== "$") {
      current += char;
      continue;
    }
    if (!inMaths) {
      if (current !== "") parts.push({ kind: "text", value: current });
      current = "";
      inMaths = true;
      continue;
    }
    if (current.trim() === "") return { ok: false, message: `has an empty formula "$$": ${DOLLAR_HINT}` };
    if (/\d/.test(text[i + 1] ?? "")) {
      return { ok: false, message: `"$${current}$${text[i + 1]}…" looks like money, not maths: ${DOLLAR_HINT}` };
    }
    parts.push({ kind: "maths", value: current });
    current = "";
    inMaths = false;
  }
  if (inMaths) {
    return {
      ok: false,
      message: `has a $ with no closing $: maths goes between two $ signs, like $x^2$; ${DOLLAR_HINT}`,
    };
  }
  if (current !== "") parts.push({ kind: "text", value: current });
  return { ok: true, parts };
}

/** Whether the text holds at least one formula (false for text the check would refuse). */
export function hasMaths(text: string): boolean {
  const split = splitMaths(text);
  return split.ok && split.parts.some((part) => part.kind === "maths");
}

/** Marks every `$` as a plain dollar sign (`\$`): for text from somewhere without maths, like the quiz template. */
export function escapeDollars(text: string): string {
  return text.replace(/(?<!\\)\$/g, "\\$");
}

/** The reverse, for writing text where `$` has no special meaning: `\$` becomes `$` again. */
export function unescapeDollars(text: string): string {
  return text.replace(/\\\$/g, "$");
}
