import { addFittedText } from "../ui/text.ts";
import { PALETTE } from "../ui/theme.ts";
import { Toolbar, type ToolbarItem } from "../ui/toolbar.ts";
import { ViewScene } from "../ui/view-scene.ts";
import { hostAction } from "./host-actions.ts";

/** The projector is drawn on a fixed 1920×1080 stage, scaled to fit the screen. */
export const STAGE = { width: 1920, height: 1080 } as const;

/** A projector scene: a header line, the scene's drawing, and a toolbar of real buttons at the bottom. */
export abstract class HostScene<VM extends { toolbar?: ToolbarItem[] }> extends ViewScene<VM> {
  protected toolbar: Toolbar | undefined;

  protected override build(): void {
    this.toolbar = new Toolbar(this, hostAction);
  }

  protected override teardown(): void {
    this.toolbar = undefined;
  }

  /** Draws the small grey line at the top left (question number, round). */
  protected header(text: string): void {
    this.layer.add(
      addFittedText(this, 60, 28, text, {
        maxWidth: 1400,
        maxHeight: 50,
        maxSize: 36,
        color: PALETTE.textMuted,
        bold: true,
        align: "left",
      }),
    );
  }

  /** Places the toolbar's buttons along the bottom edge. */
  protected tools(items: readonly ToolbarItem[] | undefined): void {
    this.toolbar?.update(items ?? [], STAGE.width / 2, STAGE.height - 100);
  }
}
