import { splitMaths as splitBankMaths } from "@handsup/shared";
import katex from "katex";
import "katex/dist/katex.min.css";

/**
 * Maths in question text: `$…$` is typeset with KaTeX, everything else is plain text. The `$` signs are read by the
 * bank check's own splitMaths (shared/src/content/maths.ts), so every screen agrees with `pnpm content:check`; text
 * the check would refuse (a `$` left open, "$5 or $10") is shown as it is written, never half typeset.
 */
export type TextPiece = { kind: "text"; text: string } | { kind: "maths"; tex: string };

/** Splits text into plain and maths pieces, as the bank check reads it. */
export function splitMaths(text: string): TextPiece[] {
  const split = splitBankMaths(text);
  if (!split.ok) return text === "" ? [] : [{ kind: "text", text }];
  return split.parts.map((part) =>
    part.kind === "maths" ? { kind: "maths", tex: part.value } : { kind: "text", text: part.value },
  );
}

/** True when the text holds at least one `$…$` formula. */
export function hasMaths(text: string): boolean {
  return splitMaths(text).some((piece) => piece.kind === "maths");
}

/**
 * The text as HTML: plain parts escaped, formulas typeset by KaTeX with MathML beside them for screen readers.
 * A formula KaTeX cannot read is shown as its source in red rather than breaking the page.
 */
export function mathsToHtml(text: string): string {
  return splitMaths(text)
    .map((piece) =>
      piece.kind === "text"
        ? escapeHtml(piece.text)
        : katex.renderToString(piece.tex, { throwOnError: false, output: "htmlAndMathml", errorColor: "#ff8a8a" }),
    )
    .join("");
}

/** Fills `element` with the text, maths typeset: the way to show a prompt or option in DOM controls. */
export function renderMathsInto(element: HTMLElement, text: string): void {
  element.innerHTML = mathsToHtml(text);
}

/** What is wrong with the formulas in `text` (KaTeX's words), or undefined when they all typeset. */
export function mathsProblem(text: string): string | undefined {
  for (const piece of splitMaths(text)) {
    if (piece.kind !== "maths") continue;
    try {
      katex.renderToString(piece.tex, { throwOnError: true });
    } catch (error) {
      const message = error instanceof Error ? error.message.replace(/^KaTeX parse error: /, "") : String(error);
      return `the maths $${piece.tex}$ cannot be typeset: ${message}`;
    }
  }
  return undefined;
}

/** The text with the `$` signs taken off the formulas, for a canvas label or a live region that cannot typeset. */
export function mathsToPlainText(text: string): string {
  return splitMaths(text)
    .map((piece) => (piece.kind === "text" ? piece.text : piece.tex))
    .join("");
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
  );
}
