import katex from "katex";
import "katex/dist/katex.min.css";

/**
 * Maths in question text: `$…$` is typeset with KaTeX, everything else is plain text. Like Pandoc, a `$` opens maths
 * only when the next character is not a space, and closes it only when the previous one is not a space and no digit
 * follows, so prices ("$5 and $10") stay text. `\$` is always a dollar sign.
 */
export type TextPiece = { kind: "text"; text: string } | { kind: "maths"; tex: string };

/** Splits text into plain and maths pieces (see the rules above). */
export function splitMaths(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\\" && text[i + 1] === "$") {
      plain += "$";
      i += 2;
      continue;
    }
    if (ch === "$") {
      const close = closingDollar(text, i + 1);
      if (close !== -1) {
        if (plain) pieces.push({ kind: "text", text: plain });
        plain = "";
        pieces.push({ kind: "maths", tex: text.slice(i + 1, close) });
        i = close + 1;
        continue;
      }
    }
    plain += ch;
    i++;
  }
  if (plain) pieces.push({ kind: "text", text: plain });
  return pieces;
}

function closingDollar(text: string, from: number): number {
  const first = text[from];
  if (first === undefined || /\s|\$/.test(first)) return -1;
  for (let j = from; j < text.length; j++) {
    if (text[j] === "\\") {
      j++;
      continue;
    }
    if (text[j] === "$" && !/\s/.test(text[j - 1]!) && !/\d/.test(text[j + 1] ?? "")) return j;
  }
  return -1;
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
