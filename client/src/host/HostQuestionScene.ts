import { serverNow } from "../net/clock.ts";
import { addButton, commonLabelSize } from "../ui/button.ts";
import { CountdownRing } from "../ui/countdown-ring.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { answerStyle, PALETTE } from "../ui/theme.ts";
import { HostScene, STAGE } from "./HostScene.ts";
import type { QuestionStageView } from "./host-view.ts";

const HINT: Record<string, string> = {
  "type-answer": "Type your answer on your phone",
  numeric: "Type a number on your phone",
  ordering: "Put these in order on your phone",
};

/** Get ready, the question with its options and countdown, and (buzzer rounds) the live buzz queue. */
export class HostQuestionScene extends HostScene<QuestionStageView> {
  private ring: CountdownRing | undefined;

  constructor() {
    super("HostQuestionScene");
  }

  protected override build(): void {
    super.build();
    this.ring = new CountdownRing(this, 1780, 110, 70);
  }

  protected draw(view: QuestionStageView): void {
    this.header(view.header);
    this.tools(view.toolbar);
    if (view.stage === "getReady") {
      this.ring?.place(STAGE.width / 2, 640, 110);
      this.layer.add(
        this.add.text(STAGE.width / 2, 240, "Get ready!", textStyle(140, "#ffffff", true)).setOrigin(0.5, 0),
      );
      const sub = view.mode === "buzzer" ? "Buzzer round: first to buzz answers" : "Everyone answers on their phone";
      this.layer.add(
        this.add.text(STAGE.width / 2, 420, sub, textStyle(48, PALETTE.accentCss, true)).setOrigin(0.5, 0),
      );
      return;
    }
    this.ring?.place(1780, 130, 70);
    const prompt = addFittedText(this, 60, 90, view.prompt, {
      maxWidth: 1600,
      maxHeight: 250,
      maxSize: 72,
      minSize: 30,
      bold: true,
      align: "left",
    });
    this.layer.add(prompt);
    const buzzer = view.mode === "buzzer";
    const optionsWidth = buzzer ? 1200 : 1800;
    const top = 370;
    const bottom = 850;
    if (view.options.length > 0) this.drawOptions(view, 60, top, optionsWidth, bottom - top);
    else {
      const hint = HINT[view.questionType] ?? "";
      this.layer.add(
        this.add.text(60 + optionsWidth / 2, top + 150, hint, textStyle(56, PALETTE.textMuted, true)).setOrigin(0.5),
      );
    }
    if (buzzer) this.drawBuzzQueue(view, 1300, top, 560, bottom - top);
    this.layer.add(this.add.text(60, 880, view.answersLine, textStyle(40, "#ffffff", true)));
    if (view.stage === "answering") {
      this.layer.add(
        this.add
          .text(STAGE.width / 2, 880, `${view.answeringName} is answering…`, textStyle(44, PALETTE.accentCss, true))
          .setOrigin(0.5, 0),
      );
    }
    if (view.peekText) {
      this.layer.add(
        addFittedText(this, 1860, 880, `Answer: ${view.peekText}`, {
          maxWidth: 700,
          maxHeight: 60,
          maxSize: 34,
          color: PALETTE.goodCss,
          bold: true,
          align: "right",
        }).setOrigin(1, 0),
      );
    }
    if (view.paused) {
      // Over the options: the whole room should see at a glance that the clock has stopped.
      const g = this.add.graphics();
      g.fillStyle(PALETTE.panel, 1);
      g.fillRoundedRect(STAGE.width / 2 - 380, 510, 760, 200, 28);
      g.lineStyle(6, PALETTE.accent, 1);
      g.strokeRoundedRect(STAGE.width / 2 - 380, 510, 760, 200, 28);
      this.layer.add(g);
      this.layer.add(
        this.add.text(STAGE.width / 2, 610, "Paused", textStyle(110, PALETTE.accentCss, true)).setOrigin(0.5),
      );
    }
    if (view.notice) {
      this.layer.add(
        addFittedText(this, STAGE.width / 2, 1040, view.notice, {
          maxWidth: 1600,
          maxHeight: 36,
          maxSize: 26,
          color: PALETTE.badCss,
        }).setOrigin(0.5, 0),
      );
    }
  }

