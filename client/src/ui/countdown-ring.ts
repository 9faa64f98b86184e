import type * as Phaser from "phaser";
import { textStyle } from "./text.ts";
import { PALETTE } from "./theme.ts";

/** A ring that empties as time runs out, with the seconds left in the middle. Call `draw` every frame. */
export class CountdownRing {
  private readonly graphics: Phaser.GameObjects.Graphics;
  private readonly label: Phaser.GameObjects.Text;
  private lastSeconds = -1;
  private x: number;
  private y: number;
  private radius: number;

  constructor(scene: Phaser.Scene, x: number, y: number, radius: number) {
    this.x = x;
    this.y = y;
    this.radius = radius;
    this.graphics = scene.add.graphics();
    this.label = scene.add.text(x, y, "", textStyle(radius * 0.8, "#ffffff", true)).setOrigin(0.5);
  }

  /** Moves and resizes the ring. */
  place(x: number, y: number, radius: number): void {
    this.x = x;
    this.y = y;
    this.radius = radius;
    this.label.setPosition(x, y).setFontSize(Math.round(radius * 0.8));
  }

  /** Redraws for `remainingMs` of `totalMs` left; returns the whole seconds shown. */
  draw(remainingMs: number, totalMs: number, paused = false): number {
    const fraction = totalMs > 0 ? Math.min(1, Math.max(0, remainingMs / totalMs)) : 0;
    const g = this.graphics;
    g.clear();
    g.lineStyle(this.radius * 0.22, PALETTE.panelLight, 1);
    g.strokeCircle(this.x, this.y, this.radius);
    if (fraction > 0) {
      g.lineStyle(this.radius * 0.22, fraction < 0.25 ? PALETTE.bad : PALETTE.accent, 1);
      g.beginPath();
      g.arc(this.x, this.y, this.radius, -Math.PI / 2, -Math.PI / 2 + fraction * 2 * Math.PI, false);
      g.strokePath();
    }
    const seconds = Math.max(0, Math.ceil(remainingMs / 1000));
    const text = paused ? "II" : String(seconds);
    if (this.label.text !== text) {
      // Three digits (a long limit or extra time) fit inside the ring at a smaller size.
      this.label.setText(text).setFontSize(Math.round(this.radius * (text.length > 2 ? 0.6 : 0.8)));
    }
    this.lastSeconds = seconds;
    return this.lastSeconds;
  }

  /** Shows or hides the ring. */
  setVisible(visible: boolean): void {
    this.graphics.setVisible(visible);
    this.label.setVisible(visible);
  }
}
