import { drawShape } from "../ui/shapes.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { answerStyle, PALETTE } from "../ui/theme.ts";
import { HostScene, STAGE } from "./HostScene.ts";
import type { RevealView } from "./host-view.ts";

/** The answer: correct options highlighted, how the class answered (a bar per option), the explanation. */
export class HostRevealScene extends HostScene<RevealView> {
  constructor() {
    super("HostRevealScene");
  }

  protected draw(view: RevealView): void {
    this.header(view.header);
    this.tools(view.toolbar);
    this.layer.add(
      addFittedText(this, 60, 90, view.prompt, {
        maxWidth: 1800,
        maxHeight: 120,
        maxSize: 48,
        minSize: 30,
        bold: true,
        align: "left",
      }),
    );
    const top = 230;
    const rowGap = 14;
    const rowHeight = Math.min(90, (430 - rowGap * (view.bars.length - 1)) / view.bars.length);
    const most = Math.max(1, ...view.bars.map((b) => b.count));
    // Shapes only where the students saw them (choice buttons); a numeric or ordering reveal has Right / Wrong.
    const shapes = view.questionType === "multiple-choice" || view.questionType === "true-false";
    view.bars.forEach((bar, i) => {
      const y = top + i * (rowHeight + rowGap);
      const style = answerStyle(bar.style);
      const g = this.add.graphics();
      g.fillStyle(style.color, bar.correct ? 1 : 0.35);
      g.fillRoundedRect(60, y, 860, rowHeight, 14);
      if (bar.correct) {
        g.lineStyle(6, 0xffffff, 1);
        g.strokeRoundedRect(63, y + 3, 854, rowHeight - 6, 12);
      }
      if (shapes) {
        g.fillStyle(0xffffff, bar.correct ? 1 : 0.5);
        drawShape(g, style.shape, 100, y + rowHeight / 2, rowHeight * 0.5);
      }
      const barWidth = (bar.count / most) * 780;
      g.fillStyle(style.color, bar.correct ? 1 : 0.45);
      if (barWidth > 0) g.fillRoundedRect(950, y + 8, Math.max(12, barWidth), rowHeight - 16, 8);
      this.layer.add(g);
      const label = shapes ? `${bar.correct ? "✔ " : ""}${bar.label}` : `${bar.correct ? "✔" : "✘"} ${bar.label}`;
      const labelX = shapes ? 140 : 90;
      this.layer.add(
        addFittedText(this, labelX, y + rowHeight / 2, label, {
          maxWidth: 900 - labelX,
          maxHeight: rowHeight - 8,
          maxSize: 36,
          minSize: 28,
          bold: true,
          align: "left",
          color: bar.correct ? "#ffffff" : "#d8d6ee",
        }).setOrigin(0, 0.5),
      );
      this.layer.add(
        this.add
          .text(950 + Math.max(12, barWidth) + 16, y + rowHeight / 2, String(bar.count), textStyle(40, "#ffffff", true))
          .setOrigin(0, 0.5),
      );
    });
    // A long answer (an ordering) wraps onto more lines at a readable size; the explanation moves down.
    const answerY = 690;
    const answer = addFittedText(this, 60, answerY, `Answer: ${view.correctText}`, {
      maxWidth: 1800,
      maxHeight: 130,
      maxSize: 44,
      minSize: 32,
      bold: true,
      color: PALETTE.goodCss,
      align: "left",
    });
    this.layer.add(answer);
    this.layer.add(
      addFittedText(this, STAGE.width - 60, 28, view.summary, {
        maxWidth: 1100,
        maxHeight: 50,
        maxSize: 36,
        minSize: 28,
        bold: true,
        align: "right",
      }).setOrigin(1, 0),
    );
    if (view.explanation) {
      const explanationY = answerY + answer.height + 16;
      this.layer.add(
        addFittedText(this, 60, explanationY, view.explanation, {
          maxWidth: 1800,
          maxHeight: Math.max(80, 940 - explanationY),
          maxSize: 36,
          minSize: 28,
          color: PALETTE.textMuted,
          align: "left",
        }),
      );
    }
  }
}
