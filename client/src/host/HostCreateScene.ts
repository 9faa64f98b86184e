import type { CreateGameRequest } from "@handsup/shared/protocol/game-settings.ts";
import type * as Phaser from "phaser";
import { recentGames, resultsPageUrl } from "../net/recent-games.ts";
import { lastSettings, saveLastSettings } from "../net/storage.ts";
import { addHtml, htmlOf } from "../ui/dom.ts";
import { textStyle } from "../ui/text.ts";
import { ViewScene } from "../ui/view-scene.ts";
import { STAGE } from "./HostScene.ts";
import { createGame } from "./host-controller.ts";
import { hostStore } from "./host-model.ts";
import type { CreateView } from "./host-view.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** The teacher's game settings: banks, how many questions, filters, rounds, timing and scoring. */
export class HostCreateScene extends ViewScene<CreateView> {
  private form: Phaser.GameObjects.DOMElement | undefined;
  private banksShown = "";

  constructor() {
    super("HostCreateScene");
  }

  protected override build(): void {
    const el = document.createElement("form");
    el.className = "hu-form host-create";
    el.noValidate = true;
    el.innerHTML = `
      <fieldset><legend>Question banks</legend><div class="banks" id="banks">Loading…</div>
        <p class="bank-tools"><a href="/edit" id="edit-banks" style="color:#ffc845">Write or change questions in the editor</a>
        <span class="error" id="bank-problems" role="alert"></span></p></fieldset>
      <div class="grid">
        <label>Questions<input type="number" id="question-count" min="1" max="200" value="10" /></label>
        <label>Time limit (s, blank = each question's own)<input type="number" id="time-limit" min="5" max="240" placeholder="own" /></label>
        <label>Tags (comma separated)<input id="tags" placeholder="all" /></label>
        <label>Order<select id="order"><option value="shuffled">Shuffled</option><option value="bank">As in the bank</option></select></label>
        <label>Difficulty<select id="difficulty"><option value="">Any</option><option value="1">1 (easy)</option>
          <option value="2">2</option><option value="3">3 (hard)</option><option value="1,2">1–2</option><option value="2,3">2–3</option></select></label>
        <label>Buzzes too close to call<select id="photo-finish"><option value="first">First by press time answers</option>
          <option value="bothAnswer">Both get to answer</option><option value="rebuzz">Buzz again (once)</option></select></label>
      </div>
      <div class="grid">
        <label>Buzzer: a wrong answer costs<select id="wrong-penalty"><option value="0">No penalty</option>
          <option value="0.25">¼ of the points</option><option value="0.5">½ of the points</option>
          <option value="1">All the points</option></select></label>
        <label>Buzzer: seconds to answer after buzzing<input type="number" id="answer-window" min="3" max="60" value="10" /></label>
        <label>Max players<input type="number" id="max-players" min="1" max="5000" value="200" /></label>
      </div>
      <fieldset><legend>Rounds</legend><div class="rounds" id="rounds"></div>
        <button type="button" class="secondary" id="add-round">+ Add round</button></fieldset>
      <div class="row">
        <label class="check"><input type="checkbox" id="speed" checked />Faster answers score more</label>
        <label class="check"><input type="checkbox" id="streaks" checked />Streak bonus</label>
        <label class="check"><input type="checkbox" id="prompt-on-phones" checked />Show question on phones</label>
      </div>
      <label id="password-row" hidden>Host password<input type="password" id="host-password" autocomplete="current-password" /></label>
      <div class="error" id="create-error" role="alert"></div>
      <button type="submit" id="create-game">Create game</button>
      <nav class="recent-games" id="recent-results" aria-label="Results of your recent games"></nav>`;
    fillRecentGames(el.querySelector<HTMLElement>("#recent-results")!);
    const rounds = el.querySelector<HTMLDivElement>("#rounds")!;
    const addRound = (mode: "everyone" | "buzzer", count: number) => {
      const row = document.createElement("div");
      row.className = "row round";
      row.innerHTML = `<select class="round-mode" aria-label="Round mode"><option value="everyone">Everyone answers</option>
        <option value="buzzer">Buzzer (first to buzz answers)</option></select>
        <input type="number" class="round-count" aria-label="Questions in this round" min="1" max="200" value="${count}" />
        <button type="button" class="secondary remove-round" aria-label="Remove round">Remove</button>`;
      row.querySelector<HTMLSelectElement>(".round-mode")!.value = mode;
      row.querySelector(".remove-round")!.addEventListener("click", () => {
        if (rounds.children.length > 1) row.remove();
      });
      rounds.append(row);
    };
    const saved = lastSettings();
    const savedRounds = Array.isArray(saved?.rounds) ? (saved.rounds as unknown[]) : [];
    for (const round of savedRounds) {
      const r = round as { mode?: unknown; questionCount?: unknown };
      if ((r.mode === "everyone" || r.mode === "buzzer") && typeof r.questionCount === "number")
        addRound(r.mode, r.questionCount);
    }
    if (rounds.children.length === 0) addRound("everyone", 10);
    if (saved) applySettings(el, saved);
    el.querySelector("#add-round")!.addEventListener("click", () => addRound("buzzer", 5));
    // One round: its length follows the question count, so the teacher sets the number once.
    el.querySelector<HTMLInputElement>("#question-count")!.addEventListener("input", (event) => {
      const first = rounds.querySelector<HTMLInputElement>(".round-count");
      if (rounds.children.length === 1 && first) first.value = (event.target as HTMLInputElement).value;
    });
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      const request = readRequest(el);
      void createGame(request).then(() => {
        // "New game" starts from the settings of the last game created here (never the password).
        if (hostStore.get().stage !== "game") return;
        const { hostPassword: _password, ...settings } = request;
        saveLastSettings(settings);
      });
    });
    this.form = addHtml(this, STAGE.width / 2, 130, el).setOrigin(0.5, 0);
    void showBankProblems(el.querySelector<HTMLElement>("#bank-problems")!, () => this.form?.updateSize());
  }

  protected override teardown(): void {
    this.form = undefined;
    this.banksShown = "";
  }

  protected draw(view: CreateView): void {
    this.layer.add(
      this.add.text(STAGE.width / 2, 40, "Hands Up — new game", textStyle(60, "#ffffff", true)).setOrigin(0.5, 0),
    );
    const el = this.form ? htmlOf<HTMLFormElement>(this.form) : undefined;
    if (!el) return;
    const banksKey = JSON.stringify(view.banks.map((b) => b.id));
    if (banksKey !== this.banksShown) {
      this.banksShown = banksKey;
      const savedIds = lastSettings()?.bankIds;
      const wanted = new Set(Array.isArray(savedIds) ? savedIds.filter((id) => typeof id === "string") : []);
      const anyKnown = view.banks.some((bank) => wanted.has(bank.id));
      el.querySelector("#banks")!.innerHTML = view.banks
        .map(
          (
            bank,
            i,
          ) => `<label class="check"><input type="checkbox" name="bank" value="${escapeHtml(bank.id)}" ${(anyKnown ? wanted.has(bank.id) : i === 0) ? "checked" : ""} />
            ${escapeHtml(bank.title)} <small>(${[bank.subject, bank.level, `${bank.questionCount} questions`]
              // subject and level are optional: a bank written in the editor may have neither
              .filter((part): part is string => typeof part === "string" && part !== "")
              .map(escapeHtml)
              .join(" · ")})</small></label>`,
        )
        .join("");
    }
    el.querySelector<HTMLElement>("#password-row")!.hidden = !view.passwordRequired;
    el.querySelector("#create-error")!.textContent = view.error;
    const button = el.querySelector<HTMLButtonElement>("#create-game")!;
    button.disabled = view.creating;
    button.textContent = view.creating ? "Creating…" : "Create game";
    this.form?.updateSize();
  }
}

