import * as Phaser from "phaser";
import { connectionBanner, showBanner } from "../ui/banner.ts";
import { createDirector } from "../ui/director.ts";
import { renderOnDemand } from "../ui/render-on-demand.ts";
import { addSoundToggle } from "../ui/sound.ts";
import { PALETTE } from "../ui/theme.ts";
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

// The student's phone: the canvas follows the screen size (RESIZE), so layouts use CSS pixels.
const game = new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: PALETTE.backgroundCss,
  dom: { createContainer: true },
  scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
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
game.events.once(Phaser.Core.Events.READY, () => {
  for (const scene of game.scene.getScenes(true)) game.scene.stop(scene.scene.key);
  const wake = renderOnDemand(game);
  const direct = createDirector<StudentView>(game);
  const render = () => {
    const model = studentStore.get();
    wake();
    showBanner(connectionBanner(model.connection));
    direct(studentView(model));
  };
  studentStore.subscribe(render);
  render();
  markReady();
  void resumeOrShowJoin();
});
addSoundToggle();
