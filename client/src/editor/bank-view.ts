import { formatPath, QUESTION_TYPES, type QuestionType } from "@handsup/shared";
import { mathsToPlainText } from "../ui/maths.ts";
import { ApiError, editorApi, type RawBank } from "./api.ts";
import { askText, confirmDialog, download, h, pickFile } from "./dom.ts";
import { renderPreview } from "./preview.ts";
import { renderQuestionForm } from "./question-form.ts";
import {
  newQuestion,
  questionsOf,
  type RawQuestion,
  setOptional,
  slugify,
  TYPE_LABELS,
  textOf,
  tidyImported,
  uniqueId,
} from "./raw-bank.ts";
import { checkBank, type FieldProblem, questionIndexOf, showProblems } from "./validation.ts";

export interface OpenBank {
  id: string;
  /** The file's version when it was opened or last saved; null for a bank not saved yet. */
  version: string | null;
  data: RawBank;
}

export interface BankViewHost {
  root: HTMLElement;
  /** Back to the list of banks. */
  home(): void;
  /** Opens another bank (after rename or duplicate). */
  open(id: string): void;
  /** Shows a short message in the status line. */
  notify(message: string, tone?: "good" | "bad"): void;
}

/**
 * One bank being edited: bank fields and the question list on the left, the selected question's form in the middle,
 * its preview on the right. Every keystroke is checked with the shared schema; Save is the only write.
 */
export class BankView {
  private bank: OpenBank;
  private readonly host: BankViewHost;
  private selected = 0;
  private dirty = false;
  private problems: FieldProblem[] = [];
  private readonly list = h("ol", { class: "question-list", id: "question-list" });
  private readonly formSlot = h("section", { class: "form-column", "aria-label": "Question" });
  private readonly previewSlot = h("section", { class: "preview-column", "aria-label": "Preview" });
  private readonly bankFields = h("section", { class: "bank-fields", "aria-label": "Bank" });
  private readonly status = h("div", { class: "save-status", id: "save-status", role: "status" });
  private readonly saveButton = h(
    "button",
    { type: "button", id: "save-bank", onclick: () => void this.save() },
    "Save",
  );
  private readonly extraNotes = h("div", { class: "notes", id: "bank-notes" });
  private readonly bankProblems = h("div", { class: "notes", id: "bank-level-problems" });

  constructor(host: BankViewHost, bank: OpenBank, dirty = false) {
    this.host = host;
    this.bank = bank;
    this.dirty = dirty;
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  mount(): void {
    const { root } = this.host;
    root.replaceChildren(
      h(
        "header",
        { class: "editor-header" },
        h("a", { href: "#", class: "back", onclick: (event: Event) => this.leave(event) }, "← All banks"),
        h("h1", { id: "bank-heading" }, textOf(this.bank.data.title) || this.bank.id),
        this.status,
        this.saveButton,
      ),
      h(
        "div",
        { class: "bank-layout" },
        h(
          "aside",
          { class: "side-column" },
          this.bankFields,
          h("h2", {}, "Questions"),
          this.list,
          h(
            "div",
            { class: "add-question" },
            h(
              "select",
              { id: "new-question-type", "aria-label": "Type of the new question" },
              ...QUESTION_TYPES.map((type) => h("option", { value: type }, TYPE_LABELS[type])),
            ),
            h("button", { type: "button", id: "add-question", onclick: () => this.addQuestion() }, "+ Add"),
          ),
          h(
            "button",
            { type: "button", class: "secondary", id: "import-into-bank", onclick: () => void this.importInto() },
            "+ Add questions from a spreadsheet…",
          ),
          this.bankProblems,
          this.extraNotes,
        ),
        this.formSlot,
        this.previewSlot,
      ),
    );
    this.drawBankFields();
    this.validate();
    this.drawList();
    this.drawForm();
    this.drawPreview();
    this.updateStatus();
  }

  /** Ctrl+S / Cmd+S saves. */
  handleKey(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      event.preventDefault();
      void this.save();
    }
  }

  private get questions(): RawQuestion[] {
    return questionsOf(this.bank.data);
  }

