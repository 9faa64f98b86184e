import "./boot.css";
import { lastStudentSeat } from "../net/storage.ts";
import { showBootJoinForm } from "./boot-join-form.ts";

/**
 * The student page's entry: only the HTML join form (a few kB). The game — Phaser, the scenes, the
 * SDK — is downloaded at once by the `<link rel="prefetch">` tags the build adds to index.html, but
 * it is only *run* once the student pauses typing or presses Join: evaluating Phaser and starting its
 * renderer takes the phone's main thread for a while, and must not freeze the keyboard. A student who
 * presses Join first sees "Joining…" and keeps what they typed.
 */

/** Start the game after this long without a keystroke (or at once on Join). */
const IDLE_BEFORE_GAME_MS = 1200;

const boot = showBootJoinForm();
let game: Promise<typeof import("./student-app.ts")> | undefined;
let handedOver: Promise<boolean> | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** Imports and starts the game (once), then hands the typed code and name over to its join form. */
function startGame(): Promise<boolean> {
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  handedOver ??= (async () => {
    game = import("./student-app.ts");
    const loaded = await game;
    await loaded.ready;
    // The game's join form appears a frame or two after Phaser starts.
    for (let frame = 0; frame < 120 && !document.querySelector("#game #join-code"); frame++) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    boot.handOver();
    return true;
  })().catch(() => {
    // The game could not be downloaded (the Wi-Fi dropped mid-load): say so where the student looks.
    boot.setJoining(false);
    boot.showError("Could not load the game. Check the Wi-Fi and reload the page.");
    return false;
  });
  return handedOver;
}

function startWhenIdle(): void {
  if (handedOver) return;
  if (idleTimer !== undefined) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void startGame(), IDLE_BEFORE_GAME_MS);
}

boot.onTyping(startWhenIdle);
if (lastStudentSeat()) {
  // This phone was in a game (a reload, a locked screen): nothing to type, go straight back in.
  boot.setJoining(true);
  void startGame();
} else {
  startWhenIdle();
}

boot.onSubmit((code, name) => {
  boot.setJoining(true);
  void startGame().then(async (ok) => {
    if (ok && game) await (await game).join(code, name);
  });
});
