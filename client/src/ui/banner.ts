/** A strip across the top of the page ("Reconnecting…"); hidden when the message is empty. */
export function showBanner(message: string): void {
  let banner = document.getElementById("banner");
  if (!banner) {
    banner = document.createElement("div");
    banner.id = "banner";
    banner.className = "banner";
    banner.setAttribute("role", "status");
    document.body.append(banner);
  }
  banner.textContent = message;
  banner.hidden = message === "";
}
