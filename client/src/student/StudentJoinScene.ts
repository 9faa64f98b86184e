import type * as Phaser from "phaser";
import { addHtml, htmlOf } from "../ui/dom.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { ViewScene } from "../ui/view-scene.ts";
import { join, suggestName } from "./student-controller.ts";
import type { JoinView } from "./student-view.ts";

/** The join form: game code (prefilled from ?code=) and nickname, with a Suggest button. */
export class StudentJoinScene extends ViewScene<JoinView> {
  private form: Phaser.GameObjects.DOMElement | undefined;

  constructor() {
    super("StudentJoinScene");
  }

  protected override build(): void {
    const el = document.createElement("form");
    el.className = "hu-form";
    el.noValidate = true;
    el.innerHTML = `
      <label>Game code
        <input id="join-code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false"
          maxlength="7" inputmode="text" placeholder="K7PQ2M" />
      </label>
      <div class="field">
        <label for="join-name">Your nickname</label>
        <span class="row">
          <input id="join-name" name="name" autocomplete="nickname" maxlength="20" placeholder="Brave Otter" />
          <button type="button" class="secondary" id="suggest" aria-label="Suggest a nickname">Suggest</button>
        </span>
      </div>
      <div class="error" id="join-error" role="alert"></div>
      <button type="submit" id="join-button">Join</button>
      <p class="last-finish" id="last-finish" hidden></p>`;
    const code = el.querySelector<HTMLInputElement>("#join-code")!;
    const name = el.querySelector<HTMLInputElement>("#join-name")!;
    code.addEventListener("input", () => {
      // Codes are shown and typed in capitals; keep the caret where it was.
      const at = code.selectionStart;
      code.value = code.value.toUpperCase();
      if (at !== null) code.setSelectionRange(at, at);
    });
    el.querySelector("#suggest")!.addEventListener("click", async () => {
      const suggested = await suggestName(code.value);
      if (suggested) name.value = suggested;
    });
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      void join(code.value, name.value);
    });
    code.value = this.view?.code ?? "";
    name.value = this.view?.name ?? "";
    // Origin 0 and an explicit left edge: a centred origin is misplaced once the camera zooms (sharp phones).
    this.form = addHtml(this, 0, 0, el).setOrigin(0, 0);
  }

  protected override teardown(): void {
    this.form = undefined;
  }

  protected draw(view: JoinView): void {
    const w = this.viewWidth;
    const h = this.viewHeight;
    const formWidth = Math.min(w - 32, 440);
    const titleSize = Math.min(56, w / 7);
    const top = Math.max(20, h * 0.06);
    this.layer.add(this.add.text(w / 2, top, "Hands Up", textStyle(titleSize, "#ffffff", true)).setOrigin(0.5, 0));
    this.layer.add(
      addFittedText(this, w / 2, top + titleSize * 1.35, "Join the class quiz", {
        maxWidth: formWidth,
        maxHeight: 40,
        maxSize: 22,
        color: PALETTE.textMuted,
      }).setOrigin(0.5, 0),
    );
    const form = this.form;
    if (!form) return;
    const el = htmlOf<HTMLFormElement>(form);
    el.style.width = `${formWidth}px`;
    form.updateSize();
    form.setPosition((w - formWidth) / 2, top + titleSize * 1.35 + 48);
    el.querySelector<HTMLDivElement>("#join-error")!.textContent = view.error;
    const finish = el.querySelector<HTMLParagraphElement>("#last-finish")!;
    finish.textContent = view.lastFinish;
    finish.hidden = view.lastFinish === "";
    const button = el.querySelector<HTMLButtonElement>("#join-button")!;
    button.disabled = view.joining;
    button.textContent = view.joining ? "Joining…" : "Join";
    const code = el.querySelector<HTMLInputElement>("#join-code")!;
    const name = el.querySelector<HTMLInputElement>("#join-name")!;
    // Prefill (e.g. after a reload) without clobbering what the student is typing.
    if (!code.value && view.code) code.value = view.code;
    if (!name.value && view.name) name.value = view.name;
  }
}
