import katex from "katex";
import "katex/dist/katex.min.css";

/**
 * Maths in question text: `$…$` is typeset with KaTeX, everything else is plain text. The reading is the bank check's
 * (shared/src/content/maths.ts on the content branch): each `$` opens or closes a formula, `\$` is a dollar sign
 * (kept as `\$` inside a formula), and text the check would refuse (a `$` left open, an empty `$$`, a formula closed
 * right before a digit, as in "$5 or $10") is shown as it is written, never half typeset.
 */
export type TextPiece = { kind: "text"; text: string } | { kind: "maths"; tex: string };

/** Splits text into plain and maths pieces (see the rules above). */
export function splitMaths(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let current = "";
  let inMaths = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && text[i + 1] === "$") {
      current += inMaths ? "\\$" : "$";
      i++;
      continue;
    }
    if (ch !== "$") {
      current += ch;
      continue;
    }
    if (!inMaths) {
      if (current !== "") pieces.push({ kind: "text", text: current });
      current = "";
      inMaths = true;
      continue;
    }
    if (current.trim() === "" || /\d/.test(text[i + 1] ?? "")) return asWritten(text);
    pieces.push({ kind: "maths", tex: current });
    current = "";
    inMaths = false;
  }
  if (inMaths) return asWritten(text);
  if (current !== "") pieces.push({ kind: "text", text: current });
  return pieces;
}

/** Text the check refuses, shown as the teacher wrote it. */
function asWritten(text: string): TextPiece[] {
  return text === "" ? [] : [{ kind: "text", text }];
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
