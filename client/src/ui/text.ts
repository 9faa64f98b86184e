import type * as Phaser from "phaser";
import { FONT_FAMILY } from "./theme.ts";

export interface FitOptions {
  maxWidth: number;
  maxHeight: number;
  maxSize: number;
  minSize?: number;
  color?: string;
  bold?: boolean;
  align?: "left" | "center" | "right";
}

/** The canvas text resolution for a screen's pixel ratio: sharp on dense screens, capped at 3 to spare memory. */
export function textResolution(devicePixelRatio: number): number {
  return Math.min(3, Math.max(1, devicePixelRatio || 1));
}

/** The next font size to try when text does not fit: about 8% smaller, never below `minSize`. */
export function nextSmallerFontSize(size: number, minSize: number): number {
  return Math.max(minSize, Math.floor(size * 0.92));
}

/** The words of a text, as wrapping sees them (runs of non-space). */
export function wordsOf(content: string): string[] {
  return content.split(/\s+/).filter(Boolean);
}

/** A text style in the house font, sharp on high-density phone screens. */
export function textStyle(size: number, color = "#ffffff", bold = false): Phaser.Types.GameObjects.Text.TextStyle {
  return {
    fontFamily: FONT_FAMILY,
    fontSize: `${Math.round(size)}px`,
    fontStyle: bold ? "bold" : "normal",
    color,
    resolution: textResolution(window.devicePixelRatio),
  };
}

/** The font size `addFittedText` would settle on for `content` in this box (nothing is left on screen). */
export function fittedFontSize(scene: Phaser.Scene, content: string, options: FitOptions): number {
  const probe = addFittedText(scene, 0, 0, content, options);
  const size = Number.parseInt(String(probe.style.fontSize), 10);
  probe.destroy();
  return size;
}

/**
 * Adds wrapped text that fits the box: the font shrinks step by step until the wrapped text is no
 * taller than maxHeight and no word has to be split (long prompts stay readable instead of running
 * off the screen).
 */
export function addFittedText(
  scene: Phaser.Scene,
  x: number,
  y: number,
  content: string,
  options: FitOptions,
): Phaser.GameObjects.Text {
  const minSize = options.minSize ?? 12;
  const text = scene.add.text(x, y, content, {
    ...textStyle(options.maxSize, options.color, options.bold),
    align: options.align ?? "center",
    wordWrap: { width: options.maxWidth, useAdvancedWrap: true },
  });
  // Wrapping breaks a word that is wider than the box ("Leaderbo-ard"): shrink until every word fits whole.
  const words = wordsOf(content);
  const widestWord = () => {
    text.style.syncFont(text.canvas, text.context);
    return Math.max(0, ...words.map((word) => text.context.measureText(word).width));
  };
  let size = options.maxSize;
  while (
    size > minSize &&
    (text.height > options.maxHeight || text.width > options.maxWidth || widestWord() > options.maxWidth)
  ) {
    size = nextSmallerFontSize(size, minSize);
    text.setFontSize(size);
  }
  return text;
}
