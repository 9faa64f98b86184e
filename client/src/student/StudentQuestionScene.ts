import type { AnswerInput } from "@handsup/shared/protocol/answer-input.ts";
import * as Phaser from "phaser";
import { serverNow } from "../net/clock.ts";
import { addButton, commonLabelSize } from "../ui/button.ts";
import { CountdownRing } from "../ui/countdown-ring.ts";
import { addHtml, htmlOf } from "../ui/dom.ts";
import { announceNow } from "../ui/live-region.ts";
import { beep } from "../ui/sound.ts";
import { timeLeftSentence } from "../ui/speech.ts";
import { registerTarget } from "../ui/test-hook.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { answerStyle, PALETTE } from "../ui/theme.ts";
import { ViewScene } from "../ui/view-scene.ts";
import { buzz, questionShown, submitAnswer } from "./student-controller.ts";
import type { QuestionView } from "./student-view.ts";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The question on a phone: prompt, countdown, and the controls the question needs (answer
 * buttons, a text or number field, an ordering list, or the buzzer). Selections in progress
 * (multi-select ticks, the ordering) are the only state kept here, and reset per question.
 */
export class StudentQuestionScene extends ViewScene<QuestionView> {
  private ring: CountdownRing | undefined;
  private field: Phaser.GameObjects.DOMElement | undefined;
  private fieldKey = "";
  private localFor = -1;
  private selected = new Set<number>();
  private order: number[] = [];
  private picked = -1;
  private spaceKey: Phaser.Input.Keyboard.Key | undefined;

  constructor() {
    super("StudentQuestionScene");
  }

  protected override build(): void {
    this.ring = new CountdownRing(this, 0, 0, 26);
    this.ring.setVisible(false);
    this.spaceKey = this.input.keyboard?.addKey(Phaser.Input.Keyboard.KeyCodes.SPACE, false);
    this.spaceKey?.on("down", () => {
      // A focused button handles its own keys (the BUZZ button buzzes on key down itself).
      const tag = document.activeElement?.tagName;
      if (this.view?.controls === "buzz" && tag !== "INPUT" && tag !== "BUTTON") this.pressBuzz();
    });
  }

  protected override teardown(): void {
    this.field?.destroy();
    this.field = undefined;
    this.fieldKey = "";
    this.localFor = -1;
    this.spaceKey?.removeAllListeners();
  }

  protected draw(view: QuestionView): void {
    if (this.localFor !== view.questionIndex) {
      this.localFor = view.questionIndex;
      this.selected.clear();
      this.picked = -1;
      this.order = view.options.map((_, i) => i);
    }
    const w = this.viewWidth;
    const h = this.viewHeight;
    const pad = 14;
    const ringRadius = Math.min(30, w / 14);
    this.ring?.place(w - pad - ringRadius, pad + ringRadius + 4, ringRadius);
    if ((view.deadline > 0 && view.controls !== "none") || view.paused) {
      // The ring is a button too: a screen reader user asks for the time instead of watching it.
      this.controls.add({
        id: "time-left",
        name: "Time left",
        x: w - pad - 2 * ringRadius,
        y: pad + 4,
        width: 2 * ringRadius,
        height: 2 * ringRadius,
        onActivate: () => announceNow(this.timeLeft()),
      });
    }
    this.layer.add(
      addFittedText(this, pad, pad + 6, view.header, {
        maxWidth: w - 3 * pad - 2 * ringRadius,
        maxHeight: 30,
        maxSize: 18,
        color: PALETTE.textMuted,
        bold: true,
        align: "left",
      }),
    );
    let y = pad + ringRadius * 2 + 14;
    const controlsNeedRoom = view.controls !== "none" && view.controls !== "buzz";
    const promptBox = Math.max(70, (h - y) * (controlsNeedRoom ? 0.28 : 0.4));
    const prompt = addFittedText(this, w / 2, y, view.prompt, {
      maxWidth: w - 2 * pad,
      maxHeight: promptBox,
      maxSize: Math.min(30, w / 12),
      minSize: 16,
      bold: true,
    }).setOrigin(0.5, 0);
    this.layer.add(prompt);
    y += Math.min(prompt.height, promptBox) + 12;
    if (view.status) {
      const status = addFittedText(this, w / 2, y, view.status, {
        maxWidth: w - 2 * pad,
        maxHeight: 80,
        maxSize: view.controls === "none" ? Math.min(30, w / 12) : 22,
        bold: true,
        color: PALETTE.accentCss,
      }).setOrigin(0.5, 0);
      this.layer.add(status);
      y += status.height + 12;
    }
    const noticeHeight = (view.notice ? 44 : 0) + 40; // keep clear of the sound toggle in the corner
    const area: Box = { x: pad, y, width: w - 2 * pad, height: h - y - pad - noticeHeight };
    if (view.notice) {
      this.layer.add(
        addFittedText(this, w / 2, h - pad - noticeHeight + 6, view.notice, {
          maxWidth: w - 2 * pad,
          maxHeight: noticeHeight - 6,
          maxSize: 18,
          color: PALETTE.badCss,
        }).setOrigin(0.5, 0),
      );
    }
    this.drawControls(view, area);
    questionShown(view.questionIndex);
  }

