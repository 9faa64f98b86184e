import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { newYamlText, updateYamlText } from "../../server/src/editor/yaml-update.ts";

/** The editor's writer: only what changed is rewritten; the teacher's comments and layout stay. */
describe("updateYamlText", () => {
  const original = [
    "# Year 9 — keep me",
    "id: demo",
    "title: Demo # shown on the projector",
    "questions:",
    "  # the easy one",
    "  - id: a",
    "    type: true-false",
    "    prompt: 'Single quotes stay'",
    "    correct: true",
    "    explanation: Yes.",
    "  # the hard one",
    "  - id: b",
    "    type: multiple-choice",
    "    prompt: Pick",
    "    options: [1953, 1955, 1956]",
    "    correct: 1956",
    "    explanation: Because.",
    "    tags: [dates]",
    "",
  ].join("\n");

  it("writes the text back unchanged when nothing changed", () => {
    expect(updateYamlText(original, parse(original))).toBe(original);
  });

  it("renames a question in place, drops a removed field, adds a new one at the end", () => {
    const data = parse(original);
    data.questions[1].id = "b-renamed";
    delete data.questions[1].tags;
    data.questions[0].timeLimitSec = 15;
    data.questions[1].options.push(1957);
    expect(updateYamlText(original, data)).toBe(
      original
        .replace("  - id: b\n", "  - id: b-renamed\n")
        .replace("    tags: [dates]\n", "")
        .replace("    explanation: Yes.\n", "    explanation: Yes.\n    timeLimitSec: 15\n")
        .replace("[1953, 1955, 1956]", "[1953, 1955, 1956, 1957]"),
    );
  });

  it("moves comments with their question when questions are reordered or deleted", () => {
    const data = parse(original);
    data.questions.reverse();
    const reordered = updateYamlText(original, data);
    expect(reordered.indexOf("# the hard one")).toBeLessThan(reordered.indexOf("- id: b"));
    expect(reordered.indexOf("- id: b")).toBeLessThan(reordered.indexOf("# the easy one"));
    expect(reordered.indexOf("# the easy one")).toBeLessThan(reordered.indexOf("- id: a"));
    data.questions.pop();
    expect(updateYamlText(original, data)).not.toContain("# the easy one");
  });

  it("quotes a text that would otherwise read as another type", () => {
    const data = parse(original);
    data.questions[1].options[0] = "true";
    expect(updateYamlText(original, data)).toContain('options: ["true", 1955, 1956]');
    expect(parse(updateYamlText(original, data)).questions[1].options[0]).toBe("true");
  });

  it("writes a new bank in the hand-written style", () => {
    expect(
      newYamlText({ id: "x", title: "X", questions: [{ id: "q", type: "ordering", items: ["a", "b", "c"] }] }),
    ).toBe("id: x\ntitle: X\nquestions:\n  - id: q\n    type: ordering\n    items: [a, b, c]\n");
  });
});
