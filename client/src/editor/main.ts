import { ApiError, type BankSummary, editorApi, type Problem, rememberPassword } from "./api.ts";
import { BankView, showRejected } from "./bank-view.ts";
import { askText, h, pickFile } from "./dom.ts";
import { newQuestion, slugify, tidyImported, uniqueId } from "./raw-bank.ts";
import "./editor.css";

/**
 * The question-bank editor at /edit: plain DOM over the same shared schema the server checks with. The page shows
 * either the list of banks or one bank (`#bank=<id>`); only the teacher's own machine (or the host password) may edit.
 */
const root = document.getElementById("editor")!;
const flash = h("div", { class: "flash", id: "flash", role: "status" });
document.body.prepend(flash);
let current: BankView | undefined;

function notify(message: string, tone: "good" | "bad" = "good"): void {
  flash.textContent = message;
  flash.className = `flash ${tone}`;
}

const host = {
  root,
  home: () => {
    current = undefined;
    if (location.hash !== "") history.pushState(null, "", location.pathname);
    void route();
  },
  open: (id: string) => {
    current = undefined;
    location.hash = `bank=${id}`;
  },
  notify,
};

async function route(): Promise<void> {
  const match = /^#bank=([a-z0-9-]+)$/.exec(location.hash);
  if (match) await openBank(match[1]!);
  else await showHome();
}

async function showHome(): Promise<void> {
  current = undefined;
  document.title = "Hands Up — question banks";
  let listing: { banks: BankSummary[]; problems: Problem[] };
  try {
    listing = await editorApi.list();
  } catch (error) {
    return showRefusal(error);
  }
  const report = h("div", { class: "notes", id: "home-notes" });
  const byFile = new Map<string, Problem[]>();
  for (const problem of listing.problems)
    byFile.set(problem.file ?? "", [...(byFile.get(problem.file ?? "") ?? []), problem]);
  root.replaceChildren(
    h(
      "header",
      { class: "editor-header" },
      h("a", { href: "/host", class: "back" }, "← Create a game"),
      h("h1", {}, "Question banks"),
    ),
    h(
      "main",
      { class: "home" },
      h(
        "p",
        { class: "intro" },
        "Each bank is one file in the server's banks folder. What you save here is playable in the next game: " +
          "choose the bank on the create page.",
      ),
      h(
        "div",
        { class: "row" },
        h("button", { type: "button", id: "new-bank", onclick: () => void createBank() }, "+ New bank"),
        h(
          "button",
          { type: "button", class: "secondary", id: "import-bank", onclick: () => void importBank(report) },
          "Import a spreadsheet…",
        ),
      ),
      report,
      byFile.size > 0
        ? h(
            "section",
            { class: "problems", id: "bank-problems", "aria-label": "Banks with problems" },
            h("h2", {}, "Files with problems"),
            h(
              "p",
              {},
              "These files cannot be played until they are fixed. Open one to fix it here, or edit the file and it is re-read on its own.",
            ),
            ...[...byFile].map(([file, problems]) =>
              h(
                "div",
                { class: "problem-file" },
                h("h3", {}, file, " ", h("a", { href: `#bank=${file.replace(/\.ya?ml$/, "")}` }, "Open to fix")),
                h("ul", {}, ...problems.map((problem) => h("li", {}, `${problem.path}: ${problem.message}`))),
              ),
            ),
          )
        : undefined,
      h(
        "ul",
        { class: "bank-cards", id: "bank-cards" },
        ...listing.banks.map((bank) =>
          h(
            "li",
            {},
            h(
              "a",
              { href: `#bank=${bank.id}`, class: "bank-card" },
              h("strong", {}, bank.title),
              h(
                "span",
                {},
                [bank.subject, bank.level, `${bank.questionCount} question${bank.questionCount === 1 ? "" : "s"}`]
                  .filter(Boolean)
                  .join(" · "),
              ),
              h("small", {}, bank.file),
            ),
          ),
        ),
      ),
    ),
  );
}

