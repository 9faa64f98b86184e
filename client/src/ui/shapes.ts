import type * as Phaser from "phaser";
import type { ShapeName } from "./theme.ts";

/** Draws one of the answer shapes, centred on (x, y), fitting a box of `size` pixels. */
export function drawShape(g: Phaser.GameObjects.Graphics, shape: ShapeName, x: number, y: number, size: number): void {
  const r = size / 2;
  switch (shape) {
    case "triangle":
      g.fillTriangle(x, y - r, x + r, y + r * 0.8, x - r, y + r * 0.8);
      return;
    case "diamond":
      g.fillPoints(
        asPoints([
          { x, y: y - r },
          { x: x + r, y },
          { x, y: y + r },
          { x: x - r, y },
        ]),
        true,
      );
      return;
    case "circle":
      g.fillCircle(x, y, r * 0.9);
      return;
    case "square":
      g.fillRect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6);
      return;
    case "star":
      g.fillPoints(asPoints(polygon(x, y, 10, (i) => (i % 2 === 0 ? r : r * 0.45))), true);
      return;
    case "hexagon":
      g.fillPoints(asPoints(polygon(x, y, 6, () => r * 0.95)), true);
      return;
  }
}

function polygon(x: number, y: number, corners: number, radius: (i: number) => number): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let i = 0; i < corners; i++) {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / corners;
    points.push({ x: x + Math.cos(angle) * radius(i), y: y + Math.sin(angle) * radius(i) });
  }
  return points;
}

// fillPoints only reads x and y; its typings ask for full Vector2 objects.
function asPoints(points: { x: number; y: number }[]): Phaser.Math.Vector2[] {
  return points as unknown as Phaser.Math.Vector2[];
}
