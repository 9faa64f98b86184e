import { undoRemoval } from "./host-controller.ts";
import type { HostModel } from "./host-model.ts";

/**
 * The strip that says "Ben will be removed in 8 s · Undo" while a removal can still be taken back.
 * It is plain HTML (a status region with real buttons) and counts down on its own.
 */
let ticker: ReturnType<typeof setInterval> | undefined;
let shown: HostModel["pendingRemovals"] = [];

function bar(): HTMLElement {
  let el = document.getElementById("undo-bar");
  if (!el) {
    el = document.createElement("div");
    el.id = "undo-bar";
    el.className = "undo-bar";
    el.setAttribute("role", "status");
    el.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest("button");
      if (button?.dataset.id) undoRemoval(button.dataset.id);
    });
    (document.getElementById("main") ?? document.body).append(el);
  }
  return el;
}

function paint(): void {
  const el = bar();
  el.hidden = shown.length === 0;
  el.replaceChildren(
    ...shown.map((pending) => {
      const row = document.createElement("div");
      const seconds = Math.max(0, Math.ceil((pending.until - Date.now()) / 1000));
      const text = document.createElement("span");
      text.textContent = `${pending.name} will be removed in ${seconds} s`;
      const undo = document.createElement("button");
      undo.type = "button";
      undo.dataset.id = pending.playerId;
      undo.textContent = "Undo";
      undo.setAttribute("aria-label", `Undo removing ${pending.name}`);
      row.append(text, undo);
      return row;
    }),
  );
}

/** Shows the removals that can still be undone (none: the strip hides). */
export function showUndoBar(pending: HostModel["pendingRemovals"]): void {
  if (JSON.stringify(pending) === JSON.stringify(shown)) return;
  shown = pending;
  paint();
  if (shown.length > 0 && !ticker) ticker = setInterval(paint, 1000);
  if (shown.length === 0 && ticker) {
    clearInterval(ticker);
    ticker = undefined;
  }
}
