import type * as Phaser from "phaser";
import { addHtml, htmlOf } from "./dom.ts";

export interface ToolbarItem {
  id: string;
  label: string;
  kind?: "primary" | "good" | "bad";
  enabled?: boolean;
  /** a toggle: on (true) or off (false); plain buttons leave it out */
  pressed?: boolean;
}

/**
 * A row of real HTML buttons over the canvas: clickable, focusable and named for screen readers
 * (and for tests). `update` replaces the buttons only when they changed.
 */
export class Toolbar {
  readonly element: Phaser.GameObjects.DOMElement;
  private drawn = "";

  constructor(scene: Phaser.Scene, onPress: (id: string) => void) {
    const el = document.createElement("div");
    el.className = "host-toolbar";
    el.setAttribute("role", "toolbar");
    el.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest("button");
      if (button && !button.disabled && button.dataset.id) onPress(button.dataset.id);
    });
    this.element = addHtml(scene, 0, 0, el).setOrigin(0.5, 0);
  }

  /** Shows `items`, centred at (x, y). */
  update(items: readonly ToolbarItem[], x: number, y: number): void {
    const key = JSON.stringify(items);
    const el = htmlOf(this.element);
    if (key !== this.drawn) {
      this.drawn = key;
      // A buzzer turn needs eight buttons: smaller ones keep them on one line across the stage.
      el.classList.toggle("compact", items.length > 6);
      el.replaceChildren(
        ...items.map((item) => {
          const button = document.createElement("button");
          button.type = "button";
          button.dataset.id = item.id;
          button.textContent = item.label;
          if (item.kind) button.className = item.kind;
          button.disabled = item.enabled === false;
          if (item.pressed !== undefined) button.setAttribute("aria-pressed", String(item.pressed));
          return button;
        }),
      );
      this.element.updateSize();
    }
    this.element.setPosition(x, y);
  }
}
