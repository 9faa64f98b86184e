import { DEFAULT_TIME_LIMIT_SEC } from "@handsup/shared";
import { mathsToHtml } from "../ui/maths.ts";
import { answerStyle } from "../ui/theme.ts";
import { imageUrl } from "./api.ts";
import { h } from "./dom.ts";
import { correctOptions, isQuestionType, type RawQuestion, TYPE_LABELS, textList, textOf } from "./raw-bank.ts";

/** Shapes drawn beside each option letter, as the game draws them (colour is never the only cue). */
const SHAPE_GLYPHS: Record<string, string> = {
  triangle: "▲",
  diamond: "◆",
  circle: "●",
  square: "■",
  star: "★",
  hexagon: "⬢",
};

function maths(tag: "div" | "span", className: string, text: string): HTMLElement {
  const element = h(tag, { class: className });
  element.innerHTML = mathsToHtml(text);
  return element;
}

function picture(bankId: string, question: RawQuestion, className: string): HTMLElement | undefined {
  const image = question.image as { src?: unknown; alt?: unknown } | undefined;
  if (!image || typeof image.src !== "string" || image.src === "") return undefined;
  return h("img", { class: className, src: imageUrl(bankId, image.src), alt: textOf(image.alt) });
}

/**
 * The question as the projector and a phone will show it while it is open: the same colours, letters and shapes,
 * maths typeset, the picture large beside the prompt. Options appear in bank order here; the game shuffles them.
 */
export function renderPreview(
  bankId: string,
  question: RawQuestion | undefined,
  index: number,
  total: number,
): HTMLElement {
  if (!question) return h("div", { class: "preview-empty" }, "Choose or add a question to see it here.");
  const type = isQuestionType(question.type) ? question.type : "multiple-choice";
  const seconds = typeof question.timeLimitSec === "number" ? question.timeLimitSec : DEFAULT_TIME_LIMIT_SEC[type];
  const prompt = textOf(question.prompt) || "(the question)";
  const options = type === "true-false" ? ["True", "False"] : textList(question.options);
  const multi = type === "multiple-choice" && correctOptions(question).length > 1;

  const projectorAnswers = (() => {
    switch (type) {
      case "multiple-choice":
      case "true-false":
        return h(
          "div",
          { class: `p-options count-${options.length}` },
          ...options.map((option, i) => {
            const style = answerStyle(i);
            return h(
              "div",
              { class: "p-option", style: `background:${style.colorCss}` },
              h("span", { class: "p-letter" }, `${SHAPE_GLYPHS[style.shape] ?? ""} ${style.letter}`),
              maths("span", "p-option-text", option || "…"),
            );
          }),
        );
      case "type-answer":
        return h("div", { class: "p-hint" }, "Students type their answer on their phones.");
      case "numeric":
        return h(
          "div",
          { class: "p-hint" },
          `Students type a number${question.unit ? ` (${textOf(question.unit)})` : ""}.`,
        );
      case "ordering":
        return h(
          "div",
          { class: "p-hint" },
          `Students put ${textList(question.items).length} items in order on their phones.`,
        );
    }
  })();
  const projectorImage = picture(bankId, question, "p-image");
  const projector = h(
    "figure",
    { class: "preview-projector", "aria-label": "Projector preview" },
    h(
      "div",
      { class: "p-screen" },
      h(
        "div",
        { class: "p-header" },
        `Question ${index + 1} of ${total}`,
        h("span", { class: "p-timer" }, `${seconds}`),
      ),
      h(
        "div",
        { class: projectorImage ? "p-body with-image" : "p-body" },
        h("div", { class: "p-text" }, maths("div", "p-prompt", prompt)),
        projectorImage,
      ),
      projectorAnswers,
    ),
    h("figcaption", {}, "Projector"),
  );

  const phoneControls = (() => {
    switch (type) {
      case "multiple-choice":
      case "true-false":
        return h(
          "div",
          { class: "ph-options" },
          ...options.map((option, i) => {
            const style = answerStyle(i);
            return h(
              "div",
              { class: "ph-option", style: `background:${style.colorCss}` },
              h("span", { class: "ph-letter" }, `${SHAPE_GLYPHS[style.shape] ?? ""} ${style.letter}`),
              maths("span", "ph-option-text", option || "…"),
            );
          }),
          multi ? h("div", { class: "ph-submit" }, "Submit") : undefined,
        );
      case "type-answer":
        return h(
          "div",
          { class: "ph-field" },
          h("span", { class: "ph-input" }, "Type your answer"),
          h("span", { class: "ph-submit" }, "Send"),
        );
      case "numeric":
        return h(
          "div",
          { class: "ph-field" },
          h("span", { class: "ph-input" }, "0"),
          question.unit ? h("span", { class: "ph-unit" }, textOf(question.unit)) : undefined,
          h("span", { class: "ph-submit" }, "Send"),
        );
      case "ordering":
        return h(
          "ol",
          { class: "ph-order" },
          ...[...textList(question.items)].reverse().map((item) => h("li", {}, maths("span", "", item || "…"))),
        );
    }
  })();
  const instruction = multi
    ? "Pick all that are right"
    : type === "ordering"
      ? "Drag into order (shuffled in the game)"
      : TYPE_LABELS[type];
  const phone = h(
    "figure",
    { class: "preview-phone", "aria-label": "Phone preview" },
    h(
      "div",
      { class: "ph-screen" },
      h("div", { class: "ph-header" }, `Q${index + 1} · ${seconds}s`),
      maths("div", "ph-prompt", prompt),
      picture(bankId, question, "ph-image"),
      h("div", { class: "ph-instruction" }, instruction),
      phoneControls,
    ),
    h("figcaption", {}, "Phone (with “show question on phones” on)"),
  );
  const note =
    type === "multiple-choice" && question.shuffle !== false
      ? h(
          "p",
          { class: "preview-note" },
          "Each game shows the options in its own shuffled order, the same on every screen.",
        )
      : undefined;
  return h("div", { class: "preview" }, projector, phone, note);
}
