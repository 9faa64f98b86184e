import { lastName } from "../net/storage.ts";
import { studentStore } from "./student-model.ts";

/**
 * The join form as plain HTML, drawn before Phaser has even been downloaded: a phone on slow school
 * Wi-Fi can type the code while the game (Phaser, the scenes, the network client) loads behind it.
 * When the game is ready, `handOver` copies what was typed — and the focus and caret — into the
 * game's own join form and removes this one, so the student never notices the switch.
 */
export interface BootJoinForm {
  /** Called on every keystroke in the form. */
  onTyping(listener: () => void): void;
  /** Called with the code and name when the student presses Join before the game has loaded. */
  onSubmit(listener: (code: string, name: string) => void): void;
  /** Shows that the join is waiting for the game to load. */
  setJoining(joining: boolean): void;
  showError(message: string): void;
  /** Moves what was typed into the game's form (when it exists) and removes this form. */
  handOver(): void;
}

export function showBootJoinForm(root: HTMLElement = document.body): BootJoinForm {
  const shell = document.createElement("div");
  shell.className = "boot-join";
  shell.innerHTML = `
    <h1 class="boot-title">Hands Up</h1>
    <p class="boot-subtitle">Join the class quiz</p>
    <form class="hu-form" id="boot-form" novalidate>
      <label>Game code
        <input id="boot-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
          maxlength="7" inputmode="text" placeholder="K7PQ2M" />
      </label>
      <div class="field">
        <label for="boot-name">Your nickname</label>
        <span class="row">
          <input id="boot-name" name="name" autocomplete="nickname" maxlength="20" placeholder="Brave Otter" />
          <button type="button" class="secondary" id="boot-suggest" aria-label="Suggest a nickname">Suggest</button>
        </span>
      </div>
      <div class="error" id="boot-error" role="alert"></div>
      <button type="submit" id="boot-button">Join</button>
    </form>`;
  const form = shell.querySelector<HTMLFormElement>("#boot-form")!;
  const code = shell.querySelector<HTMLInputElement>("#boot-code")!;
  const name = shell.querySelector<HTMLInputElement>("#boot-name")!;
  const button = shell.querySelector<HTMLButtonElement>("#boot-button")!;
  code.value = (new URLSearchParams(location.search).get("code") ?? "").toUpperCase();
  name.value = lastName() ?? "";
  code.addEventListener("input", () => {
    // Codes are shown and typed in capitals; keep the caret where it was.
    const at = code.selectionStart;
    code.value = code.value.toUpperCase();
    if (at !== null) code.setSelectionRange(at, at);
  });
  shell.querySelector("#boot-suggest")!.addEventListener("click", async () => {
    const response = await fetch(`/api/suggest-name?code=${encodeURIComponent(code.value.trim())}`).catch(() => null);
    const body = response?.ok ? ((await response.json()) as { name?: string }) : {};
    if (body.name) name.value = body.name;
  });
  let submitListener: (code: string, name: string) => void = () => {};
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submitListener(code.value, name.value);
  });
  root.append(shell);

  return {
    onTyping(listener) {
      form.addEventListener("input", listener);
    },
    onSubmit(listener) {
      submitListener = listener;
    },
    showError(message) {
      shell.querySelector<HTMLDivElement>("#boot-error")!.textContent = message;
    },
    setJoining(joining) {
      button.disabled = joining;
      button.textContent = joining ? "Joining…" : "Join";
    },
    handOver() {
      const focused = document.activeElement;
      const typed = { code: code.value, name: name.value };
      studentStore.set({ typedCode: typed.code, typedName: typed.name });
      const gameCode = document.querySelector<HTMLInputElement>("#game #join-code");
      const gameName = document.querySelector<HTMLInputElement>("#game #join-name");
      if (gameCode) gameCode.value = typed.code;
      if (gameName) gameName.value = typed.name;
      for (const [mine, theirs] of [
        [code, gameCode],
        [name, gameName],
      ] as const) {
        if (focused === mine && theirs) {
          theirs.focus();
          theirs.setSelectionRange(mine.selectionStart, mine.selectionEnd);
        }
      }
      shell.remove();
    },
  };
}
