import type * as Phaser from "phaser";
import { announce } from "./live-region.ts";
import { publishView } from "./test-hook.ts";
import type { ViewScene } from "./view-scene.ts";

/** What every page's view-model carries: which scene draws it and what the live region says. */
export interface BaseView {
  scene: string;
  announce: string;
  title: string;
}

/** Starts the scene a view-model names (stopping the previous one), or hands it to the running scene. */
export function createDirector<VM extends BaseView>(game: Phaser.Game): (view: VM) => void {
  let current = "";
  return (view) => {
    publishView(view);
    announce(view.announce);
    if (document.title !== view.title) document.title = view.title;
    if (view.scene !== current) {
      if (current) game.scene.stop(current);
      current = view.scene;
      game.scene.start(current);
    }
    const scene = game.scene.getScene(current) as ViewScene<VM> | null;
    scene?.show(view);
  };
}