  private drawControls(view: QuestionView, area: Box): void {
    const wantsField = view.controls === "text" || view.controls === "number";
    const key = wantsField ? `${view.questionIndex}:${view.controls}` : "";
    if (key !== this.fieldKey) {
      this.field?.destroy();
      this.field = undefined;
      this.fieldKey = key;
      if (wantsField) this.field = this.makeField(view);
    }
    if (this.field) {
      const el = htmlOf(this.field);
      const fieldWidth = Math.min(area.width, 480);
      el.style.width = `${fieldWidth}px`;
      // While the connection is retried the answer could not be sent: Submit waits (typing goes on).
      const submit = el.querySelector<HTMLButtonElement>("#answer-submit");
      if (submit) {
        submit.disabled = view.offline;
        submit.textContent = view.offline ? "Reconnecting…" : "Submit";
      }
      this.field.updateSize();
      this.field.setPosition((this.viewWidth - fieldWidth) / 2, area.y + 8);
    }
    if (view.controls === "choice" || view.controls === "multi") this.drawChoices(view, area);
    else if (view.controls === "boolean") this.drawTrueFalse(view, area);
    else if (view.controls === "order") this.drawOrdering(view, area);
    else if (view.controls === "buzz") this.drawBuzzer(view, area);
  }

  private drawChoices(view: QuestionView, area: Box): void {
    const multi = view.controls === "multi";
    const submitHeight = multi ? 64 : 0;
    const columns = area.width >= 640 ? 2 : 1;
    const rows = Math.ceil(view.options.length / columns);
    const gap = 10;
    const usable = area.height - submitHeight - (multi ? gap : 0);
    const height = Math.min(120, (usable - gap * (rows - 1)) / rows);
    const width = (area.width - gap * (columns - 1)) / columns;
    const fontSize = commonLabelSize(this, view.options, {
      width,
      height,
      fontSize: Math.min(26, height * 0.36),
      shape: true,
      minSize: 15,
    });
    view.options.forEach((option, i) => {
      const style = answerStyle(i);
      const col = i % columns;
      const row = Math.floor(i / columns);
      addButton(this, this.layer, {
        id: `option-${i}`,
        x: area.x + col * (width + gap),
        y: area.y + row * (height + gap),
        width,
        height,
        label: option,
        color: style.color,
        shape: style.shape,
        letter: style.letter,
        selected: this.selected.has(i),
        ...(multi ? { pressed: this.selected.has(i) } : {}),
        enabled: !view.offline,
        fontSize,
        minSize: 15,
        onPress: () => {
          if (!multi) return this.send({ kind: "choice", choices: [i] });
          if (this.selected.has(i)) this.selected.delete(i);
          else this.selected.add(i);
          beep("tick");
          this.redraw();
        },
      });
    });
    if (multi) {
      const count = this.selected.size;
      addButton(this, this.layer, {
        id: "submit",
        x: area.x,
        y: area.y + rows * (height + gap),
        width: area.width,
        height: submitHeight,
        label: count === 0 ? "Pick one or more" : `Submit ${count} answer${count === 1 ? "" : "s"}`,
        enabled: count > 0 && !view.offline,
        onPress: () => this.send({ kind: "choice", choices: [...this.selected].sort((a, b) => a - b) }),
      });
    }
  }

  private drawTrueFalse(view: QuestionView, area: Box): void {
    const gap = 12;
    const height = Math.min(area.height, 220);
    const width = (area.width - gap) / 2;
    [true, false].forEach((value, i) => {
      const style = answerStyle(i);
      addButton(this, this.layer, {
        id: value ? "true" : "false",
        x: area.x + i * (width + gap),
        y: area.y,
        width,
        height,
        label: value ? "True" : "False",
        color: style.color,
        shape: style.shape,
        letter: style.letter,
        fontSize: Math.min(36, width / 5),
        enabled: !view.offline,
        onPress: () => this.send({ kind: "boolean", value }),
      });
    });
  }

