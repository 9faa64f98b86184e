import type * as Phaser from "phaser";

/** A scene that changes a little over time (a countdown) says so; a few frames a second are enough for it. */
interface MaybeTicking {
  isTicking?: () => boolean;
}

const SETTLE_MS = 300;
const TICK_MS = 200;

/**
 * Runs Phaser's loop only while something on screen moves. Full speed after a redraw or a touch
 * (for a short settle time), while a finger is down and while a tween runs; five frames a second
 * while a scene ticks (a countdown ring); otherwise no frames at all. A quiz screen is still most of
 * the time: drawing it 30 times a second for nothing drains phone batteries (and, in software
 * rendering, costs a CPU core per page). Returns `wake`, to call whenever the view changes.
 */
export function renderOnDemand(game: Phaser.Game): () => void {
  let awakeUntil = 0;
  let pointerDown = false;
  const run = () => {
    if (game.loop.running) return;
    game.loop.resetDelta(); // no jump in tweens for the time spent asleep
    game.loop.wake();
  };
  const wake = () => {
    awakeUntil = performance.now() + SETTLE_MS;
    run();
  };
  const scenes = () => game.scene.getScenes(true);
  setInterval(() => {
    const tweening = scenes().some((scene) => scene.tweens.getTweens().length > 0);
    if (pointerDown || tweening || performance.now() < awakeUntil) return run();
    if (game.loop.running) game.loop.sleep();
    if (scenes().some((scene) => (scene as MaybeTicking).isTicking?.() === true)) game.loop.tick();
  }, TICK_MS);
  const options = { capture: true, passive: true };
  const press = (down: boolean) => () => {
    pointerDown = down;
    wake();
  };
  window.addEventListener("pointerdown", press(true), options);
  window.addEventListener("pointerup", press(false), options);
  window.addEventListener("pointercancel", press(false), options);
  for (const type of ["keydown", "resize", "focus"]) window.addEventListener(type, wake, options);
  wake();
  return wake;
}
