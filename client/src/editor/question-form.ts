import { DEFAULT_TIME_LIMIT_SEC, formatPath, QUESTION_TYPES, type QuestionType } from "@handsup/shared";
import { imageUrl } from "./api.ts";
import { h } from "./dom.ts";
import {
  changeType,
  correctOptions,
  isQuestionType,
  numberFromField,
  plainValue,
  type RawQuestion,
  setCorrectOptions,
  setOptional,
  TYPE_LABELS,
  textList,
  textOf,
  typeHasField,
} from "./raw-bank.ts";

export interface QuestionFormContext {
  bankId: string;
  question: RawQuestion;
  index: number;
  /** The data changed (typing): validate, preview, mark unsaved. */
  changed(): void;
  /** The shape changed (a type, an option added): the form is drawn again. */
  restructured(next?: RawQuestion): void;
  uploadImage(file: File): Promise<{ src: string } | undefined>;
}

const LIST_LIMITS: Record<string, { min: number; max: number; label: string; add: string }> = {
  options: { min: 2, max: 6, label: "Answers", add: "+ Add an answer" },
  accepted: { min: 1, max: 20, label: "Answers to accept", add: "+ Accept another answer" },
  items: { min: 3, max: 6, label: "Items, in the right order", add: "+ Add an item" },
};

/** The form for one question: its type's answer fields first, then explanation, picture and settings. */
export function renderQuestionForm(context: QuestionFormContext): HTMLElement {
  const { question, index } = context;
  const type: QuestionType = isQuestionType(question.type) ? question.type : "multiple-choice";
  const path = (...keys: (string | number)[]) => formatPath(["questions", index, ...keys]);

  const typeSelect = h(
    "select",
    {
      id: "question-type",
      onchange: () =>
        context.restructured(changeType(question, typeSelect.value as QuestionType, { id: context.bankId })),
    },
    ...QUESTION_TYPES.map((t) => h("option", { value: t, selected: t === type }, TYPE_LABELS[t])),
  );

  const form = h(
    "div",
    { class: "question-form", "data-question": index },
    h(
      "div",
      { class: "field-row" },
      h("label", { class: "field grow", "data-path": path("type") }, "Question type", typeSelect),
    ),
    textArea(
      "Question",
      path("prompt"),
      textOf(question.prompt),
      (value) => {
        question.prompt = value;
        context.changed();
      },
      { id: "question-prompt", placeholder: "What students are asked. Maths between dollars: $x^2$", rows: 2 },
    ),
    answerFields(type, context, path),
    textArea(
      "Explanation (shown when the answer is revealed)",
      path("explanation"),
      textOf(question.explanation),
      (value) => {
        question.explanation = value;
        context.changed();
      },
      { id: "question-explanation", rows: 2, placeholder: "A sentence or two that teaches why." },
    ),
    typeHasField(type, "image") ? pictureField(context, path) : undefined,
    settingsFields(type, context, path),
  );
  return form;
}

function textArea(
  label: string,
  dataPath: string,
  value: string,
  onInput: (value: string) => void,
  options: { id: string; rows: number; placeholder: string },
): HTMLElement {
  const area = h("textarea", { id: options.id, rows: options.rows, placeholder: options.placeholder });
  area.value = value;
  area.addEventListener("input", () => onInput(area.value));
  return h("label", { class: "field", "data-path": dataPath }, label, area);
}

function textInput(
  label: string,
  dataPath: string,
  value: string,
  onInput: (value: string) => void,
  attributes: Record<string, string> = {},
): HTMLElement {
  const input = h("input", { type: "text", ...attributes });
  input.value = value;
  input.addEventListener("input", () => onInput(input.value));
  return h("label", { class: "field", "data-path": dataPath }, label, input);
}

