import { command, newGame, openResultsPage, resultsUrl, togglePeek } from "./host-controller.ts";
import { hostStore } from "./host-model.ts";

/** What each toolbar button and key does on the teacher's screen. */
export function hostAction(id: string): void {
  const game = hostStore.get().game;
  switch (id) {
    case "start":
    case "next":
      command("next");
      return;
    case "lock":
      command("setLobbyLocked", { locked: !game?.lobbyLocked });
      return;
    case "pause":
      command("pause");
      return;
    case "resume":
      command("resume");
      return;
    case "toggle-pause":
      command(game?.paused ? "resume" : "pause");
      return;
    case "extend":
      command("extendTime", { seconds: 10 });
      return;
    case "skip":
      command("skip");
      return;
    case "reveal-now":
      command("revealNow");
      return;
    case "mark-right":
      command("markSpoken", { correct: true });
      return;
    case "mark-wrong":
      command("markSpoken", { correct: false });
      return;
    case "prompt-on-phones":
      command("setShowPromptOnPhones", { show: !game?.showPromptOnPhones });
      return;
    case "peek":
      togglePeek();
      return;
    case "end":
      command("endGame");
      return;
    case "new-game":
      void newGame();
      return;
    case "results-page":
      openResultsPage();
      return;
    case "download": {
      const link = document.createElement("a");
      link.href = resultsUrl();
      link.download = `hands-up-${game?.code ?? "results"}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      return;
    }
  }
}

/** Space or Enter = next (or start), P = pause/resume; ignored while typing in a field. */
export function handleHostKey(event: KeyboardEvent): void {
  const target = event.target as HTMLElement | null;
  if (target && ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(target.tagName)) return;
  const game = hostStore.get().game;
  if (!game || hostStore.get().stage !== "game") return;
  if (event.key === " " || event.key === "Enter") {
    event.preventDefault();
    if (game.phase === "podium" || game.phase === "ended") return; // ending is a deliberate click
    hostAction("next");
  } else if (event.key === "p" || event.key === "P") {
    hostAction("toggle-pause");
  }
}
