import type * as Phaser from "phaser";

/**
 * `window.__handsup`: the view-model each scene draws, plus where its buttons are on the page, so
 * browser tests assert what a person sees and press what a person would press.
 */
export interface TargetInfo {
  label: string;
  enabled: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Registered {
  scene: Phaser.Scene;
  zone: Phaser.GameObjects.Zone;
  label: string;
  enabled: boolean;
}

const targets = new Map<string, Registered>();

interface HandsUpHook {
  view: unknown;
  target(id: string): TargetInfo | undefined;
  targets(): string[];
}

const hook: HandsUpHook = {
  view: undefined,
  target(id) {
    const found = targets.get(id);
    if (!found?.zone.active) return undefined;
    const bounds = found.zone.getBounds();
    const scale = found.scene.scale;
    const canvas = scale.canvasBounds;
    // World → canvas pixels (the camera's zoom) → CSS pixels (the display scale).
    const zoom = found.scene.cameras.main.zoom;
    const sx = scale.displayScale.x / zoom;
    const sy = scale.displayScale.y / zoom;
    return {
      label: found.label,
      enabled: found.enabled,
      x: canvas.x + bounds.x / sx,
      y: canvas.y + bounds.y / sy,
      width: bounds.width / sx,
      height: bounds.height / sy,
    };
  },
  targets: () => [...targets.entries()].filter(([, t]) => t.zone.active).map(([id]) => id),
};
(window as unknown as { __handsup: HandsUpHook }).__handsup = hook;

/** Records where button `id` is, for tests (replaces an older button with the same id). */
export function registerTarget(
  scene: Phaser.Scene,
  id: string,
  zone: Phaser.GameObjects.Zone,
  label: string,
  enabled: boolean,
): void {
  targets.set(id, { scene, zone, label, enabled });
}

/** Publishes the view-model the current scene draws. */
export function publishView(view: unknown): void {
  hook.view = view;
}
