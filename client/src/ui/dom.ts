import type * as Phaser from "phaser";

/**
 * Adds an HTML element over the canvas. Phaser writes `display` on the node it positions, which
 * would undo a flex layout, so the element goes inside a plain wrapper that Phaser may style.
 */
export function addHtml(
  scene: Phaser.Scene,
  x: number,
  y: number,
  element: HTMLElement,
): Phaser.GameObjects.DOMElement {
  const wrapper = document.createElement("div");
  wrapper.append(element);
  return scene.add.dom(x, y, wrapper);
}

/** The element given to `addHtml` (inside Phaser's wrapper). */
export function htmlOf<T extends HTMLElement = HTMLElement>(dom: Phaser.GameObjects.DOMElement): T {
  return (dom.node as HTMLElement).firstElementChild as T;
}