  private drawBankFields(): void {
    const data = this.bank.data;
    const field = (label: string, key: string, id: string, placeholder = "") => {
      const input = h("input", { type: "text", id, placeholder });
      input.value = textOf(data[key]);
      input.addEventListener("input", () => {
        if (key === "title") data.title = input.value;
        else setOptional(data, key, input.value.trim());
        if (key === "title") this.host.root.querySelector("#bank-heading")!.textContent = input.value || this.bank.id;
        this.changed();
      });
      return h("label", { class: "field", "data-path": formatPath([key]) }, label, input);
    };
    const saved = this.bank.version !== null;
    // Open for a new bank (it needs a title); folded for an existing one, so the question list starts high.
    const details = h(
      "details",
      { class: "bank-details", open: !saved },
      h("summary", {}, `Bank settings · ${this.bank.id}.yaml${saved ? "" : " (not saved yet)"}`),
      field("Title", "title", "bank-title"),
      h(
        "div",
        { class: "field-row" },
        field("Subject", "subject", "bank-subject", "optional"),
        field("Level", "level", "bank-level", "optional"),
      ),
      h(
        "div",
        { class: "row wrap" },
        h(
          "button",
          { type: "button", class: "secondary small", disabled: !saved, onclick: () => void this.rename() },
          "Rename…",
        ),
        h(
          "button",
          { type: "button", class: "secondary small", disabled: !saved, onclick: () => void this.duplicate() },
          "Duplicate…",
        ),
        h(
          "button",
          { type: "button", class: "danger small", disabled: !saved, onclick: () => void this.remove() },
          "Delete…",
        ),
      ),
      h(
        "div",
        { class: "row wrap export-row" },
        "Spreadsheet:",
        h(
          "button",
          {
            type: "button",
            class: "secondary small",
            disabled: !saved,
            id: "export-xlsx",
            onclick: () => void this.exportSheet("xlsx"),
          },
          "Download .xlsx",
        ),
        h(
          "button",
          { type: "button", class: "secondary small", disabled: !saved, onclick: () => void this.exportSheet("csv") },
          ".csv",
        ),
      ),
    );
    this.bankFields.replaceChildren(details);
  }

