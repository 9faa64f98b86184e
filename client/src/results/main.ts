import { hostKeyFor, rememberGame } from "../net/recent-games.ts";
import { percentCorrectChart, scoreDistributionChart } from "./charts.ts";
import { dash, el } from "./dom.ts";
import type { Cell, Report } from "./report-types.ts";
import { type Column, sortableTable } from "./sortable-table.ts";

/**
 * The teacher's results page: results.html?code=ABCD. The host key comes from this browser's recent games
 * (net/recent-games.ts); a teacher on another device can paste it. Everything shown comes from results.json.
 */

const root = document.querySelector<HTMLElement>("#results")!;
const code = new URLSearchParams(location.search).get("code")?.trim().toUpperCase() ?? "";

const OUTCOME: Record<Cell["outcome"], { mark: string; text: string }> = {
  right: { mark: "✓", text: "right" },
  wrong: { mark: "✗", text: "wrong" },
  noAnswer: { mark: "–", text: "no answer" },
  skipped: { mark: "⤼", text: "skipped" },
};

void start();

async function start(): Promise<void> {
  if (!code) {
    show(el("h1", {}, "Results"), el("p", { role: "alert" }, "No game code in the address (results.html?code=…)."));
    return;
  }
  const key = hostKeyFor(code);
  if (key) await load(key);
  else askForKey("");
}

async function load(key: string): Promise<void> {
  const res = await fetch(`/api/games/${encodeURIComponent(code)}/results.json`, {
    headers: { authorization: `Bearer ${key}` },
  }).catch(() => undefined);
  if (!res) return askForKey("The server could not be reached. Try again.");
  const body = await res.json().catch(() => ({}));
  if (!res.ok) return askForKey(body.error ?? `The server answered ${res.status}.`);
  const report = body as Report;
  rememberGame({ code, hostKey: key, title: report.game.title });
  render(report, key);
}

function askForKey(problem: string): void {
  const input = el("input", { id: "host-key", autocomplete: "off", required: "" });
  const form = el(
    "form",
    { class: "key-form" },
    el("label", { for: "host-key" }, `Host key for game ${code}`),
    input,
    el("button", { type: "submit" }, "Show results"),
    el("p", { role: "alert", class: "error" }, problem),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void load(input.value.trim());
  });
  show(el("h1", {}, `Results — game ${code}`), el("p", {}, "This browser has no host key for this game."), form);
}