/** A bank file broken on disk is not offered; say which, so the teacher knows why it is missing. */
async function showBankProblems(slot: HTMLElement, resized: () => void): Promise<void> {
  try {
    const { files } = (await (await fetch("/api/bank-problems")).json()) as { files: string[] };
    if (files.length === 0) return;
    slot.textContent = ` Not offered until fixed: ${files.join(", ")} (open the editor to see what is wrong).`;
    resized();
  } catch {
    // No list of problems: the banks above are still the playable ones.
  }
}

/** Reads the form into a `POST /api/games` request. */
function readRequest(el: HTMLFormElement): CreateGameRequest {
  const value = (selector: string) => el.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!.value.trim();
  const checked = (selector: string) => el.querySelector<HTMLInputElement>(selector)!.checked;
  const bankIds = [...el.querySelectorAll<HTMLInputElement>('input[name="bank"]:checked')].map((i) => i.value);
  const rounds = [...el.querySelectorAll<HTMLDivElement>(".round")].map((row) => ({
    mode: row.querySelector<HTMLSelectElement>(".round-mode")!.value as "everyone" | "buzzer",
    questionCount: Number(row.querySelector<HTMLInputElement>(".round-count")!.value) || 1,
  }));
  const questionCount = Number(value("#question-count")) || 10;
  const request: CreateGameRequest = {
    bankIds,
    questionCount: rounds.length > 1 ? rounds.reduce((sum, r) => sum + r.questionCount, 0) : questionCount,
    tags: value("#tags")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    difficulties: value("#difficulty")
      .split(",")
      .filter(Boolean)
      .map((d) => Number(d) as 1 | 2 | 3),
    order: value("#order") === "bank" ? "bank" : "shuffled",
    rounds,
    speedScoring: checked("#speed"),
    streaks: checked("#streaks"),
    showPromptOnPhones: checked("#prompt-on-phones"),
    photoFinish:
      (["first", "bothAnswer", "rebuzz"] as const).find((rule) => rule === value("#photo-finish")) ?? "first",
    wrongPenalty: Number(value("#wrong-penalty")) || 0,
    answerWindowSec: clampInt(Number(value("#answer-window")), 3, 60, 10),
    maxPlayers: clampInt(Number(value("#max-players")), 1, 5000, 200),
  };
  const timeLimit = Number(value("#time-limit"));
  if (timeLimit > 0) request.timeLimitSec = timeLimit;
  const password = value("#host-password");
  if (password) request.hostPassword = password;
  return request;
}

