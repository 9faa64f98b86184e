import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { HostScene } from "./HostScene.ts";
import type { LeaderboardView } from "./host-view.ts";

const ROW_TOP = 110;
const ROW_HEIGHT = 76;

/** Top ten, each row sliding from its old place to its new one. */
export class HostLeaderboardScene extends HostScene<LeaderboardView> {
  constructor() {
    super("HostLeaderboardScene");
  }

  protected draw(view: LeaderboardView): void {
    this.header(view.header);
    this.tools(view.toolbar);
    view.rows.slice(0, 10).forEach((row, i) => {
      const y = ROW_TOP + i * ROW_HEIGHT;
      const before = view.previousRanks[row.playerId] ?? 0;
      const fromY = before > 0 ? ROW_TOP + (Math.min(before, 11) - 1) * ROW_HEIGHT : ROW_TOP + 10 * ROW_HEIGHT;
      const card = this.add.container(360, fromY);
      const g = this.add.graphics();
      g.fillStyle(i === 0 ? PALETTE.accent : PALETTE.panel, 1);
      g.fillRoundedRect(0, 0, 1200, ROW_HEIGHT - 10, 14);
      const dark = i === 0 ? "#1d1b3a" : "#ffffff";
      const rank = this.add
        .text(30, (ROW_HEIGHT - 10) / 2, String(row.rank), textStyle(40, i === 0 ? dark : PALETTE.accentCss, true))
        .setOrigin(0, 0.5);
      const name = addFittedText(this, 120, (ROW_HEIGHT - 10) / 2, row.name, {
        maxWidth: 780,
        maxHeight: 56,
        maxSize: 40,
        bold: true,
        align: "left",
        color: dark,
      }).setOrigin(0, 0.5);
      const score = this.add
        .text(1170, (ROW_HEIGHT - 10) / 2, String(row.score), textStyle(40, dark, true))
        .setOrigin(1, 0.5);
      const moved =
        before > 0 && before !== row.rank
          ? before > row.rank
            ? `▲${before - row.rank}`
            : `▼${row.rank - before}`
          : "";
      const arrow = this.add
        .text(
          1230,
          (ROW_HEIGHT - 10) / 2,
          moved,
          textStyle(32, before > row.rank ? PALETTE.goodCss : PALETTE.badCss, true),
        )
        .setOrigin(0, 0.5);
      card.add([g, rank, name, score, arrow]);
      if (before === 0) card.setAlpha(0);
      this.layer.add(card);
      this.tweens.add({ targets: card, y, alpha: 1, duration: 900, delay: 300 + i * 60, ease: "Cubic.easeInOut" });
    });
  }
}