function answerFields(
  type: QuestionType,
  context: QuestionFormContext,
  path: (...keys: (string | number)[]) => string,
) {
  const { question } = context;
  switch (type) {
    case "multiple-choice":
      return listField("options", context, path, true);
    case "true-false":
      return h(
        "fieldset",
        { class: "field", "data-path": path("correct") },
        h("legend", {}, "The statement is"),
        ...[true, false].map((value) =>
          h(
            "label",
            { class: "check" },
            h("input", {
              type: "radio",
              name: `tf-${context.index}`,
              value: String(value),
              checked: question.correct === value,
              onchange: () => {
                question.correct = value;
                context.changed();
              },
            }),
            value ? "True" : "False",
          ),
        ),
      );
    case "type-answer":
      return h(
        "div",
        {},
        listField("accepted", context, path, false),
        h(
          "label",
          { class: "field", "data-path": path("typoTolerance") },
          "Forgive spelling mistakes",
          selectOf(
            "typo-tolerance",
            [
              ["0", "No: exact answers only (capitals, accents and spaces never matter)"],
              ["1", "1 wrong, missing or extra letter"],
              ["2", "2 letters"],
            ],
            textOf(question.typoTolerance ?? 0),
            (value) => {
              setOptional(question, "typoTolerance", value === "0" ? undefined : Number(value));
              context.changed();
            },
          ),
        ),
      );
    case "numeric":
      return h(
        "div",
        { class: "field-row" },
        numberField("Correct answer", path("correct"), question.correct, "numeric-correct", (value) => {
          question.correct = value ?? "";
          context.changed();
        }),
        numberField(
          "Accept answers this far off",
          path("tolerance"),
          question.tolerance,
          "numeric-tolerance",
          (value) => {
            setOptional(question, "tolerance", value === 0 ? undefined : value);
            context.changed();
          },
        ),
        textInput(
          "Unit (optional)",
          path("unit"),
          textOf(question.unit),
          (value) => {
            setOptional(question, "unit", value.trim());
            context.changed();
          },
          { id: "numeric-unit", placeholder: "e.g. km" },
        ),
      );
    case "ordering":
      return listField("items", context, path, false);
  }
}

function numberField(
  label: string,
  dataPath: string,
  value: unknown,
  id: string,
  onInput: (value: number | string | undefined) => void,
): HTMLElement {
  const input = h("input", { type: "text", inputmode: "decimal", id });
  input.value = value === undefined ? "" : String(value);
  input.addEventListener("input", () => onInput(numberFromField(input.value)));
  return h("label", { class: "field", "data-path": dataPath }, label, input);
}

function selectOf(id: string, choices: [string, string][], value: string, onChange: (value: string) => void) {
  const select = h(
    "select",
    { id },
    ...choices.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
  );
  select.addEventListener("change", () => onChange(select.value));
  return select;
}