  private drawOptions(view: QuestionStageView, x: number, y: number, width: number, height: number): void {
    const ordering = view.questionType === "ordering";
    const columns = ordering || view.options.length <= 2 ? 1 : 2;
    const rows = Math.ceil(view.options.length / columns);
    const gap = 20;
    const cellWidth = (width - gap * (columns - 1)) / columns;
    const cellHeight = Math.min(150, (height - gap * (rows - 1)) / rows);
    const fontSize = commonLabelSize(this, view.options, {
      width: cellWidth,
      height: cellHeight,
      fontSize: 44,
      shape: !ordering,
    });
    view.options.forEach((option, i) => {
      const style = answerStyle(i);
      addButton(this, this.layer, {
        id: `option-${i}`,
        x: x + (i % columns) * (cellWidth + gap),
        y: y + Math.floor(i / columns) * (cellHeight + gap),
        width: cellWidth,
        height: cellHeight,
        label: option,
        color: ordering ? PALETTE.panelLight : style.color,
        ...(ordering ? {} : { shape: style.shape, letter: style.letter }),
        fontSize,
      });
    });
  }

  private drawBuzzQueue(view: QuestionStageView, x: number, y: number, width: number, height: number): void {
    const g = this.add.graphics();
    g.fillStyle(PALETTE.panel, 1);
    g.fillRoundedRect(x, y, width, height, 20);
    this.layer.add(g);
    this.layer.add(this.add.text(x + 24, y + 16, "Buzz order", textStyle(36, PALETTE.textMuted, true)));
    if (view.photoFinishLine) {
      this.layer.add(
        addFittedText(this, x + 24, y + height - 70, view.photoFinishLine, {
          maxWidth: width - 48,
          maxHeight: 56,
          maxSize: 30,
          bold: true,
          color: PALETTE.accentCss,
          align: "left",
        }),
      );
    }
    if (view.buzzQueue.length === 0) {
      this.layer.add(this.add.text(x + 24, y + 80, "Nobody yet…", textStyle(34, "#ffffff")));
      return;
    }
    const mark = { waiting: "", answering: "answering", wrong: "wrong", right: "right" } as const;
    const colour = {
      waiting: "#ffffff",
      answering: PALETTE.accentCss,
      wrong: PALETTE.badCss,
      right: PALETTE.goodCss,
    } as const;
    view.buzzQueue.slice(0, 6).forEach((entry, i) => {
      const rowY = y + 76 + i * 56;
      // The margin beside each gap: how sure the server is of it (docs/protocol.md §5).
      const gap = i === 0 ? "first" : `+${entry.gapMs} ms ±${entry.marginMs}`;
      this.layer.add(
        addFittedText(this, x + 24, rowY, `${i + 1}. ${entry.name}`, {
          maxWidth: width - 250,
          maxHeight: 50,
          maxSize: 36,
          bold: true,
          color: colour[entry.status],
          align: "left",
        }),
      );
      this.layer.add(
        this.add
          .text(x + width - 24, rowY, `${gap} ${mark[entry.status]}`.trim(), textStyle(28, colour[entry.status]))
          .setOrigin(1, 0),
      );
    });
  }

  /** The countdown ring sweeps until the phase ends (it stands still while paused). */
  isTicking(): boolean {
    return this.view !== undefined && !this.view.paused && this.view.countdownTo > serverNow();
  }

  override update(): void {
    const view = this.view;
    if (!this.ring || !view) return;
    const visible = view.countdownTo > 0 || view.paused;
    this.ring.setVisible(visible);
    if (!visible) return;
    const remaining = view.paused ? view.pausedRemainingMs : view.countdownTo - serverNow();
    this.ring.draw(remaining, view.totalMs, view.paused);
  }
}