function clampInt(value: number, min: number, max: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

/** Puts the last game's saved settings back into the form (each field only if it is the right kind). */
function applySettings(el: HTMLFormElement, saved: Record<string, unknown>): void {
  const set = (selector: string, value: unknown) => {
    const field = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector);
    if (field && (typeof value === "number" || typeof value === "string")) field.value = String(value);
  };
  const tick = (selector: string, value: unknown) => {
    const box = el.querySelector<HTMLInputElement>(selector);
    if (box && typeof value === "boolean") box.checked = value;
  };
  set("#question-count", saved.questionCount);
  set("#time-limit", saved.timeLimitSec);
  if (Array.isArray(saved.tags)) set("#tags", saved.tags.filter((t) => typeof t === "string").join(", "));
  set("#order", saved.order);
  if (Array.isArray(saved.difficulties)) set("#difficulty", saved.difficulties.join(","));
  set("#wrong-penalty", saved.wrongPenalty);
  set("#photo-finish", saved.photoFinish);
  set("#answer-window", saved.answerWindowSec);
  set("#max-players", saved.maxPlayers);
  tick("#speed", saved.speedScoring);
  tick("#streaks", saved.streaks);
  tick("#prompt-on-phones", saved.showPromptOnPhones);
}

/** The teacher's recent games (kept in this browser), each a link to its results page. */
function fillRecentGames(nav: HTMLElement): void {
  const games = recentGames().slice(0, 8);
  nav.hidden = games.length === 0;
  if (games.length === 0) return;
  const items = games
    .map((game) => {
      const when = new Date(game.at).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
      return `<li><a href="${escapeHtml(resultsPageUrl(game.code))}" target="_blank">${escapeHtml(game.title || "Game")} · ${escapeHtml(game.code)} · ${escapeHtml(when)}</a></li>`;
    })
    .join("");
  nav.innerHTML = `<h2>Your recent games — results</h2><ul>${items}</ul>`;
}