async function takenIds(): Promise<Set<string>> {
  const listing = await editorApi.list();
  return new Set([
    ...listing.banks.map((bank) => bank.id),
    ...listing.problems.map((p) => (p.file ?? "").replace(/\.ya?ml$/, "")),
  ]);
}

async function createBank(): Promise<void> {
  const title = await askText("New bank", "Title (students see it on the projector)", "", "Create");
  if (!title) return;
  const id = uniqueId(slugify(title) || "my-bank", await takenIds());
  const data = { id, title, questions: [] as Record<string, unknown>[] };
  data.questions.push(newQuestion("multiple-choice", data));
  startEditing({ id, version: null, data }, true);
}

async function importBank(report: HTMLElement): Promise<void> {
  const file = await pickFile(".xlsx,.csv");
  if (!file) return;
  try {
    const imported = await editorApi.importSheet(file);
    if (imported.questions.length === 0) {
      showRejected(report, file.name, 0, imported.rejected);
      return;
    }
    const title = file.name.replace(/\.(xlsx|csv)$/i, "");
    const id = uniqueId(slugify(title) || "imported", await takenIds());
    startEditing({ id, version: null, data: { id, title, questions: imported.questions.map(tidyImported) } }, true);
    showRejected(
      root.querySelector<HTMLElement>("#bank-notes")!,
      file.name,
      imported.questions.length,
      imported.rejected,
    );
  } catch (error) {
    notify(error instanceof Error ? error.message : String(error), "bad");
  }
}

function startEditing(bank: ConstructorParameters<typeof BankView>[1], dirty: boolean): void {
  // A bank not saved yet has no file to load, so it is shown without changing the address.
  current = new BankView(host, bank, dirty);
  document.title = `Hands Up — editing ${String(bank.data.title ?? bank.id)}`;
  current.mount();
}

async function openBank(id: string): Promise<void> {
  try {
    const opened = await editorApi.open(id);
    if (!opened.bank) {
      root.replaceChildren(
        h(
          "header",
          { class: "editor-header" },
          h(
            "a",
            {
              href: "#",
              class: "back",
              onclick: (e: Event) => {
                e.preventDefault();
                host.home();
              },
            },
            "← All banks",
          ),
          h("h1", {}, `${id}.yaml`),
        ),
        h(
          "main",
          { class: "home" },
          h("p", {}, "This file is not valid YAML, so the editor cannot open it. Fix it in a text editor:"),
          h(
            "ul",
            { class: "problems" },
            ...opened.problems.map((problem) => h("li", {}, `${problem.path}: ${problem.message}`)),
          ),
        ),
      );
      return;
    }
    startEditing({ id, version: opened.version, data: opened.bank }, false);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      notify(error.message, "bad");
      host.home();
      return;
    }
    showRefusal(error);
  }
}

/** Editing refused: say why, and offer the password when one would help. */
function showRefusal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const needsPassword = error instanceof ApiError && error.status === 401;
  const input = h("input", { type: "password", id: "editor-password", autocomplete: "current-password" });
  root.replaceChildren(
    h(
      "header",
      { class: "editor-header" },
      h("a", { href: "/host", class: "back" }, "← Create a game"),
      h("h1", {}, "Question banks"),
    ),
    h(
      "main",
      { class: "home refusal", id: "refusal" },
      h("p", { class: "refusal-reason", role: "alert" }, message),
      needsPassword
        ? h(
            "form",
            {
              class: "row",
              onsubmit: (event: Event) => {
                event.preventDefault();
                rememberPassword(input.value);
                void route();
              },
            },
            h("label", { class: "field" }, "Host password", input),
            h("button", { type: "submit", id: "editor-unlock" }, "Unlock"),
          )
        : undefined,
    ),
  );
}

window.addEventListener("hashchange", () => {
  if (current?.hasUnsavedChanges && !confirm("Leave this bank without saving your changes?")) return;
  void route();
});
window.addEventListener("beforeunload", (event) => {
  if (current?.hasUnsavedChanges) event.preventDefault();
});
window.addEventListener("keydown", (event) => current?.handleKey(event));

void route();
