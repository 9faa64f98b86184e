import { grantExtraTime, removeWithUndo } from "./host-controller.ts";
import { type HostModel, hostStore } from "./host-model.ts";

/**
 * The player list during a game: extra time and remove (with undo) for each student. It is hidden
 * by default — the projector is the class's screen — and opened with the "Players" button in the
 * corner; what it shows (who has extra time) is for the teacher, so close it when done.
 */
let drawn = "";

function parts(): { toggle: HTMLButtonElement; panel: HTMLElement } {
  let toggle = document.getElementById("players-toggle") as HTMLButtonElement | null;
  let panel = document.getElementById("player-panel");
  if (!toggle || !panel) {
    const main = document.getElementById("main") ?? document.body;
    toggle = document.createElement("button");
    toggle.id = "players-toggle";
    toggle.type = "button";
    toggle.className = "players-toggle";
    toggle.textContent = "Players";
    toggle.addEventListener("click", () => hostStore.set({ panelOpen: !hostStore.get().panelOpen }));
    panel = document.createElement("section");
    panel.id = "player-panel";
    panel.className = "player-panel";
    panel.setAttribute("aria-label", "Players");
    panel.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest("button");
      const id = button?.dataset.player;
      const action = button?.dataset.action;
      if (!id || !action) return;
      const player = hostStore.get().game?.players.find((p) => p.id === id);
      if (!player) return;
      if (action === "remove") removeWithUndo(id, player.name);
      else if (action.startsWith("time-")) grantExtraTime(id, Number(action.slice(5)) as 1 | 1.5 | 2);
    });
    main.append(toggle, panel);
  }
  return { toggle, panel };
}

/** Shows the toggle while a game runs (after the lobby, which has its own list), and the panel when open. */
export function showPlayerPanel(model: HostModel): void {
  const game = model.game;
  const inGame = model.stage === "game" && game !== undefined && game.phase !== "lobby" && game.phase !== "ended";
  const { toggle, panel } = parts();
  toggle.hidden = !inGame;
  toggle.setAttribute("aria-expanded", String(inGame && model.panelOpen));
  toggle.setAttribute("aria-controls", "player-panel");
  const open = inGame && model.panelOpen;
  panel.hidden = !open;
  if (!open || !game) {
    if (drawn) panel.replaceChildren(); // nothing about accommodations stays in the page when closed
    drawn = "";
    return;
  }
  const pending = new Set(model.pendingRemovals.map((p) => p.playerId));
  const rows = game.players.map((p) => ({
    id: p.id,
    name: p.name,
    time: p.extraTime,
    on: p.connected,
    gone: pending.has(p.id),
  }));
  const key = JSON.stringify(rows);
  if (key === drawn) return;
  drawn = key;
  const heading = document.createElement("h2");
  heading.textContent = `Players (${rows.length})`;
  const list = document.createElement("ul");
  for (const row of rows) {
    const item = document.createElement("li");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = row.on ? row.name : `${row.name} (offline)`;
    item.append(name);
    for (const [factor, label] of [
      [1, "Normal time"],
      [1.5, "×1.5"],
      [2, "×2"],
    ] as const) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.player = row.id;
      button.dataset.action = `time-${factor}`;
      button.textContent = label;
      button.setAttribute("aria-pressed", String(row.time === factor));
      button.setAttribute(
        "aria-label",
        `${label === "Normal time" ? "Normal time" : `Extra time ${label}`} for ${row.name}`,
      );
      item.append(button);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "bad";
    remove.dataset.player = row.id;
    remove.dataset.action = "remove";
    remove.textContent = row.gone ? "Removing…" : "Remove";
    remove.disabled = row.gone;
    remove.setAttribute("aria-label", `Remove ${row.name}`);
    item.append(remove);
    list.append(item);
  }
  panel.replaceChildren(heading, list);
}
