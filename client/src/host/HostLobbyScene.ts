import type * as Phaser from "phaser";
import QRCode from "qrcode";
import { addHtml, htmlOf } from "../ui/dom.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { HostScene, STAGE } from "./HostScene.ts";
import { grantExtraTime, removeWithUndo } from "./host-controller.ts";
import type { LobbyView } from "./host-view.ts";

const CHIPS_TOP = 600;
const CHIPS_WIDTH = 1780;

/**
 * Waiting for students: the join code huge, the URL and a QR code, names appearing live. Clicking a
 * name opens a small menu: extra time (×1.5, ×2, back to normal) or remove the student.
 */
export class HostLobbyScene extends HostScene<LobbyView> {
  private qr: Phaser.GameObjects.DOMElement | undefined;
  private chips: Phaser.GameObjects.DOMElement | undefined;
  private menu: Phaser.GameObjects.DOMElement | undefined;
  /** the student whose menu is open ("" = none): a passing UI state, like a dropdown's */
  private menuFor = "";
  private qrFor = "";

  constructor() {
    super("HostLobbyScene");
  }

  protected override build(): void {
    super.build();
    const img = document.createElement("img");
    img.className = "qr";
    img.id = "join-qr";
    img.alt = "QR code with the join link";
    this.qr = this.add.dom(1540, 130, img).setOrigin(0.5, 0);
    const chips = document.createElement("div");
    chips.className = "player-chips";
    chips.setAttribute("role", "group");
    chips.setAttribute("aria-label", "Players (click a name for options)");
    chips.addEventListener("click", (event) => {
      const chip = (event.target as HTMLElement).closest("button");
      const id = chip?.dataset.id ?? "";
      this.menuFor = this.menuFor === id ? "" : id;
      if (this.view) this.placeMenu(this.view);
    });
    this.chips = addHtml(this, STAGE.width / 2, CHIPS_TOP, chips).setOrigin(0.5, 0);
    const menu = document.createElement("div");
    menu.className = "player-menu";
    menu.setAttribute("role", "menu");
    menu.addEventListener("click", (event) => {
      const item = (event.target as HTMLElement).closest("button");
      const player = this.view?.players.find((p) => p.id === this.menuFor);
      if (!item || !player) return;
      const action = item.dataset.action;
      if (action === "remove") removeWithUndo(player.id, player.name);
      else if (action?.startsWith("time-")) grantExtraTime(player.id, Number(action.slice(5)) as 1 | 1.5 | 2);
      this.menuFor = "";
      if (this.view) this.placeMenu(this.view);
    });
    this.menu = addHtml(this, 0, 0, menu).setOrigin(0, 0);
    htmlOf(this.menu).hidden = true;
  }

  protected override teardown(): void {
    super.teardown();
    this.qr = undefined;
    this.chips = undefined;
    this.menu = undefined;
    this.menuFor = "";
    this.qrFor = "";
  }

  protected draw(view: LobbyView): void {
    this.layer.add(this.add.text(60, 40, "Join at", textStyle(40, PALETTE.textMuted, true)));
    this.layer.add(
      addFittedText(this, 60, 95, view.joinUrl, {
        maxWidth: 1240,
        maxHeight: 70,
        maxSize: 56,
        minSize: 28,
        bold: true,
        align: "left",
      }),
    );
    this.layer.add(this.add.text(60, 190, "Game code", textStyle(40, PALETTE.textMuted, true)));
    this.layer.add(this.add.text(50, 230, view.code, textStyle(230, PALETTE.accentCss, true)).setLetterSpacing(18));
    const count = view.players.length;
    this.layer.add(
      this.add
        .text(
          STAGE.width / 2,
          540,
          count === 0 ? "Waiting for players…" : `${count} player${count === 1 ? "" : "s"}`,
          textStyle(44, "#ffffff", true),
        )
        .setOrigin(0.5, 0),
    );
    if (view.locked) {
      this.layer.add(
        this.add.text(1540, 500, "Joining is locked", textStyle(34, PALETTE.badCss, true)).setOrigin(0.5, 0),
      );
    }
    if (view.warning) {
      this.layer.add(
        addFittedText(this, 60, 480, view.warning, {
          maxWidth: 1200,
          maxHeight: 50,
          maxSize: 26,
          color: PALETTE.accentCss,
          align: "left",
        }),
      );
    }
    if (this.qr && this.qrFor !== view.joinUrl) {
      this.qrFor = view.joinUrl;
      const img = this.qr.node as HTMLImageElement;
      img.dataset.url = view.joinUrl;
      void QRCode.toDataURL(view.joinUrl, { margin: 1, width: 336, errorCorrectionLevel: "M" }).then((url) => {
        img.src = url;
      });
    }
    const chips = this.chips ? htmlOf(this.chips) : undefined;
    if (chips) {
      chips.replaceChildren(
        ...view.players.map((p) => {
          const chip = document.createElement("button");
          chip.type = "button";
          chip.dataset.id = p.id;
          chip.textContent = p.label;
          chip.setAttribute("aria-haspopup", "menu");
          if (!p.connected) chip.className = "offline"; // the projector shows that a phone dropped
          return chip;
        }),
      );
      this.chips?.updateSize();
    }
    this.placeMenu(view);
    this.tools(view.toolbar);
  }

  /** Shows the open player's menu under their name, or hides it. */
  private placeMenu(view: LobbyView): void {
    if (!this.menu || !this.chips) return;
    const menu = htmlOf(this.menu);
    const player = view.players.find((p) => p.id === this.menuFor);
    const chip = htmlOf(this.chips).querySelector<HTMLElement>(`button[data-id="${CSS.escape(this.menuFor)}"]`);
    if (!player || !chip) {
      this.menuFor = "";
      menu.hidden = true;
      menu.replaceChildren(); // a closed menu leaves nothing behind (its items name accommodations)
      return;
    }
    const item = (action: string, label: string, checked: boolean) =>
      `<button type="button" role="menuitemradio" aria-checked="${checked}" data-action="${action}">${label}</button>`;
    menu.innerHTML = `<div class="player-menu-name"></div>
      ${item("time-1", "Normal time", player.extraTime === 1)}
      ${item("time-1.5", "Extra time ×1.5", player.extraTime === 1.5)}
      ${item("time-2", "Extra time ×2", player.extraTime === 2)}
      <button type="button" role="menuitem" class="bad" data-action="remove">Remove from game</button>`;
    menu.querySelector(".player-menu-name")!.textContent = player.name;
    menu.hidden = false;
    this.menu.updateSize();
    const left = STAGE.width / 2 - CHIPS_WIDTH / 2 + chip.offsetLeft;
    this.menu.setPosition(
      Math.min(left, STAGE.width - 20 - menu.offsetWidth),
      CHIPS_TOP + chip.offsetTop + chip.offsetHeight + 8,
    );
  }
}
