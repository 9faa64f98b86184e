import type * as Phaser from "phaser";
import { reducedMotion } from "../ui/motion.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { HostScene, STAGE } from "./HostScene.ts";
import type { PodiumView } from "./host-view.ts";

const PLACES = [
  { x: STAGE.width / 2, height: 420, colour: 0xffc845 },
  { x: STAGE.width / 2 - 460, height: 320, colour: 0xc9c6f0 },
  { x: STAGE.width / 2 + 460, height: 240, colour: 0xd9925a },
] as const;

/** The top three on a podium, with the results download. */
export class HostPodiumScene extends HostScene<PodiumView> {
  constructor() {
    super("HostPodiumScene");
  }

  protected draw(view: PodiumView): void {
    this.tools(view.toolbar);
    this.layer.add(
      this.add
        .text(STAGE.width / 2, 40, view.ended ? "Game over" : "Podium", textStyle(80, "#ffffff", true))
        .setOrigin(0.5, 0),
    );
    this.layer.add(
      this.add.text(STAGE.width / 2, 140, view.played, textStyle(34, PALETTE.textMuted, true)).setOrigin(0.5, 0),
    );
    const floor = 930;
    view.top.forEach((row, i) => {
      const place = PLACES[i];
      if (!place) return;
      const g = this.add.graphics();
      g.fillStyle(place.colour, 1);
      g.fillRoundedRect(place.x - 200, floor - place.height, 400, place.height, 18);
      this.layer.add(g);
      this.layer.add(
        this.add
          .text(place.x, floor - place.height + 30, String(row.rank), textStyle(110, "#1d1b3a", true))
          .setOrigin(0.5, 0),
      );
      this.layer.add(
        addFittedText(this, place.x, floor - place.height - 120, row.name, {
          maxWidth: 440,
          maxHeight: 70,
          maxSize: 60,
          minSize: 30,
          bold: true,
        }).setOrigin(0.5, 0),
      );
      this.layer.add(
        this.add
          .text(place.x, floor - place.height - 50, `${row.score} points`, textStyle(36, PALETTE.accentCss, true))
          .setOrigin(0.5, 0),
      );
      if (reducedMotion()) return;
      const card = this.layer.list.slice(-4);
      for (const part of card) {
        const go = part as Phaser.GameObjects.Components.Transform & Phaser.GameObjects.GameObject;
        const endY = go.y;
        go.y = endY + 400;
        this.tweens.add({ targets: go, y: endY, duration: 700, delay: (2 - i) * 500, ease: "Back.easeOut" });
      }
    });
  }
}
