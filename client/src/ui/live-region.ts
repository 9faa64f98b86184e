/** Mirrors what the screen says into the page's polite ARIA live region (screen readers, and tests). */
export function announce(text: string): void {
  const live = document.getElementById("live");
  if (live && live.textContent !== text) live.textContent = text;
}

/**
 * Says a one-off sentence (the time left, an item moved) in a second live region, so the screen's
 * own announcement in the first one is not overwritten and re-read at the next redraw.
 */
export function announceNow(text: string): void {
  const live = document.getElementById("live-now");
  if (!live) return;
  // The same sentence twice in a row (asking the time twice) must be read twice: clear, then set.
  live.textContent = "";
  setTimeout(() => {
    live.textContent = text;
  }, 30);
}
