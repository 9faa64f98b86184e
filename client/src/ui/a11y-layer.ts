import type * as Phaser from "phaser";
import { addHtml, htmlOf } from "./dom.ts";

/** One real control standing in for a button drawn on the canvas. */
export interface Control {
  /** stable identity: the same id keeps the same DOM button (and its focus) across redraws */
  id: string;
  /** what a screen reader says: "A, triangle: Beria" */
  name: string;
  /** the canvas button's box, in the scene's coordinates */
  x: number;
  y: number;
  width: number;
  height: number;
  onActivate?: () => void;
  /** a toggle's state (a ticked multi-select option, a picked ordering item) */
  pressed?: boolean;
  /** shown but not usable yet: stays focusable so its name ("Pick one or more") is heard */
  disabled?: boolean;
  /** fire on key DOWN (the buzzer: the press is the moment that counts), not on the click after key up */
  onKeyDown?: (event: KeyboardEvent) => boolean;
  /** id of an element that describes how to use the control (e.g. the ordering hint) */
  describedBy?: string;
}

const layers = new WeakMap<Phaser.Scene, ControlLayer>();

/** The control layer of `scene`, if it has one (ViewScenes do). */
export function controlLayerOf(scene: Phaser.Scene): ControlLayer | undefined {
  return layers.get(scene);
}

/**
 * Focusable, named HTML buttons over the canvas, one per canvas button. Each draw declares the
 * controls it shows (`begin`, `add`…, `end`); buttons whose id stays are updated in place, so a
 * redraw (a tick in a multi-select, an item moved) keeps the keyboard focus where it was.
 */
export class ControlLayer {
  private readonly dom: Phaser.GameObjects.DOMElement;
  private readonly root: HTMLElement;
  private readonly buttons = new Map<string, { el: HTMLButtonElement; control: Control }>();
  private seen = new Set<string>();

  constructor(scene: Phaser.Scene) {
    const root = document.createElement("div");
    root.className = "a11y-layer";
    root.setAttribute("role", "group");
    root.setAttribute("aria-label", "Answer controls");
    this.dom = addHtml(scene, 0, 0, root).setOrigin(0, 0);
    this.dom.pointerEvents = "none";
    this.root = htmlOf(this.dom);
    layers.set(scene, this);
  }

  /** Starts a draw: controls not added again before `end` are removed. */
  begin(): void {
    this.seen = new Set();
  }

  /** Shows `control` (creating or updating its button). */
  add(control: Control): void {
    this.seen.add(control.id);
    let entry = this.buttons.get(control.id);
    if (!entry) {
      const el = document.createElement("button");
      el.type = "button";
      el.dataset.control = control.id;
      const made = { el, control };
      el.addEventListener("click", () => {
        if (!made.control.disabled) made.control.onActivate?.();
      });
      el.addEventListener("keydown", (event) => {
        if (made.control.disabled || !made.control.onKeyDown) return;
        if (made.control.onKeyDown(event)) event.preventDefault();
      });
      this.root.append(el);
      entry = made;
      this.buttons.set(control.id, entry);
    }
    entry.control = control;
    const el = entry.el;
    if (el.getAttribute("aria-label") !== control.name) el.setAttribute("aria-label", control.name);
    setOptional(el, "aria-pressed", control.pressed === undefined ? undefined : String(control.pressed));
    setOptional(el, "aria-disabled", control.disabled ? "true" : undefined);
    setOptional(el, "aria-describedby", control.describedBy);
    Object.assign(el.style, {
      left: `${control.x}px`,
      top: `${control.y}px`,
      width: `${control.width}px`,
      height: `${control.height}px`,
    });
  }

  /** Ends a draw: removes the buttons this draw did not declare, keeping DOM order = visual order. */
  end(): void {
    for (const [id, entry] of this.buttons) {
      if (this.seen.has(id)) continue;
      entry.el.remove();
      this.buttons.delete(id);
    }
    // Tab order follows the order of `add` calls (top to bottom as drawn).
    let previous: HTMLButtonElement | undefined;
    for (const id of this.seen) {
      const el = this.buttons.get(id)?.el;
      if (!el) continue;
      const expectedNext = previous ? previous.nextElementSibling : this.root.querySelector("button");
      if (expectedNext !== el) {
        const focused = document.activeElement === el;
        if (previous) previous.after(el);
        else this.root.prepend(el);
        if (focused) el.focus();
      }
      previous = el;
    }
  }

  /** A hidden description (how to use a control) that controls point at with `describedBy`. */
  describe(id: string, text: string): void {
    let el = document.getElementById(id);
    if (!el) {
      el = document.createElement("span");
      el.id = id;
      // Hidden from reading order; aria-describedby still reads a hidden element's text.
      el.hidden = true;
      this.root.append(el);
    }
    if (el.textContent !== text) el.textContent = text;
  }

  /** Moves the keyboard focus to control `id` (after it moved, e.g. an ordering item). */
  focus(id: string): void {
    this.buttons.get(id)?.el.focus();
  }

  /** The control with the keyboard focus, if any. */
  focusedId(): string | undefined {
    for (const [id, entry] of this.buttons) if (document.activeElement === entry.el) return id;
    return undefined;
  }
}

function setOptional(el: HTMLElement, name: string, value: string | undefined): void {
  if (value === undefined) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}
