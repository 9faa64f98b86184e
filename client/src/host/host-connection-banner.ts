import type { RecentHostGame } from "../net/storage.ts";

/**
 * What the teacher sees when the game's connection is gone for good (not the short "Reconnecting…"
 * of a dropped socket, which the shared banner shows), and the list of their recent games on the
 * create screen. Plain DOM over the canvas, so it reads the same to a screen reader.
 */

export type HostConnectionNotice =
  | { kind: "none" }
  | { kind: "rejoining"; code: string; attempt: number; gameMissing: boolean; resultsUrl: string }
  | { kind: "stopped"; message: string; resultsUrl: string };

/** The banner's sentence for a notice (empty = hidden); pure, so it is tested without a page. */
export function hostConnectionText(notice: HostConnectionNotice): string {
  if (notice.kind === "none") return "";
  if (notice.kind === "stopped") return notice.message;
  if (notice.gameMissing) {
    return `Game ${notice.code} is not on the server right now (it may be restarting). Still trying to rejoin… (attempt ${notice.attempt})`;
  }
  return `Lost the connection to the game server. Rejoining game ${notice.code} by itself… (attempt ${notice.attempt})`;
}

function element(id: string, build: (el: HTMLElement) => void): HTMLElement {
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement("div");
    el.id = id;
    build(el);
    document.body.append(el);
  }
  return el;
}

/** Shows or hides the teacher's connection banner, with a link to the game's results so far. */
export function showHostConnection(notice: HostConnectionNotice): void {
  const banner = element("host-connection", (el) => {
    el.className = "banner";
    el.setAttribute("role", "alert");
    el.style.zIndex = "20";
  });
  const text = hostConnectionText(notice);
  banner.hidden = text === "";
  banner.replaceChildren();
  if (text === "" || notice.kind === "none") return;
  const sentence = document.createElement("span");
  sentence.textContent = `${text} `;
  const link = document.createElement("a");
  link.href = notice.resultsUrl;
  link.textContent = "Download the results so far";
  link.style.color = "inherit";
  banner.append(sentence, link);
}

/** The create screen's list of recent games with their report links (hidden when empty or in a game). */
export function showRecentGames(games: readonly RecentHostGame[], visible: boolean): void {
  const panel = element("recent-games", (el) => {
    el.setAttribute("role", "region");
    el.setAttribute("aria-label", "Your recent games");
    Object.assign(el.style, {
      position: "fixed",
      left: "12px",
      bottom: "12px",
      maxWidth: "420px",
      maxHeight: "40vh",
      overflowY: "auto",
      padding: "8px 12px",
      borderRadius: "8px",
      background: "rgba(0, 0, 0, 0.72)",
      color: "#fff",
      font: "14px/1.4 system-ui, sans-serif",
      zIndex: "10",
    });
  });
  panel.hidden = !visible || games.length === 0;
  if (panel.hidden) return;
  const heading = document.createElement("strong");
  heading.textContent = "Your recent games";
  const list = document.createElement("ul");
  list.style.margin = "4px 0 0";
  list.style.paddingLeft = "18px";
  for (const game of games) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `/api/games/${encodeURIComponent(game.code)}/results.csv?key=${encodeURIComponent(game.hostKey)}`;
    link.textContent = "results (CSV)";
    link.style.color = "inherit";
    const when = game.createdAt ? new Date(game.createdAt).toLocaleString() : "";
    item.append(`${game.code}${game.title ? ` · ${game.title}` : ""}${when ? ` · ${when}` : ""} · `, link);
    list.append(item);
  }
  panel.replaceChildren(heading, list);
}