function render(report: Report, key: string): void {
  const { game } = report;
  const when = new Date(game.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  const download = (path: string, label: string) =>
    el(
      "a",
      {
        href: `/api/games/${encodeURIComponent(code)}/${path}${path.includes("?") ? "&" : "?"}key=${encodeURIComponent(key)}`,
        download: "",
        class: "button",
      },
      label,
    );
  const removed = report.students.filter((s) => s.removed).length;
  const skipped = report.questions.filter((q) => q.skipped).length;
  show(
    el(
      "header",
      {},
      el("h1", {}, game.title || "Hands Up game"),
      el(
        "p",
        { class: "meta" },
        `Game ${game.code} · ${when} · ${report.students.length - removed} students${removed ? ` (+${removed} removed)` : ""} · ${report.questions.length} questions${skipped ? ` (${skipped} skipped)` : ""}${game.endedAt === null ? " · still running" : ""}`,
      ),
      el(
        "nav",
        { class: "downloads", "aria-label": "Downloads" },
        download("results.xlsx", "Download XLSX (all tables)"),
        download("results.csv?table=students", "Students CSV"),
        download("results.csv?table=questions", "Questions CSV"),
        download("results.csv?table=grid", "Grid CSV"),
      ),
    ),
    reteachSection(report),
    el("section", { class: "charts" }, percentCorrectChart(report), scoreDistributionChart(report)),
    el(
      "section",
      { "aria-labelledby": "grid-h" },
      el("h2", { id: "grid-h" }, "Student × question"),
      legend(),
      gridTable(report),
    ),
    el("section", { "aria-labelledby": "q-h" }, el("h2", { id: "q-h" }, "Questions"), questionsTable(report)),
    el("section", { "aria-labelledby": "s-h" }, el("h2", { id: "s-h" }, "Students"), studentsTable(report)),
  );
}

function reteachSection(report: Report): HTMLElement {
  const items = report.reteach.slice(0, 5).map((index) => {
    const q = report.questions.find((question) => question.index === index)!;
    return el(
      "li",
      {},
      el("strong", {}, `Q${index + 1} · ${q.percentCorrect}% correct`),
      ` — ${q.prompt}`,
      q.mostCommonWrongAnswer
        ? el("span", { class: "wrong-answer" }, ` (most common wrong answer: “${q.mostCommonWrongAnswer}”)`)
        : null,
    );
  });
  return el(
    "section",
    { class: "reteach", "aria-labelledby": "rt-h" },
    el("h2", { id: "rt-h" }, "Questions to re-teach"),
    items.length ? el("ol", {}, ...items) : el("p", {}, "No answered questions yet."),
  );
}

function legend(): HTMLElement {
  return el(
    "p",
    { class: "legend" },
    ...Object.values(OUTCOME).map((o) =>
      el("span", { class: `cell-${o.text.replace(" ", "-")}` }, `${o.mark} ${o.text}`),
    ),
    " · time in seconds · points",
  );
}

type GridRow = Report["grid"][number] & { student: Report["students"][number] };

function gridTable(report: Report): HTMLElement {
  const rows: GridRow[] = report.grid.map((row, i) => ({ ...row, student: report.students[i]! }));
  const columns: Column<GridRow>[] = [
    { header: "Student", cell: (r) => studentName(r.name, r.removed), sortValue: (r) => r.name },
    { header: "Score", cell: (r) => String(r.student.score), sortValue: (r) => r.student.score, numeric: true },
    ...report.questions.map(
      (q, qi): Column<GridRow> => ({
        header: `Q${q.index + 1}`,
        cell: (r) => gridCell(r.cells[qi]!),
        // right first when ascending, then wrong, no answer, skipped; faster first among equals
        sortValue: (r) => {
          const c = r.cells[qi]!;
          const rank = { right: 0, wrong: 1, noAnswer: 2, skipped: 3 }[c.outcome];
          return rank * 10_000 + (c.seconds ?? 9_999);
        },
      }),
    ),
  ];
  return sortableTable("Each student's result on each question (click a column to sort)", columns, rows, "grid");
}

function gridCell(cell: Cell): HTMLElement {
  const o = OUTCOME[cell.outcome];
  const detail =
    cell.outcome === "right" || cell.outcome === "wrong" ? ` ${dash(cell.seconds, " s")} · ${cell.points}` : "";
  return el(
    "span",
    { class: `cell cell-${o.text.replace(" ", "-")}`, title: cell.answerText ?? o.text },
    el("span", { "aria-hidden": "true" }, o.mark),
    el("span", { class: "visually-hidden" }, o.text),
    detail,
  );
}

function studentName(name: string, removed?: boolean): Node {
  return removed ? el("span", {}, name, el("span", { class: "tag" }, " removed")) : document.createTextNode(name);
}

function questionsTable(report: Report): HTMLElement {
  type Q = Report["questions"][number];
  const reteachRank = new Map(report.reteach.map((index, i) => [index, i + 1]));
  const columns: Column<Q>[] = [
    { header: "Question", cell: (q) => `Q${q.index + 1}`, sortValue: (q) => q.index, numeric: true },
    {
      header: "Prompt",
      cell: (q) => (q.skipped ? el("span", {}, q.prompt, el("span", { class: "tag" }, " skipped")) : q.prompt),
      sortValue: (q) => q.prompt,
    },
    { header: "Correct answer", cell: (q) => q.correctText, sortValue: (q) => q.correctText },
    { header: "Answered", cell: (q) => String(q.answered), sortValue: (q) => q.answered, numeric: true },
    {
      header: "% correct",
      cell: (q) => dash(q.percentCorrect, "%"),
      sortValue: (q) => q.percentCorrect,
      numeric: true,
    },
    {
      header: "Most common wrong answer",
      cell: (q) => q.mostCommonWrongAnswer ?? "—",
      sortValue: (q) => q.mostCommonWrongAnswer,
    },
    {
      header: "Average time (s)",
      cell: (q) => dash(q.averageSeconds),
      sortValue: (q) => q.averageSeconds,
      numeric: true,
    },
    {
      header: "Re-teach",
      cell: (q) => dash(reteachRank.get(q.index)),
      sortValue: (q) => reteachRank.get(q.index) ?? null,
      numeric: true,
    },
  ];
  return sortableTable("Per question", columns, report.questions, "questions");
}

function studentsTable(report: Report): HTMLElement {
  type S = Report["students"][number];
  const columns: Column<S>[] = [
    { header: "Rank", cell: (s) => dash(s.rank), sortValue: (s) => s.rank, numeric: true },
    { header: "Name", cell: (s) => studentName(s.name, s.removed), sortValue: (s) => s.name },
    { header: "Score", cell: (s) => String(s.score), sortValue: (s) => s.score, numeric: true },
    { header: "Correct", cell: (s) => String(s.correct), sortValue: (s) => s.correct, numeric: true },
    { header: "Answered", cell: (s) => String(s.answered), sortValue: (s) => s.answered, numeric: true },
    {
      header: "Average time (s)",
      cell: (s) => dash(s.averageSeconds),
      sortValue: (s) => s.averageSeconds,
      numeric: true,
    },
  ];
  return sortableTable("Per student", columns, report.students, "students");
}

function show(...children: Node[]): void {
  root.replaceChildren(...children);
  root.setAttribute("aria-busy", "false");
  document.title = `Hands Up — results ${code}`;
}