/** Options, accepted answers or ordering items: one text box each, with add, remove and (for items) move. */
function listField(
  key: "options" | "accepted" | "items",
  context: QuestionFormContext,
  path: (...keys: (string | number)[]) => string,
  withCorrect: boolean,
): HTMLElement {
  const { question } = context;
  const limits = LIST_LIMITS[key]!;
  const values = textList(question[key]);
  const write = () => {
    question[key] = values.map(plainValue);
  };
  const rows = values.map((value, i) => {
    const input = h("input", {
      type: "text",
      class: `list-input ${key}-input`,
      "aria-label": `${limits.label} ${i + 1}`,
    });
    input.value = value;
    input.addEventListener("input", () => {
      const before = values[i]!;
      values[i] = input.value;
      write();
      // Keep the correct answer ticked when its text is edited.
      if (withCorrect) {
        const correct = correctOptions(question);
        if (correct.includes(before))
          setCorrectOptions(
            question,
            correct.map((c) => (c === before ? input.value : c)),
          );
      }
      context.changed();
    });
    const correctBox = withCorrect
      ? h("input", {
          type: "checkbox",
          class: "correct-box",
          "aria-label": `Answer ${i + 1} is right`,
          title: "Tick every right answer",
          checked: correctOptions(question).includes(value) && value !== "",
          onchange: (event: Event) => {
            const ticked = (event.target as HTMLInputElement).checked;
            const others = correctOptions(question).filter((c) => c !== values[i]);
            setCorrectOptions(question, ticked ? [...others, values[i]!] : others);
            // Keep the file's order: correct answers listed as the options are.
            setCorrectOptions(
              question,
              values.filter((v) => correctOptions(question).includes(v)),
            );
            context.changed();
          },
        })
      : undefined;
    const move = (delta: number) => () => {
      const j = i + delta;
      if (j < 0 || j >= values.length) return;
      [values[i], values[j]] = [values[j]!, values[i]!];
      write();
      context.restructured();
    };
    return h(
      "div",
      { class: "list-row", "data-path": path(key, i) },
      correctBox,
      input,
      key === "items"
        ? h("button", { type: "button", class: "icon", "aria-label": `Move item ${i + 1} up`, onclick: move(-1) }, "↑")
        : undefined,
      key === "items"
        ? h("button", { type: "button", class: "icon", "aria-label": `Move item ${i + 1} down`, onclick: move(1) }, "↓")
        : undefined,
      h(
        "button",
        {
          type: "button",
          class: "icon",
          "aria-label": `Remove ${limits.label.toLowerCase()} ${i + 1}`,
          disabled: values.length <= limits.min,
          onclick: () => {
            const [removed] = values.splice(i, 1);
            write();
            if (withCorrect)
              setCorrectOptions(
                question,
                correctOptions(question).filter((c) => c !== removed),
              );
            context.restructured();
          },
        },
        "✕",
      ),
    );
  });
  return h(
    "fieldset",
    { class: "field list-field", "data-path": path(key) },
    h("legend", {}, limits.label, withCorrect ? h("small", {}, " — tick the right one(s)") : undefined),
    withCorrect ? h("div", { class: "field-anchor", "data-path": path("correct") }) : undefined,
    ...rows,
    values.length < limits.max
      ? h(
          "button",
          {
            type: "button",
            class: "secondary add",
            id: `add-${key}`,
            onclick: () => {
              values.push("");
              write();
              context.restructured();
            },
          },
          limits.add,
        )
      : undefined,
  );
}

function pictureField(context: QuestionFormContext, path: (...keys: (string | number)[]) => string): HTMLElement {
  const { question } = context;
  const image = (question.image ?? undefined) as { src?: unknown; alt?: unknown } | undefined;
  const status = h("span", { class: "upload-status", role: "status" });
  const fileInput = h("input", { type: "file", accept: "image/*", id: "image-file", class: "visually-hidden" });
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    status.textContent = "Uploading…";
    const stored = await context.uploadImage(file);
    if (!stored) {
      status.textContent = "";
      return;
    }
    question.image = { src: stored.src, alt: textOf(image?.alt) };
    context.restructured();
    // The description is required: take the teacher straight to it.
    const alt = document.getElementById("image-alt");
    alt?.scrollIntoView({ block: "center" });
    alt?.focus();
  });
  const chooser = h(
    "label",
    { class: "button secondary", for: "image-file" },
    image ? "Replace picture…" : "Add a picture…",
  );
  if (!image) {
    return h(
      "fieldset",
      { class: "field", "data-path": path("image") },
      h("legend", {}, "Picture (optional)"),
      fileInput,
      chooser,
      status,
    );
  }
  const alt = h("input", {
    type: "text",
    id: "image-alt",
    placeholder: "What the picture shows, for students who cannot see it",
  });
  alt.value = textOf(image.alt);
  alt.addEventListener("input", () => {
    question.image = { ...image, alt: alt.value };
    context.changed();
  });
  return h(
    "fieldset",
    { class: "field picture-field", "data-path": path("image") },
    h("legend", {}, "Picture"),
    typeof image.src === "string"
      ? h("img", { class: "picture-thumb", src: imageUrl(context.bankId, image.src), alt: textOf(image.alt) })
      : undefined,
    h("label", { class: "field", "data-path": path("image", "alt") }, "Description (alt text, required)", alt),
    h(
      "div",
      { class: "row" },
      fileInput,
      chooser,
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            delete question.image;
            context.restructured();
          },
        },
        "Remove picture",
      ),
      status,
    ),
  );
}

