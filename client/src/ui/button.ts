import type * as Phaser from "phaser";
import { controlLayerOf } from "./a11y-layer.ts";
import { drawShape } from "./shapes.ts";
import { registerTarget } from "./test-hook.ts";
import { addFittedText, fittedFontSize } from "./text.ts";
import { PALETTE, type ShapeName } from "./theme.ts";

export interface ButtonOptions {
  /** Stable id tests use to find the button (`window.__handsup.target(id)`). */
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  color?: number;
  textColor?: string;
  fontSize?: number;
  shape?: ShapeName;
  letter?: string;
  selected?: boolean;
  dimmed?: boolean;
  enabled?: boolean;
  /** the smallest font the label may shrink to (projector text stays readable from the back row) */
  minSize?: number;
  /** what a screen reader says, when it is more than the label ("A, triangle: Beria" is built from the shape) */
  name?: string;
  /** a toggle's state, for screen readers (a ticked multi-select option) */
  pressed?: boolean;
  onPress?: () => void;
}

/** The spoken name of an answer button: its letter and shape, then its text ("A, triangle: Beria"). */
export function answerName(label: string, letter?: string, shape?: string): string {
  return letter && shape ? `${letter}, ${shape}: ${label}` : label;
}

/**
 * One font size for a set of buttons of the same size: the largest at which every label fits, so
 * a long option does not leave its neighbours in a different size.
 */
export function commonLabelSize(
  scene: Phaser.Scene,
  labels: readonly string[],
  box: { width: number; height: number; fontSize: number; shape: boolean; minSize?: number },
): number {
  const iconSize = Math.min(box.height * 0.5, 56);
  const maxWidth = box.shape ? box.width - 38 - iconSize : box.width - 28;
  const sizes = labels.map((label) =>
    fittedFontSize(scene, label, {
      maxWidth,
      maxHeight: box.height - 12,
      maxSize: box.fontSize,
      minSize: box.minSize ?? 11,
      bold: true,
    }),
  );
  return Math.min(box.fontSize, ...sizes);
}

/**
 * A rounded, labelled button drawn on the canvas, optionally with an answer shape and letter on
 * its left. Its parts go into `layer`, so the scene can clear them all at once.
 */
export function addButton(scene: Phaser.Scene, layer: Phaser.GameObjects.Container, o: ButtonOptions): void {
  const enabled = o.enabled ?? true;
  const g = scene.add.graphics();
  const fill = enabled ? (o.color ?? PALETTE.accent) : PALETTE.disabled;
  g.fillStyle(fill, o.dimmed ? 0.35 : 1);
  g.fillRoundedRect(o.x, o.y, o.width, o.height, Math.min(18, o.height / 4));
  if (o.selected) {
    g.lineStyle(6, 0xffffff, 1);
    g.strokeRoundedRect(o.x + 3, o.y + 3, o.width - 6, o.height - 6, Math.min(16, o.height / 4));
  }
  layer.add(g);
  let textLeft = o.x + 14;
  if (o.shape) {
    const iconSize = Math.min(o.height * 0.5, 56);
    g.fillStyle(0xffffff, o.dimmed ? 0.5 : 0.95);
    drawShape(g, o.shape, o.x + 14 + iconSize / 2, o.y + o.height / 2, iconSize);
    textLeft = o.x + 24 + iconSize;
    if (o.letter) {
      const letter = scene.add
        .text(o.x + 14 + iconSize / 2, o.y + o.height / 2 + iconSize * 0.08, o.letter, {
          fontFamily: "system-ui, sans-serif",
          fontSize: `${Math.round(iconSize * 0.42)}px`,
          fontStyle: "bold",
          color: "#000000",
          resolution: Math.min(3, window.devicePixelRatio || 1),
        })
        .setOrigin(0.5)
        .setAlpha(0.75);
      layer.add(letter);
    }
  }
  const textRight = o.x + o.width - 14;
  const centred = !o.shape;
  const label = addFittedText(scene, centred ? o.x + o.width / 2 : textLeft, o.y + o.height / 2, o.label, {
    maxWidth: centred ? o.width - 28 : textRight - textLeft,
    maxHeight: o.height - 12,
    maxSize: o.fontSize ?? Math.min(40, o.height * 0.4),
    minSize: o.minSize ?? 11,
    bold: true,
    color: o.textColor ?? (o.color === undefined ? "#1d1b3a" : "#ffffff"),
    align: centred ? "center" : "left",
  });
  label.setOrigin(centred ? 0.5 : 0, 0.5).setAlpha(o.dimmed ? 0.6 : 1);
  layer.add(label);
  const zone = scene.add.zone(o.x, o.y, o.width, o.height).setOrigin(0);
  layer.add(zone);
  if (enabled && o.onPress) {
    zone.setInteractive({ useHandCursor: true });
    const press = o.onPress;
    zone.on("pointerup", () => press());
  }
  registerTarget(scene, o.id, zone, o.label, enabled);
  if (o.onPress) {
    const press = o.onPress;
    controlLayerOf(scene)?.add({
      id: o.id,
      name: o.name ?? answerName(o.label, o.letter, o.shape),
      x: o.x,
      y: o.y,
      width: o.width,
      height: o.height,
      onActivate: press,
      disabled: !enabled,
      ...(o.pressed === undefined ? {} : { pressed: o.pressed }),
    });
  }
}
