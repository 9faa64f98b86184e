import type { ConnectionStatus } from "../net/connection.ts";

/** The banner's text for a connection state: only a dropped connection being retried shows one. */
export function connectionBanner(status: ConnectionStatus): string {
  return status === "reconnecting" ? "Reconnecting…" : "";
}

/** A strip across the top of the page ("Reconnecting…"); hidden when the message is empty. */
export function showBanner(message: string): void {
  let banner = document.getElementById("banner");
  if (!banner) {
    banner = document.createElement("div");
    banner.id = "banner";
    banner.className = "banner";
    banner.setAttribute("role", "status");
    (document.getElementById("main") ?? document.body).append(banner);
  }
  banner.textContent = message;
  const shown = message !== "";
  banner.hidden = !shown;
  if (document.body.classList.contains("reconnecting") !== shown) {
    // The game makes room for the banner (so it covers neither the timer nor the toolbar) and lays itself out again.
    document.body.classList.toggle("reconnecting", shown);
    window.dispatchEvent(new Event("resize"));
  }
}