function settingsFields(
  type: QuestionType,
  context: QuestionFormContext,
  path: (...keys: (string | number)[]) => string,
) {
  const { question } = context;
  const defaultSeconds = DEFAULT_TIME_LIMIT_SEC[type];
  return h(
    "details",
    { class: "settings", open: hasSettings(question) },
    h("summary", {}, "More settings: time, points, difficulty, tags, id"),
    h(
      "div",
      { class: "field-row" },
      numberField(
        `Time limit, seconds (blank: ${defaultSeconds})`,
        path("timeLimitSec"),
        question.timeLimitSec,
        "time-limit",
        (value) => {
          setOptional(question, "timeLimitSec", value);
          context.changed();
        },
      ),
      h(
        "label",
        { class: "field", "data-path": path("points") },
        "Points",
        selectOf(
          "points",
          [
            ["standard", "Standard (1000)"],
            ["double", "Double (2000)"],
          ],
          textOf(question.points ?? "standard"),
          (value) => {
            setOptional(question, "points", value === "standard" ? undefined : value);
            context.changed();
          },
        ),
      ),
      h(
        "label",
        { class: "field", "data-path": path("difficulty") },
        "Difficulty",
        selectOf(
          "difficulty",
          [
            ["1", "1 (easy)"],
            ["2", "2"],
            ["3", "3 (hard)"],
          ],
          textOf(question.difficulty ?? 2),
          (value) => {
            setOptional(question, "difficulty", value === "2" ? undefined : Number(value));
            context.changed();
          },
        ),
      ),
    ),
    h(
      "div",
      { class: "field-row" },
      textInput(
        "Tags (comma separated)",
        path("tags"),
        textList(question.tags).join(", "),
        (value) => {
          setOptional(
            question,
            "tags",
            value
              .split(",")
              .map((tag) => tag.trim())
              .filter(Boolean),
          );
          context.changed();
        },
        { id: "question-tags" },
      ),
      typeHasField(type, "group")
        ? textInput(
            "Group (at most one question of a group per game)",
            path("group"),
            textOf(question.group),
            (value) => {
              setOptional(question, "group", value.trim());
              context.changed();
            },
            { id: "question-group" },
          )
        : undefined,
      textInput(
        "Source",
        path("source"),
        textOf(question.source),
        (value) => {
          setOptional(question, "source", value.trim());
          context.changed();
        },
        { id: "question-source", placeholder: "e.g. 1.1" },
      ),
      textInput(
        "Id (results refer to it: change it only before first use)",
        path("id"),
        textOf(question.id),
        (value) => {
          question.id = value.trim();
          context.changed();
        },
        { id: "question-id" },
      ),
    ),
    type === "multiple-choice" && typeHasField(type, "shuffle")
      ? h(
          "label",
          { class: "check", "data-path": path("shuffle") },
          h("input", {
            type: "checkbox",
            id: "question-shuffle",
            checked: question.shuffle !== false,
            onchange: (event: Event) => {
              setOptional(question, "shuffle", (event.target as HTMLInputElement).checked ? undefined : false);
              context.changed();
            },
          }),
          "Shuffle the answers in each game (untick for “all of the above”)",
        )
      : undefined,
  );
}

function hasSettings(question: RawQuestion): boolean {
  return ["timeLimitSec", "points", "difficulty", "tags", "source", "group", "shuffle"].some((key) => key in question);
}
