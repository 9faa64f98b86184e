import type * as Phaser from "phaser";
import QRCode from "qrcode";
import { addHtml, htmlOf } from "../ui/dom.ts";
import { addFittedText, textStyle } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { HostScene, STAGE } from "./HostScene.ts";
import { command } from "./host-controller.ts";
import type { LobbyView } from "./host-view.ts";

/** Waiting for students: the join code huge, the URL and a QR code, names appearing live (click one to remove). */
export class HostLobbyScene extends HostScene<LobbyView> {
  private qr: Phaser.GameObjects.DOMElement | undefined;
  private chips: Phaser.GameObjects.DOMElement | undefined;
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
    chips.setAttribute("aria-label", "Players (click a name to remove them)");
    chips.addEventListener("click", (event) => {
      const chip = (event.target as HTMLElement).closest("button");
      const id = chip?.dataset.id;
      if (id && window.confirm(`Remove ${chip.textContent} from the game?`)) command("kick", { playerId: id });
    });
    this.chips = addHtml(this, STAGE.width / 2, 600, chips).setOrigin(0.5, 0);
  }

  protected override teardown(): void {
    super.teardown();
    this.qr = undefined;
    this.chips = undefined;
    this.qrFor = "";
  }

  protected draw(view: LobbyView): void {
    this.layer.add(this.add.text(60, 40, "Join at", textStyle(40, PALETTE.textMuted, true)));
    this.layer.add(
      addFittedText(this, 60, 95, view.joinUrl, {
        maxWidth: 1240,
        maxHeight: 70,
        maxSize: 56,
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
          chip.textContent = p.name;
          chip.title = `Remove ${p.name}`;
          return chip;
        }),
      );
      this.chips?.updateSize();
    }
    this.tools(view.toolbar);
  }
}
