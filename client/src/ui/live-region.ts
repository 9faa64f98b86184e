/** Mirrors what the screen says into the page's polite ARIA live region (screen readers, and tests). */
export function announce(text: string): void {
  const live = document.getElementById("live");
  if (live && live.textContent !== text) live.textContent = text;
}
