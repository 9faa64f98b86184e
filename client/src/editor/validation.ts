import { type ContentError, formatPath, parseBankObject } from "@handsup/shared";
import { mathsProblem } from "../ui/maths.ts";
import type { RawBank } from "./api.ts";

/** A problem found as the teacher types: the same check and words as the server and `pnpm content:check`. */
export type FieldProblem = { path: string; message: string; warning?: boolean };

/** Every problem in the bank, bank fields first, then question by question (the server's own order). */
export function checkBank(bank: RawBank): FieldProblem[] {
  const result = parseBankObject(bank, `${bank.id}.yaml`);
  const problems: FieldProblem[] = result.ok
    ? []
    : result.errors.map((error: ContentError) => ({ path: error.path, message: error.message }));
  // Maths that will not typeset is shown too, as a warning: the game would show the formula's source instead.
  const questions = Array.isArray(bank.questions) ? (bank.questions as Record<string, unknown>[]) : [];
  questions.forEach((question, index) => {
    for (const field of ["prompt", "options", "items", "explanation"]) {
      const value = question?.[field];
      const texts = Array.isArray(value) ? value : [value];
      texts.forEach((text, i) => {
        if (typeof text !== "string") return;
        const problem = mathsProblem(text);
        if (!problem) return;
        const path = formatPath(["questions", index, field, ...(Array.isArray(value) ? [i] : [])]);
        problems.push({ path, message: problem, warning: true });
      });
    }
  });
  return problems;
}

/** The question a problem belongs to (its index), or undefined for a bank-level problem. */
export function questionIndexOf(path: string): number | undefined {
  const match = /^questions\[(\d+)\]/.exec(path);
  return match ? Number(match[1]) : undefined;
}

/**
 * Shows each problem under the field it is about: the element whose `data-path` is the longest prefix of the
 * problem's path (so `questions[2].correct[0]` lands on the correct-answer field). Returns the ones with no field.
 */
export function showProblems(root: HTMLElement, problems: readonly FieldProblem[]): FieldProblem[] {
  for (const old of root.querySelectorAll(".field-error")) old.remove();
  for (const marked of root.querySelectorAll(".has-error")) marked.classList.remove("has-error");
  const fields = [...root.querySelectorAll<HTMLElement>("[data-path]")];
  const unplaced: FieldProblem[] = [];
  for (const problem of problems) {
    let best: HTMLElement | undefined;
    for (const field of fields) {
      const path = field.dataset.path!;
      const fits = problem.path === path || problem.path.startsWith(`${path}.`) || problem.path.startsWith(`${path}[`);
      if (fits && (!best || path.length > best.dataset.path!.length)) best = field;
    }
    if (!best) {
      unplaced.push(problem);
      continue;
    }
    const note = document.createElement("div");
    note.className = problem.warning ? "field-error warning" : "field-error";
    note.setAttribute("role", "alert");
    // The rest of the path, when it names a field inside this one ("alt" of a picture); a bare list index adds nothing.
    const rest = problem.path.slice(best.dataset.path!.length).replace(/^\./, "");
    note.textContent = rest === "" || /^\[\d+\]$/.test(rest) ? problem.message : `${rest}: ${problem.message}`;
    note.title = `${problem.path}: ${problem.message}`;
    best.classList.add("has-error");
    best.append(note);
  }
  return unplaced;
}