  private drawList(): void {
    const counts = new Map<number, number>();
    for (const problem of this.problems) {
      const index = questionIndexOf(problem.path);
      if (index !== undefined && !problem.warning) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    this.list.replaceChildren(
      ...this.questions.map((question, index) => {
        const count = counts.get(index) ?? 0;
        const label = mathsToPlainText(textOf(question.prompt)) || "(no question text yet)";
        return h(
          "li",
          { class: index === this.selected ? "selected" : "", "data-index": index },
          h(
            "button",
            {
              type: "button",
              class: "question-pick",
              "aria-current": index === this.selected ? "true" : undefined,
              onclick: () => this.select(index),
            },
            h("span", { class: "q-number" }, `${index + 1}`),
            h("span", { class: "q-text" }, label),
            h("span", { class: "q-type" }, TYPE_LABELS[question.type as QuestionType] ?? String(question.type)),
            count > 0 ? h("span", { class: "q-errors", title: `${count} problem(s)` }, `${count} ⚠`) : undefined,
          ),
          h(
            "span",
            { class: "q-actions" },
            h(
              "button",
              {
                type: "button",
                class: "icon",
                "aria-label": `Move question ${index + 1} up`,
                disabled: index === 0,
                onclick: () => this.move(index, -1),
              },
              "↑",
            ),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                "aria-label": `Move question ${index + 1} down`,
                disabled: index === this.questions.length - 1,
                onclick: () => this.move(index, 1),
              },
              "↓",
            ),
            h(
              "button",
              {
                type: "button",
                class: "icon",
                "aria-label": `Delete question ${index + 1}`,
                onclick: () => void this.deleteQuestion(index),
              },
              "✕",
            ),
          ),
        );
      }),
    );
  }

  private drawForm(): void {
    const question = this.questions[this.selected];
    if (!question) {
      this.formSlot.replaceChildren(h("p", { class: "empty" }, "This bank has no questions yet. Add one on the left."));
      return;
    }
    const unplacedSlot = h("div", { class: "form-problems", id: "form-problems" });
    this.formSlot.replaceChildren(
      h("h2", {}, `Question ${this.selected + 1}`),
      renderQuestionForm({
        bankId: this.bank.id,
        question,
        index: this.selected,
        changed: () => this.changed(),
        restructured: (next) => {
          if (next) this.questions[this.selected] = next;
          this.changed();
          this.drawForm();
        },
        uploadImage: (file) => this.uploadImage(file),
      }),
      unplacedSlot,
    );
    this.placeProblems();
  }

  private drawPreview(): void {
    this.previewSlot.replaceChildren(
      h("h2", {}, "Preview"),
      renderPreview(this.bank.id, this.questions[this.selected], this.selected, this.questions.length),
    );
  }

  /** Puts this question's problems at their fields, and bank-level ones at the bank fields or the notes. */
  private placeProblems(): void {
    const mine = this.problems.filter((problem) => questionIndexOf(problem.path) === this.selected);
    const unplaced = showProblems(this.formSlot, mine);
    const slot = this.formSlot.querySelector("#form-problems");
    if (slot) {
      slot.replaceChildren(
        ...unplaced.map((problem) =>
          h("div", { class: "field-error", role: "alert" }, `${problem.path}: ${problem.message}`),
        ),
      );
    }
    const bankLevel = this.problems.filter((problem) => questionIndexOf(problem.path) === undefined);
    const unplacedBank = showProblems(this.bankFields, bankLevel);
    this.bankProblems.replaceChildren(
      ...unplacedBank.map((problem) =>
        h("div", { class: "field-error", role: "alert" }, `${problem.path}: ${problem.message}`),
      ),
    );
  }

  private validate(): void {
    this.problems = checkBank(this.bank.data);
  }

  private changed(): void {
    this.dirty = true;
    this.validate();
    this.placeProblems();
    this.drawList();
    this.drawPreview();
    this.updateStatus();
  }

  private updateStatus(message?: string, tone?: "good" | "bad"): void {
    const errors = this.problems.filter((problem) => !problem.warning).length;
    this.saveButton.disabled = errors > 0 || (!this.dirty && this.bank.version !== null);
    this.status.className = `save-status ${tone ?? (errors > 0 ? "bad" : "")}`;
    this.status.textContent =
      message ??
      (errors > 0
        ? `${errors} problem${errors === 1 ? "" : "s"} to fix before saving${this.firstProblemHint()}`
        : this.dirty || this.bank.version === null
          ? "Unsaved changes"
          : "All changes saved");
  }

  private firstProblemHint(): string {
    const first = this.problems.find((problem) => !problem.warning);
    const index = first ? questionIndexOf(first.path) : undefined;
    return index !== undefined && index !== this.selected ? ` (first in question ${index + 1})` : "";
  }

  private select(index: number): void {
    this.selected = index;
    this.drawList();
    this.drawForm();
    this.drawPreview();
    this.updateStatus();
  }

  private addQuestion(): void {
    const type = (this.host.root.querySelector<HTMLSelectElement>("#new-question-type")?.value ??
      "multiple-choice") as QuestionType;
    this.questions.push(newQuestion(type, this.bank.data));
    this.selected = this.questions.length - 1;
    this.changed();
    this.drawForm();
    this.host.root.querySelector<HTMLTextAreaElement>("#question-prompt")?.focus();
  }

  private move(index: number, delta: number): void {
    const target = index + delta;
    const list = this.questions;
    if (target < 0 || target >= list.length) return;
    [list[index], list[target]] = [list[target]!, list[index]!];
    if (this.selected === index) this.selected = target;
    else if (this.selected === target) this.selected = index;
    this.changed();
    this.drawForm();
  }

  private async deleteQuestion(index: number): Promise<void> {
    const question = this.questions[index];
    const label = mathsToPlainText(textOf(question?.prompt)) || `question ${index + 1}`;
    if (!(await confirmDialog("Delete this question?", `“${label}” will be removed when you save.`, "Delete question")))
      return;
    this.questions.splice(index, 1);
    this.selected = Math.min(this.selected, Math.max(0, this.questions.length - 1));
    this.changed();
    this.drawForm();
  }

  async save(): Promise<void> {
    this.validate();
    if (this.problems.some((problem) => !problem.warning)) {
      this.updateStatus();
      return;
    }
    this.saveButton.disabled = true;
    this.updateStatus("Saving…");
    try {
      const saved = await editorApi.save(this.bank.id, this.bank.data, this.bank.version);
      const first = this.bank.version === null;
      this.bank.version = saved.version;
      this.dirty = false;
      if (first) {
        this.drawBankFields();
        // The bank now has a file: a reload of the page opens it again.
        history.replaceState(null, "", `#bank=${this.bank.id}`);
      }
      this.updateStatus(`Saved to ${saved.file}. It is playable in the next game.`, "good");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ApiError && error.status === 422 && Array.isArray(error.body.problems)) {
        this.problems = error.body.problems as FieldProblem[];
        this.placeProblems();
        this.drawList();
      }
      this.saveButton.disabled = false;
      this.updateStatus(message, "bad");
      if (error instanceof ApiError && error.status === 409 && typeof error.body.version === "string") {
        // Their version is on disk: offer it, once the teacher has copied what they need from this page.
        this.status.append(
          " ",
          h(
            "button",
            {
              type: "button",
              class: "secondary small",
              id: "reload-bank",
              onclick: () => {
                this.dirty = false;
                location.reload();
              },
            },
            "Open the saved version",
          ),
        );
      }
    }
  }

  private async uploadImage(file: File): Promise<{ src: string } | undefined> {
    try {
      return await editorApi.uploadImage(this.bank.id, file);
    } catch (error) {
      this.updateStatus(error instanceof Error ? error.message : String(error), "bad");
      return undefined;
    }
  }

  private async importInto(): Promise<void> {
    const file = await pickFile(".xlsx,.csv");
    if (!file) return;
    try {
      const imported = await editorApi.importSheet(file);
      const taken = new Set(this.questions.map((question) => textOf(question.id)));
      for (const question of imported.questions) {
        // The importer numbers questions q-001…; keep ids unique in this bank.
        question.id = uniqueId(textOf(question.id), taken);
        taken.add(textOf(question.id));
        this.questions.push(tidyImported(question));
      }
      showRejected(this.extraNotes, file.name, imported.questions.length, imported.rejected);
      if (imported.questions.length > 0) this.selected = this.questions.length - imported.questions.length;
      this.changed();
      this.drawForm();
    } catch (error) {
      this.updateStatus(error instanceof Error ? error.message : String(error), "bad");
    }
  }

  private async exportSheet(format: "xlsx" | "csv"): Promise<void> {
    if (
      this.dirty &&
      !(await confirmDialog(
        "Export the saved version?",
        "The spreadsheet is made from the last saved version of this bank; your unsaved changes are not in it.",
        "Export",
      ))
    )
      return;
    try {
      const result = await editorApi.exportSheet(this.bank.id, format);
      const bytes = Uint8Array.from(atob(result.base64), (ch) => ch.charCodeAt(0));
      download(
        result.fileName,
        bytes,
        format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
      );
      const notes = [
        h("p", {}, `Exported ${result.exported} question(s) to ${result.fileName}.`),
        ...result.skipped.map((skip) => h("p", { class: "note" }, `Skipped ${skip.id}: ${skip.reason}`)),
        ...result.adjusted.map((adjusted) => h("p", { class: "note" }, `Changed ${adjusted.id}: ${adjusted.change}`)),
      ];
      this.extraNotes.replaceChildren(...notes);
    } catch (error) {
      this.updateStatus(error instanceof Error ? error.message : String(error), "bad");
    }
  }

  private async rename(): Promise<void> {
    if (this.dirty) {
      this.updateStatus("Save your changes before renaming the bank.", "bad");
      return;
    }
    const title = await askText("Rename the bank", "New title", textOf(this.bank.data.title), "Rename");
    if (!title || this.bank.version === null) return;
    const newId = slugify(title);
    try {
      const renamed = await editorApi.rename(this.bank.id, newId, title, this.bank.version);
      this.host.notify(`Renamed to “${title}” (${renamed.id}.yaml).`, "good");
      this.host.open(renamed.id);
    } catch (error) {
      this.updateStatus(error instanceof Error ? error.message : String(error), "bad");
    }
  }

  private async duplicate(): Promise<void> {
    const title = await askText(
      "Duplicate the bank",
      "Title of the copy",
      `${textOf(this.bank.data.title)} (copy)`,
      "Duplicate",
    );
    if (!title) return;
    try {
      const copy = await editorApi.duplicate(this.bank.id, slugify(title), title);
      this.host.notify(
        `Copied to “${title}” (${copy.id}.yaml).${this.dirty ? " Unsaved changes were not copied." : ""}`,
        "good",
      );
      this.host.open(copy.id);
    } catch (error) {
      this.updateStatus(error instanceof Error ? error.message : String(error), "bad");
    }
  }

  private async remove(): Promise<void> {
    if (this.bank.version === null) return;
    const ok = await confirmDialog(
      "Delete this bank?",
      `“${textOf(this.bank.data.title)}” will no longer be offered for games. The file is moved to the banks folder's .trash folder, so it can be restored by hand.`,
      "Delete bank",
    );
    if (!ok) return;
    try {
      await editorApi.remove(this.bank.id, this.bank.version);
      this.dirty = false;
      this.host.notify(`Deleted “${textOf(this.bank.data.title)}”.`, "good");
      this.host.home();
    } catch (error) {
      this.updateStatus(error instanceof Error ? error.message : String(error), "bad");
    }
  }

  private leave(event: Event): void {
    event.preventDefault();
    if (this.dirty) {
      void confirmDialog("Leave without saving?", "Your changes to this bank are not saved.", "Leave").then((ok) => {
        if (ok) {
          this.dirty = false;
          this.host.home();
        }
      });
      return;
    }
    this.host.home();
  }
}

/** Lists the rows a spreadsheet import could not use, by row number, so the teacher can fix them in the sheet. */
export function showRejected(
  slot: HTMLElement,
  fileName: string,
  imported: number,
  rejected: readonly { row: number; reason: string }[],
): void {
  slot.replaceChildren(
    h(
      "div",
      { class: "import-report", id: "import-report" },
      h("p", {}, `Imported ${imported} question(s) from ${fileName}.`),
      rejected.length > 0
        ? h(
            "div",
            {},
            h(
              "p",
              {},
              `${rejected.length} row(s) could not be imported; fix them in the spreadsheet and import again:`,
            ),
            h("ul", { id: "rejected-rows" }, ...rejected.map((row) => h("li", {}, `row ${row.row}: ${row.reason}`))),
          )
        : undefined,
    ),
  );
}