  private drawOrdering(view: QuestionView, area: Box): void {
    const gap = 8;
    const submitHeight = 60;
    const hintHeight = 26;
    this.layer.add(
      addFittedText(this, area.x + area.width / 2, area.y, "Drag, or tap two items to swap them", {
        maxWidth: area.width,
        maxHeight: hintHeight,
        maxSize: 16,
        color: PALETTE.textMuted,
      }).setOrigin(0.5, 0),
    );
    this.controls.describe(
      "order-hint",
      "Up and down arrows move this item. Enter on two items swaps them. Then press Submit order.",
    );
    const top = area.y + hintHeight;
    const n = this.order.length;
    const labelWidth = area.width - 64;
    const fontSize = 18;
    // A long item makes its card taller rather than its text smaller.
    const fair = Math.min(96, (area.height - hintHeight - submitHeight - gap * n) / n);
    const heights = this.order.map((item) => {
      const probe = this.add.text(0, 0, view.options[item] ?? "", {
        ...textStyle(fontSize, "#ffffff"),
        wordWrap: { width: labelWidth, useAdvancedWrap: true },
      });
      const needed = probe.height + 16;
      probe.destroy();
      return Math.max(44, fair, needed);
    });
    const slotY: number[] = [];
    let y = top;
    for (const height of heights) {
      slotY.push(y);
      y += height + gap;
    }
    this.order.forEach((item, slot) => {
      const height = heights[slot]!;
      const picked = slot === this.picked;
      const card = this.add.container(area.x, slotY[slot]!);
      const g = this.add.graphics();
      g.fillStyle(picked ? PALETTE.accent : PALETTE.panelLight, 1);
      g.fillRoundedRect(0, 0, area.width, height, 12);
      const number = this.add.text(
        16,
        height / 2,
        `${slot + 1}`,
        textStyle(24, picked ? "#1d1b3a" : PALETTE.accentCss, true),
      );
      number.setOrigin(0, 0.5);
      const label = this.add
        .text(50, height / 2, view.options[item] ?? "", {
          ...textStyle(fontSize, picked ? "#1d1b3a" : "#ffffff"),
          wordWrap: { width: labelWidth, useAdvancedWrap: true },
        })
        .setOrigin(0, 0.5);
      card.add([g, number, label]);
      card.setSize(area.width, height);
      const zone = this.add.zone(0, 0, area.width, height).setOrigin(0).setInteractive({ useHandCursor: true });
      card.add(zone);
      this.input.setDraggable(zone);
      registerTarget(this, `item-${slot}`, zone, view.options[item] ?? "", true);
      const text = view.options[item] ?? "";
      this.controls.add({
        id: `order-item-${item}`,
        name: `${slot + 1} of ${n}: ${text}${picked ? " (picked: choose the item to swap it with)" : ""}`,
        x: area.x,
        y: slotY[slot]!,
        width: area.width,
        height,
        pressed: picked,
        disabled: view.offline,
        describedBy: "order-hint",
        onActivate: () => this.tapItem(slot),
        onKeyDown: (event) => {
          const to = event.key === "ArrowUp" ? slot - 1 : event.key === "ArrowDown" ? slot + 1 : -1;
          if (to < 0 || to >= n) return event.key === "ArrowUp" || event.key === "ArrowDown";
          this.moveItem(slot, to);
          announceNow(`${text} moved to place ${to + 1} of ${n}.`);
          return true;
        },
      });
      let dragged = false;
      zone.on("dragstart", () => {
        dragged = false;
        card.setDepth(10);
      });
      zone.on("drag", (pointer: Phaser.Input.Pointer) => {
        const moved = (pointer.y - pointer.downY) / this.cameras.main.zoom; // canvas pixels → layout pixels
        if (Math.abs(moved) > 8) dragged = true;
        card.y = slotY[slot]! + moved;
      });
      zone.on("dragend", () => {
        if (!dragged) return this.tapItem(slot);
        // Dropped on the slot whose middle is nearest the card's middle.
        const middle = card.y + height / 2;
        let target = 0;
        slotY.forEach((top, i) => {
          const distance = Math.abs(top + heights[i]! / 2 - middle);
          if (distance < Math.abs(slotY[target]! + heights[target]! / 2 - middle)) target = i;
        });
        this.moveItem(slot, target);
      });
      this.layer.add(card);
    });
    addButton(this, this.layer, {
      id: "submit",
      x: area.x,
      y: y + 4,
      width: area.width,
      height: submitHeight,
      label: "Submit order",
      enabled: !view.offline,
      onPress: () => this.send({ kind: "order", order: [...this.order] }),
    });
  }

  /** Moves the item in slot `from` to slot `to` (drag or arrow keys); the keyboard focus stays on it. */
  private moveItem(from: number, to: number): void {
    const [moved] = this.order.splice(from, 1);
    if (moved === undefined) return;
    this.order.splice(to, 0, moved);
    this.picked = -1;
    this.redraw();
    this.controls.focus(`order-item-${moved}`);
  }

