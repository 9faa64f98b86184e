import * as Phaser from "phaser";
import { ControlLayer } from "./a11y-layer.ts";
import { PALETTE } from "./theme.ts";

/** Registry key of the canvas pixels per layout pixel (set by a page that draws at device resolution). */
export const PIXEL_RATIO_KEY = "pixelRatio";

/**
 * A scene that draws a view-model and nothing else. `show(vm)` may arrive before the scene has
 * been created (scene starts take a frame); the newest view-model is drawn once it exists, and a
 * view-model equal to the one on screen is not redrawn (so tweens and typed text survive).
 */
export abstract class ViewScene<VM> extends Phaser.Scene {
  protected view: VM | undefined;
  protected layer!: Phaser.GameObjects.Container;
  /** the real (DOM) controls over this scene's canvas buttons */
  protected controls!: ControlLayer;
  private drawnKey = "";
  private ready = false;

  /** Draws the view-model's canvas parts into `this.layer` (cleared before each call). */
  protected abstract draw(view: VM): void;

  /** Builds persistent objects (DOM inputs, rings) once, before the first draw. */
  protected build(): void {}

  /** Called when the scene stops: remove DOM listeners and the like. */
  protected teardown(): void {}

  /**
   * The scene's size in layout units (CSS pixels on a phone). A phone's canvas holds one pixel per
   * device pixel so text stays sharp at a pixel ratio of 2–3; the camera zooms by that ratio.
   */
  protected get viewWidth(): number {
    return this.scale.width / this.cameras.main.zoom;
  }

  protected get viewHeight(): number {
    return this.scale.height / this.cameras.main.zoom;
  }

  create(): void {
    const pixelRatio = Number(this.game.registry.get(PIXEL_RATIO_KEY) ?? 1);
    this.cameras.main.setOrigin(0, 0).setZoom(pixelRatio);
    this.cameras.main.setBackgroundColor(PALETTE.backgroundCss);
    this.layer = this.add.container(0, 0);
    this.controls = new ControlLayer(this);
    this.drawnKey = "";
    this.ready = true;
    this.build();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.redraw, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.ready = false;
      this.scale.off(Phaser.Scale.Events.RESIZE, this.redraw, this);
      this.teardown();
    });
    this.redraw();
  }

  /** Shows a new view-model (redraws only if it differs from what is on screen). */
  show(view: VM): void {
    this.view = view;
    if (!this.ready) return;
    const key = JSON.stringify(view);
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    this.layer.removeAll(true);
    this.controls.begin();
    this.draw(view);
    this.controls.end();
  }

  /** Redraws the current view-model from scratch (after a resize). */
  protected redraw(): void {
    if (!this.ready || this.view === undefined) return;
    this.drawnKey = "";
    this.show(this.view);
  }
}
