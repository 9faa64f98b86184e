import * as Phaser from "phaser";
import { connectionBanner, showBanner } from "../ui/banner.ts";
import { createDirector } from "../ui/director.ts";
import { renderOnDemand } from "../ui/render-on-demand.ts";
import { addSoundToggle } from "../ui/sound.ts";
import { textResolution } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { PIXEL_RATIO_KEY } from "../ui/view-scene.ts";
import { StudentJoinScene } from "./StudentJoinScene.ts";
import { StudentMessageScene } from "./StudentMessageScene.ts";
import { StudentQuestionScene } from "./StudentQuestionScene.ts";
import { StudentResultScene } from "./StudentResultScene.ts";
import { join, resumeOrShowJoin } from "./student-controller.ts";
import { studentStore } from "./student-model.ts";
import { type StudentView, studentView } from "./student-view.ts";

/**
 * The phone's game: Phaser, the scenes, the network client. main.ts loads this module in the
 * background while the student types into the HTML join form, so none of it delays that form.
 */

// The student's phone: the canvas follows the screen size, one canvas pixel per device pixel (sharp
// text at a pixel ratio of 2–3); scenes lay out in CSS pixels and their camera zooms by the ratio.
const pixelRatio = textResolution(window.devicePixelRatio);
const parent = document.getElementById("game");
const canvasSize = () => ({
  width: Math.max(1, Math.round((parent?.clientWidth || window.innerWidth) * pixelRatio)),
  height: Math.max(1, Math.round((parent?.clientHeight || window.innerHeight) * pixelRatio)),
});
const game = new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: PALETTE.backgroundCss,
  dom: { createContainer: true },
  scale: { mode: Phaser.Scale.NONE, ...canvasSize(), zoom: 1 / pixelRatio },
  scene: [StudentJoinScene, StudentMessageScene, StudentQuestionScene, StudentResultScene],
  banner: false,
  // A quiz has no fast motion: 30 frames a second is smooth enough and halves the work (and battery).
  fps: { target: 30, limit: 30 },
  autoFocus: false,
});
let markReady: () => void = () => {};
/** Resolves once Phaser runs and the first view has been rendered (the join scene, or a rejoined game). */
export const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});
export { join };

// Scenes listed in the config would all start; the director decides which one runs.
game.registry.set(PIXEL_RATIO_KEY, pixelRatio);
window.addEventListener("resize", () => {
  const size = canvasSize();
  if (size.width !== game.scale.width || size.height !== game.scale.height) game.scale.resize(size.width, size.height);
});
game.events.once(Phaser.Core.Events.READY, () => {
  for (const scene of game.scene.getScenes(true)) game.scene.stop(scene.scene.key);
  const wake = renderOnDemand(game);
  const direct = createDirector<StudentView>(game);
  // Wake the loop only when what the phone shows changed: most patches (another student's answer) change nothing here.
  let shownKey = "";
  const render = () => {
    const model = studentStore.get();
    const view = studentView(model);
    const key = `${model.connection}|${JSON.stringify(view)}`;
    if (key !== shownKey) {
      shownKey = key;
      wake();
    }
    showBanner(connectionBanner(model.connection));
    direct(view);
  };
  studentStore.subscribe(render);
  render();
  markReady();
  void resumeOrShowJoin();
});
addSoundToggle();
