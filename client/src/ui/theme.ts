/** One visual identity for both screens: colours, type, and the six answer styles. */

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const PALETTE = {
  background: 0x1d1b3a,
  backgroundCss: "#1d1b3a",
  panel: 0x2c2957,
  panelLight: 0x3d3a72,
  text: "#ffffff",
  textMuted: "#c9c6f0",
  accent: 0xffc845,
  accentCss: "#ffc845",
  good: 0x2e9e5b,
  goodCss: "#5fe08f",
  bad: 0xd64545,
  badCss: "#ff8a8a",
  disabled: 0x55527a,
} as const;

export type ShapeName = "triangle" | "diamond" | "circle" | "square" | "star" | "hexagon";

export interface AnswerStyle {
  letter: string;
  color: number;
  colorCss: string;
  shape: ShapeName;
  colorName: string;
}

/** Colour-blind safe: every option also has its own shape and letter, so colour is never the only cue. */
export const ANSWER_STYLES: readonly AnswerStyle[] = [
  { letter: "A", color: 0xd1303f, colorCss: "#d1303f", shape: "triangle", colorName: "red" },
  { letter: "B", color: 0x1f6fd1, colorCss: "#1f6fd1", shape: "diamond", colorName: "blue" },
  { letter: "C", color: 0xc98f00, colorCss: "#c98f00", shape: "circle", colorName: "yellow" },
  { letter: "D", color: 0x268a3c, colorCss: "#268a3c", shape: "square", colorName: "green" },
  { letter: "E", color: 0x8a3fc4, colorCss: "#8a3fc4", shape: "star", colorName: "purple" },
  { letter: "F", color: 0x138a8a, colorCss: "#138a8a", shape: "hexagon", colorName: "teal" },
];

/** The style of option `index` (wraps round if a question ever had more than six). */
export function answerStyle(index: number): AnswerStyle {
  return ANSWER_STYLES[index % ANSWER_STYLES.length]!;
}