  private tapItem(slot: number): void {
    if (this.picked === -1) this.picked = slot;
    else if (this.picked === slot) this.picked = -1;
    else {
      const a = this.order[this.picked]!;
      this.order[this.picked] = this.order[slot]!;
      this.order[slot] = a;
      this.picked = -1;
    }
    beep("tick");
    this.redraw();
  }

  private drawBuzzer(view: QuestionView, area: Box): void {
    const size = Math.min(area.width, area.height - 10, 420);
    const cx = area.x + area.width / 2;
    const cy = area.y + area.height / 2;
    const live = !view.offline;
    const g = this.add.graphics();
    g.fillStyle(live ? 0x8f1d2c : 0x3a3860, 1);
    g.fillCircle(cx, cy + 8, size / 2);
    g.fillStyle(live ? PALETTE.bad : PALETTE.disabled, 1);
    g.fillCircle(cx, cy, size / 2);
    this.layer.add(g);
    this.layer.add(
      this.add.text(cx, cy, "BUZZ", textStyle(size / 4.5, live ? "#ffffff" : "#bdbbd8", true)).setOrigin(0.5),
    );
    this.layer.add(
      this.add
        .text(
          cx,
          cy + size / 5,
          live ? "or press space" : "Reconnecting…",
          textStyle(Math.max(14, size / 22), live ? "#ffd9d9" : "#ffffff"),
        )
        .setOrigin(0.5),
    );
    const zone = this.add.zone(cx - size / 2, cy - size / 2, size, size).setOrigin(0);
    if (live) zone.setInteractive({ useHandCursor: true });
    // Buzz on pointer DOWN: the press itself is the moment that counts.
    zone.on("pointerdown", () => this.pressBuzz());
    registerTarget(this, "buzz", zone, "BUZZ", live);
    this.controls.add({
      id: "buzz",
      name: live ? "BUZZ" : "BUZZ (reconnecting, wait)",
      x: cx - size / 2,
      y: cy - size / 2,
      width: size,
      height: size,
      disabled: !live,
      onActivate: () => this.pressBuzz(),
      onKeyDown: (event) => {
        if (event.key !== " " && event.key !== "Enter") return false;
        if (!event.repeat) this.pressBuzz();
        return true;
      },
    });
    this.layer.add(zone);
  }

  private pressBuzz(): void {
    beep("buzz");
    buzz();
  }

  private makeField(view: QuestionView): Phaser.GameObjects.DOMElement {
    const el = document.createElement("form");
    el.className = "hu-form";
    el.noValidate = true;
    const numeric = view.controls === "number";
    el.innerHTML = numeric
      ? `<label>Your answer<span class="row"><input id="answer-field" inputmode="decimal" autocomplete="off" />
           <span class="unit" id="answer-unit"></span></span></label><button type="submit" id="answer-submit">Submit</button>`
      : `<label>Your answer<input id="answer-field" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="200" /></label>
         <button type="submit" id="answer-submit">Submit</button>`;
    const input = el.querySelector<HTMLInputElement>("#answer-field")!;
    const unit = el.querySelector<HTMLSpanElement>("#answer-unit");
    if (unit) unit.textContent = view.unit;
    el.addEventListener("submit", (event) => {
      event.preventDefault();
      const typed = input.value.trim();
      if (!typed) return;
      if (!numeric) return this.send({ kind: "text", text: typed });
      // Accept "3,7" from phones set to a comma locale, and ignore thousands spaces.
      const value = Number(typed.replace(/\s/g, "").replace(",", "."));
      if (Number.isFinite(value)) this.send({ kind: "number", value });
      else input.setCustomValidity("Type a number");
    });
    // Origin 0 (placed by its left edge): a centred origin is misplaced once the camera zooms.
    return addHtml(this, 0, 0, el).setOrigin(0, 0);
  }

  /** "12 seconds left." for the ring's button. */
  private timeLeft(): string {
    const view = this.view;
    if (!view) return "";
    return timeLeftSentence(view.paused ? view.pausedRemainingMs : view.deadline - serverNow(), view.paused);
  }

  private send(answer: AnswerInput): void {
    beep("tick");
    submitAnswer(answer);
  }

  /** The countdown ring sweeps while the student can still answer. */
  isTicking(): boolean {
    const view = this.view;
    return view !== undefined && !view.paused && view.deadline > 0 && view.controls !== "none";
  }

  override update(): void {
    const view = this.view;
    if (!this.ring || !view) return;
    const visible = view.deadline > 0 && view.controls !== "none";
    this.ring.setVisible(visible || view.paused);
    if (!visible && !view.paused) return;
    const remaining = view.paused ? view.pausedRemainingMs : view.deadline - serverNow();
    this.ring.draw(remaining, view.totalMs, view.paused);
  }
}
