import * as Phaser from "phaser";
import { connectionBanner, showBanner } from "../ui/banner.ts";
import { createDirector } from "../ui/director.ts";
import { renderOnDemand } from "../ui/render-on-demand.ts";
import { addSoundToggle } from "../ui/sound.ts";
import { PALETTE } from "../ui/theme.ts";
import { HostCreateScene } from "./HostCreateScene.ts";
import { HostLeaderboardScene } from "./HostLeaderboardScene.ts";
import { HostLobbyScene } from "./HostLobbyScene.ts";
import { HostPodiumScene } from "./HostPodiumScene.ts";
import { HostQuestionScene } from "./HostQuestionScene.ts";
import { HostRevealScene } from "./HostRevealScene.ts";
import { STAGE } from "./HostScene.ts";
import { handleHostKey } from "./host-actions.ts";
import { resumeOrSetUp } from "./host-controller.ts";
import { hostStore } from "./host-model.ts";
import { type HostView, hostView } from "./host-view.ts";
import { showPlayerPanel } from "./player-panel.ts";
import { showUndoBar } from "./undo-bar.ts";

// The projector: a fixed 16:9 stage scaled to fit, so the layout is the same on every screen.
const game = new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: PALETTE.backgroundCss,
  dom: { createContainer: true },
  scale: { mode: Phaser.Scale.FIT, autoCenter: Phaser.Scale.CENTER_BOTH, width: STAGE.width, height: STAGE.height },
  scene: [HostCreateScene, HostLobbyScene, HostQuestionScene, HostRevealScene, HostLeaderboardScene, HostPodiumScene],
  banner: false,
  // A quiz has no fast motion: 30 frames a second is smooth enough and halves the work (and battery).
  fps: { target: 30, limit: 30 },
});
game.events.once(Phaser.Core.Events.READY, () => {
  for (const scene of game.scene.getScenes(true)) game.scene.stop(scene.scene.key);
  const wake = renderOnDemand(game);
  const direct = createDirector<HostView>(game);
  // Wake the loop only when what the projector shows changed.
  let shownKey = "";
  const render = () => {
    const model = hostStore.get();
    const view = hostView(model, location.origin);
    const key = `${model.connection}|${JSON.stringify(view)}`;
    if (key !== shownKey) {
      shownKey = key;
      wake();
    }
    showBanner(connectionBanner(model.connection));
    showUndoBar(model.pendingRemovals);
    showPlayerPanel(model);
    direct(view);
  };
  hostStore.subscribe(render);
  render();
  void resumeOrSetUp();
});
window.addEventListener("keydown", handleHostKey);
addSoundToggle();
