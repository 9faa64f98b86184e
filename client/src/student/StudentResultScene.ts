import { beep } from "../ui/sound.ts";
import { addFittedText } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { ViewScene } from "../ui/view-scene.ts";
import type { ResultView } from "./student-view.ts";

const TONE = {
  good: { fill: PALETTE.good, text: "#ffffff" },
  bad: { fill: PALETTE.bad, text: "#ffffff" },
  neutral: { fill: PALETTE.panel, text: "#ffffff" },
} as const;

/** After a question, and at the end: right or wrong, points, place, and the explanation. */
export class StudentResultScene extends ViewScene<ResultView> {
  private lastHeading = "";

  constructor() {
    super("StudentResultScene");
  }

  protected draw(view: ResultView): void {
    const w = this.viewWidth;
    const h = this.viewHeight;
    const pad = 16;
    const tone = TONE[view.tone];
    const bandHeight = Math.min(h * 0.3, 220);
    const band = this.add.graphics();
    band.fillStyle(tone.fill, 1);
    band.fillRect(0, 0, w, bandHeight);
    this.layer.add(band);
    this.layer.add(
      addFittedText(this, w / 2, bandHeight / 2, view.heading, {
        maxWidth: w - 2 * pad,
        maxHeight: bandHeight - 20,
        maxSize: Math.min(64, w / 6),
        bold: true,
        color: tone.text,
      }).setOrigin(0.5),
    );
    let y = bandHeight + 20;
    for (const [i, line] of view.lines.entries()) {
      const text = addFittedText(this, w / 2, y, line, {
        maxWidth: Math.min(w - 2 * pad, 640),
        maxHeight: 90,
        maxSize: i === 0 ? Math.min(40, w / 9) : Math.min(24, w / 15),
        bold: i === 0,
        color: i === 0 ? PALETTE.accentCss : "#ffffff",
      }).setOrigin(0.5, 0);
      this.layer.add(text);
      y += text.height + 12;
    }
    if (view.explanation) {
      const text = addFittedText(this, w / 2, y + 8, view.explanation, {
        maxWidth: Math.min(w - 2 * pad, 640),
        maxHeight: Math.max(60, h - y - 60),
        maxSize: Math.min(22, w / 17),
        minSize: 15,
        color: PALETTE.textMuted,
      }).setOrigin(0.5, 0);
      this.layer.add(text);
    }
    if (this.lastHeading !== view.heading) {
      this.lastHeading = view.heading;
      if (view.tone !== "neutral") beep(view.tone);
    }
  }
}
