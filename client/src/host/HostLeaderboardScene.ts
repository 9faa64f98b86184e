import { reducedMotion } from "../ui/motion.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { HostScene } from "./HostScene.ts";
import type { LeaderboardView } from "./host-view.ts";

const ROW_TOP = 110;
const ROW_HEIGHT = 76;

/**
 * Top ten. Rows appear in their new places one after another (rows sliding past each other used
 * to overlap for seconds); the ▲/▼ arrows tell who moved. No motion when the system asks for less.
 */
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
      const card = this.add.container(360, y);
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
        minSize: 30,
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
      this.layer.add(card);
      if (reducedMotion()) return;
      card.setAlpha(0);
      card.x = 320;
      this.tweens.add({ targets: card, x: 360, alpha: 1, duration: 350, delay: 150 + i * 90, ease: "Cubic.easeOut" });
    });
  }
}
