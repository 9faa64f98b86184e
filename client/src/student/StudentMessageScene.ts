import type * as Phaser from "phaser";
import { secondsUntil, serverNow } from "../net/clock.ts";
import { addButton } from "../ui/button.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { ViewScene } from "../ui/view-scene.ts";
import { backToJoin, resumeOrShowJoin } from "./student-controller.ts";
import type { MessageView } from "./student-view.ts";

const TONE_COLOUR = { neutral: "#ffffff", good: PALETTE.goodCss, bad: PALETTE.badCss } as const;

/** A big heading with a few lines: lobby, get ready, removed, game over. */
export class StudentMessageScene extends ViewScene<MessageView> {
  private countdown: Phaser.GameObjects.Text | undefined;

  constructor() {
    super("StudentMessageScene");
  }

  protected draw(view: MessageView): void {
    const w = this.viewWidth;
    const h = this.viewHeight;
    const maxWidth = Math.min(w - 32, 640);
    const heading = addFittedText(this, w / 2, h * 0.18, view.heading, {
      maxWidth,
      maxHeight: h * 0.2,
      maxSize: Math.min(64, w / 6),
      bold: true,
      color: TONE_COLOUR[view.tone],
    }).setOrigin(0.5, 0);
    this.layer.add(heading);
    let y = heading.y + heading.height + 24;
    for (const [i, line] of view.lines.entries()) {
      const text = addFittedText(this, w / 2, y, line, {
        maxWidth,
        maxHeight: h * 0.16,
        maxSize: i === 0 ? Math.min(34, w / 11) : Math.min(24, w / 15),
        bold: i === 0,
        color: i === 0 ? "#ffffff" : PALETTE.textMuted,
      }).setOrigin(0.5, 0);
      this.layer.add(text);
      y += text.height + 14;
    }
    this.countdown = undefined;
    if (view.countdownTo > 0) {
      this.countdown = this.add.text(w / 2, y + 30, "", textStyle(Math.min(96, w / 4), PALETTE.accentCss, true));
      this.countdown.setOrigin(0.5, 0);
      this.layer.add(this.countdown);
    }
    if (view.action) {
      const label = view.action === "rejoin" ? "Rejoin" : "Join another game";
      addButton(this, this.layer, {
        id: view.action,
        x: (w - maxWidth) / 2,
        y: Math.min(h - 90, y + 40),
        width: maxWidth,
        height: 64,
        label,
        onPress: () => (view.action === "rejoin" ? void resumeOrShowJoin() : backToJoin()),
      });
    }
  }

  /** The get-ready countdown ticks until it reaches zero. */
  isTicking(): boolean {
    return this.countdown !== undefined && (this.view?.countdownTo ?? 0) > serverNow();
  }

  override update(): void {
    if (!this.countdown || !this.view) return;
    const seconds = secondsUntil(this.view.countdownTo);
    const text = seconds > 0 ? String(seconds) : "";
    if (this.countdown.text !== text) this.countdown.setText(text);
  }
}
