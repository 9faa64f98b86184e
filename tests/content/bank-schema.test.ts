import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import {
  type Bank,
  DEFAULT_TIME_LIMIT_SEC,
  formatBankYaml,
  parseBank,
  parseBankObject,
  pointsValue,
} from "../../shared/src/content/index.ts";

type Draft = Record<string, unknown> & { questions: Record<string, unknown>[] };

/** A valid bank as plain data, one question of each type, with no optional fields; each case breaks one thing. */
function validDraft(): Draft {
  return {
    id: "cold-war",
    title: "Cold War basics",
    questions: [
      {
        id: "beria-germany",
        type: "multiple-choice",
        prompt: "Who proposed a neutral Germany in 1953?",
        options: ["Beria", "Malenkov", "Molotov"],
        correct: "Beria",
        explanation: "Beria did.",
      },
      {
        id: "treaty-1955",
        type: "true-false",
        prompt: "Austria's treaty was 1955.",
        correct: true,
        explanation: "Yes.",
      },
      { id: "porkkala", type: "type-answer", prompt: "Which base?", accepted: ["Porkkala"], explanation: "Porkkala." },
      { id: "army-cut", type: "numeric", prompt: "Cut, in millions?", correct: 2.1, explanation: "About 2.1 million." },
      {
        id: "thaw",
        type: "ordering",
        prompt: "Order these.",
        items: ["Stalin dies", "Treaty", "Speech"],
        explanation: "1953, 1955, 1956.",
      },
    ],
  };
}

function q(draft: Draft, index: number): Record<string, unknown> {
  const question = draft.questions[index];
  if (!question) throw new Error(`fixture has no question ${index}`);
  return question;
}

function setField(index: number, field: string, value: unknown) {
  return (draft: Draft) => {
    q(draft, index)[field] = value;
  };
}
function removeField(index: number, field: string) {
  return (draft: Draft) => {
    delete q(draft, index)[field];
  };
}
function setBankField(field: string, value: unknown) {
  return (draft: Draft) => {
    draft[field] = value;
  };
}
function removeBankField(field: string) {
  return (draft: Draft) => {
    delete draft[field];
  };
}

type BadCase = [rule: string, breakIt: (draft: Draft) => void, path: string, phrase: string];

const badCases: BadCase[] = [
  [
    "duplicate question id",
    setField(2, "id", "beria-germany"),
    "questions[2].id",
    'duplicate id "beria-germany": questions[0] already uses it',
  ],
  [
    "correct not among the options",
    setField(0, "correct", "Zhukov"),
    "questions[0].correct[0]",
    '"Zhukov" must be one of the options: Beria, Malenkov, Molotov',
  ],
  [
    "one of several correct answers not an option",
    setField(0, "correct", ["Beria", "Stalin"]),
    "questions[0].correct[1]",
    '"Stalin" must be one of the options',
  ],
  [
    "duplicate options",
    setField(0, "options", ["Beria", "Malenkov", "Beria"]),
    "questions[0].options[2]",
    '"Beria" appears twice in the options',
  ],
  [
    "ordering with duplicate items",
    setField(4, "items", ["Treaty", "Speech", "Treaty"]),
    "questions[4].items[2]",
    '"Treaty" appears twice in the items',
  ],
  ["numeric tolerance below zero", setField(3, "tolerance", -0.5), "questions[3].tolerance", "must be 0 or more"],
  [
    "unknown field with a near miss",
    setField(1, "explaination", "typo"),
    "questions[1].explaination",
    'unknown field "explaination" (did you mean "explanation"?)',
  ],
  [
    "unknown field at the top level",
    setBankField("titel", "x"),
    "titel",
    'unknown field "titel" (did you mean "title"?)',
  ],
  ["missing explanation", removeField(1, "explanation"), "questions[1].explanation", "is required"],
  ["explanation that is a list", setField(3, "explanation", ["a"]), "questions[3].explanation", "must be text"],
  ["missing title", removeBankField("title"), "title", "is required"],
  ["prompt that is a list", setField(0, "prompt", ["a", "b"]), "questions[0].prompt", "must be text"],
  ["true-false answer not a boolean", setField(1, "correct", "yes"), "questions[1].correct", "must be true or false"],
  ["numeric answer not a number", setField(3, "correct", "two"), "questions[3].correct", "must be a number"],
  ["time limit too long", setField(0, "timeLimitSec", 300), "questions[0].timeLimitSec", "must be at most 240"],
  ["time limit too short", setField(0, "timeLimitSec", 3), "questions[0].timeLimitSec", "must be at least 5"],
  [
    "time limit not whole",
    setField(0, "timeLimitSec", 12.5),
    "questions[0].timeLimitSec",
    "must be a whole number of seconds",
  ],
  [
    "points not standard or double",
    setField(2, "points", "triple"),
    "questions[2].points",
    "must be one of: standard, double",
  ],
  ["difficulty out of range", setField(2, "difficulty", 4), "questions[2].difficulty", "must be one of: 1, 2, 3"],
  ["typo tolerance above 2", setField(2, "typoTolerance", 3), "questions[2].typoTolerance", "must be one of: 0, 1, 2"],
  ["unknown question type", setField(0, "type", "essay"), "questions[0].type", '"essay" is not a question type'],
  ["missing question type", removeField(0, "type"), "questions[0].type", "is required: one of multiple-choice"],
  ["bank id not kebab-case", setBankField("id", "Cold War"), "id", "must be kebab-case"],
  ["question id not kebab-case", setField(1, "id", "Treaty_1955"), "questions[1].id", "must be kebab-case"],
  [
    "only one option",
    (d) => Object.assign(q(d, 0), { options: ["Beria"], correct: "Beria" }),
    "questions[0].options",
    "needs at least 2 entries",
  ],
  [
    "seven options",
    setField(0, "options", ["Beria", "a", "b", "c", "d", "e", "f"]),
    "questions[0].options",
    "can have at most 6 entries",
  ],
  [
    "ordering with two items",
    setField(4, "items", ["Treaty", "Speech"]),
    "questions[4].items",
    "needs at least 3 entries",
  ],
  ["no accepted answers", setField(2, "accepted", []), "questions[2].accepted", "needs at least 1 entry"],
  ["no questions", setBankField("questions", []), "questions", "needs at least 1 entry"],
  [
    "multiSelect false with two correct answers",
    (d) => Object.assign(q(d, 0), { correct: ["Beria", "Molotov"], multiSelect: false }),
    "questions[0].multiSelect",
    "is false, but 2 answers are correct",
  ],
  [
    "multiSelect not true or false",
    setField(0, "multiSelect", "yes"),
    "questions[0].multiSelect",
    "must be true or false",
  ],
  ["shuffle not true or false", setField(0, "shuffle", "no"), "questions[0].shuffle", "must be true or false"],
  [
    "shuffle on a true-false question",
    setField(1, "shuffle", false),
    "questions[1].shuffle",
    'unknown field "shuffle"',
  ],
  ["group not kebab-case", setField(2, "group", "Porkkala Pair"), "questions[2].group", "must be kebab-case"],
];

/** Pictures and maths: every way a teacher is likely to get them wrong, each with where and what to do. */
const pictureAndMathsCases: BadCase[] = [
  [
    "picture without alt text",
    setField(0, "image", { src: "beria.png" }),
    "questions[0].image.alt",
    "is required: a few words saying what the picture shows",
  ],
  [
    "picture with empty alt text",
    setField(0, "image", { src: "beria.png", alt: " " }),
    "questions[0].image.alt",
    "must not be empty",
  ],
  ["picture without src", setField(0, "image", { alt: "Beria" }), "questions[0].image.src", "is required"],
  [
    "picture given as a bare file name",
    setField(0, "image", "beria.png"),
    "questions[0].image",
    "must be a set of fields",
  ],
  [
    "picture outside the bank's folder",
    setField(0, "image", { src: "../secrets.png", alt: "x" }),
    "questions[0].image.src",
    'must be a file in the bank\'s picture folder, like "austria-map.png"',
  ],
  [
    "picture by absolute path",
    setField(0, "image", { src: "/etc/beria.png", alt: "x" }),
    "questions[0].image.src",
    "no leading /",
  ],
  [
    "picture with a web address",
    setField(0, "image", { src: "https://example.com/beria.png", alt: "x" }),
    "questions[0].image.src",
    "must be a file in the bank's picture folder",
  ],
  [
    "picture that is not an image by its name",
    setField(0, "image", { src: "beria.pdf", alt: "x" }),
    "questions[0].image.src",
    "must end in .png, .jpg, .jpeg, .webp or .gif",
  ],
  [
    "a typo in the picture's fields",
    setField(0, "image", { src: "b.png", alt: "x", caption: "c" }),
    "questions[0].image.caption",
    'unknown field "caption"',
  ],
  [
    "unclosed maths in a prompt",
    setField(0, "prompt", "Solve $x^2 = 4"),
    "questions[0].prompt",
    "has a $ with no closing $",
  ],
  [
    "empty maths in an option",
    setField(0, "options", ["Beria", "$$", "Molotov"]),
    "questions[0].options[1]",
    'has an empty formula "$$"',
  ],
  [
    "money written as maths",
    setField(3, "prompt", "Was it $5 or $10?"),
    "questions[3].prompt",
    '"$5 or $1…" looks like money, not maths: for a dollar sign write \\$',
  ],
  [
    "unclosed maths in an ordering item",
    setField(4, "items", ["$a", "b", "c"]),
    "questions[4].items[0]",
    "has a $ with no closing $",
  ],
  [
    "unclosed maths in an explanation",
    setField(1, "explanation", "Because $x > 1"),
    "questions[1].explanation",
    "has a $ with no closing $",
  ],
];

describe("parseBankObject rejects bad content with a teacher-readable message", () => {
  test.each(badCases)("%s", (_rule, breakIt, path, phrase) => {
    const draft = validDraft();
    breakIt(draft);
    const result = parseBankObject(draft, "cold-war.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: "cold-war.yaml", path });
    expect(result.errors[0]?.message).toContain(phrase);
  });

  test.each(pictureAndMathsCases)("%s", (_rule, breakIt, path, phrase) => {
    const draft = validDraft();
    breakIt(draft);
    const result = parseBankObject(draft, "cold-war.yaml");
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([path]);
    if (!result.ok) expect(result.errors[0]?.message).toContain(phrase);
  });

  test("an unknown field that resembles nothing gets no suggestion", () => {
    const draft = validDraft();
    q(draft, 0).colour = "red";
    expect(parseBankObject(draft, "f.yaml")).toEqual({
      ok: false,
      errors: [{ file: "f.yaml", path: "questions[0].colour", message: 'unknown field "colour"' }],
    });
  });

  test("every problem in a file is reported at once, in file order", () => {
    const draft = validDraft();
    q(draft, 4).id = "beria-germany";
    delete q(draft, 1).explanation;
    q(draft, 0).correct = "Zhukov";
    const result = parseBankObject(draft, "f.yaml");
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual([
      "questions[0].correct[0]",
      "questions[1].explanation",
      "questions[4].id",
    ]);
  });
});

describe("parseBank reads YAML", () => {
  test.each([
    ["a syntax error, with its line", "id: x\ntitle: T\nquestions: [a\n", "line 4", "YAML syntax error"],
    ["a key written twice", "id: x\ntitle: T\ntitle: U\nquestions: []\n", "line 3", "Map keys must be unique"],
    ["an empty file", "", "(file)", "the file is empty"],
    ["a list instead of a bank", "- a\n- b\n", "(file)", "must be a set of fields"],
  ])("reports %s", (_what, yamlText, path, phrase) => {
    const result = parseBank(yamlText, "x.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: "x.yaml", path });
    expect(result.errors[0]?.message).toContain(phrase);
  });

  test("a bare number option is read as text", () => {
    const yamlText = [
      "id: years",
      "title: Years",
      "questions:",
      "  - { id: stalin, type: multiple-choice, prompt: Stalin died in, options: [1953, 1956], correct: 1953, explanation: March 1953. }",
    ].join("\n");
    const result = parseBank(yamlText, "years.yaml");
    expect(result.ok && result.bank.questions[0]).toMatchObject({ options: ["1953", "1956"], correct: ["1953"] });
  });
});

describe("a valid bank comes back with every default filled in", () => {
  test("one question of each type", () => {
    const result = parseBankObject(validDraft(), "cold-war.yaml");
    const common = { points: "standard", difficulty: 2, tags: [] };
    const expected: Bank = {
      id: "cold-war",
      title: "Cold War basics",
      tags: [],
      questions: [
        {
          ...common,
          id: "beria-germany",
          type: "multiple-choice",
          prompt: "Who proposed a neutral Germany in 1953?",
          options: ["Beria", "Malenkov", "Molotov"],
          correct: ["Beria"],
          shuffle: true,
          explanation: "Beria did.",
          timeLimitSec: 20,
        },
        {
          ...common,
          id: "treaty-1955",
          type: "true-false",
          prompt: "Austria's treaty was 1955.",
          correct: true,
          explanation: "Yes.",
          timeLimitSec: 10,
        },
        {
          ...common,
          id: "porkkala",
          type: "type-answer",
          prompt: "Which base?",
          accepted: ["Porkkala"],
          typoTolerance: 0,
          explanation: "Porkkala.",
          timeLimitSec: 30,
        },
        {
          ...common,
          id: "army-cut",
          type: "numeric",
          prompt: "Cut, in millions?",
          correct: 2.1,
          tolerance: 0,
          explanation: "About 2.1 million.",
          timeLimitSec: 30,
        },
        {
          ...common,
          id: "thaw",
          type: "ordering",
          prompt: "Order these.",
          items: ["Stalin dies", "Treaty", "Speech"],
          explanation: "1953, 1955, 1956.",
          timeLimitSec: 40,
        },
      ] as Bank["questions"],
    };
    expect(result).toEqual({ ok: true, bank: expected });
  });

  test("a list of correct options stays a list, and set values override defaults", () => {
    const draft = validDraft();
    Object.assign(q(draft, 0), {
      correct: ["Beria", "Molotov"],
      timeLimitSec: 45,
      points: "double",
      difficulty: 3,
      tags: ["leaders"],
    });
    const result = parseBankObject(draft, "f.yaml");
    expect(result.ok && result.bank.questions[0]).toMatchObject({
      correct: ["Beria", "Molotov"],
      timeLimitSec: 45,
      points: "double",
      difficulty: 3,
      tags: ["leaders"],
    });
  });

  test("an explanation written empty stays empty (imported questions have none); blanks count as empty", () => {
    const draft = validDraft();
    q(draft, 3).explanation = "   ";
    const result = parseBankObject(draft, "f.yaml");
    expect(result.ok && result.bank.questions[3]?.explanation).toBe("");
  });

  test("pictures, maths, groups, shuffle and multi-select as a teacher writes them", () => {
    const draft = validDraft();
    Object.assign(q(draft, 0), {
      prompt: "Which root of $x^2 = 4$ is positive? It costs \\$5.",
      options: ["$2$", "$-2$", "$\\sqrt{2}$"],
      correct: "$2$",
      shuffle: false,
      multiSelect: true,
      group: "roots",
      image: { src: "maps/graph-1.png", alt: "The parabola y = x squared" },
    });
    const result = parseBankObject(draft, "f.yaml");
    expect(result.ok ? result.bank.questions[0] : result.errors).toMatchObject({
      options: ["$2$", "$-2$", "$\\sqrt{2}$"],
      shuffle: false,
      multiSelect: true,
      group: "roots",
      image: { src: "maps/graph-1.png", alt: "The parabola y = x squared" },
    });
  });

  test("default time limits and point values", () => {
    expect(DEFAULT_TIME_LIMIT_SEC).toEqual({
      "multiple-choice": 20,
      "true-false": 10,
      "type-answer": 30,
      numeric: 30,
      ordering: 40,
    });
    expect([pointsValue("standard"), pointsValue("double")]).toEqual([1000, 2000]);
  });
});

describe("formatBankYaml", () => {
  test("writes a bank that parses back to the same bank, defaults left out", () => {
    const fixture = fs.readFileSync(path.join(import.meta.dirname, "../fixtures/banks/small-valid.yaml"), "utf8");
    const parsed = parseBank(fixture, "small-valid.yaml");
    if (!parsed.ok) throw new Error("fixture bank should be valid");
    const written = formatBankYaml(parsed.bank);
    expect(parseBank(written, "again.yaml")).toEqual(parsed);
    expect(written).toContain("    options: [Beria, Malenkov, Khrushchev, Molotov]\n    correct: Beria\n");
    expect(written).not.toContain("points: standard");
    expect(written).not.toContain("shuffle");
  });

  test("keeps pictures, groups, shuffle: false, multiSelect and an empty explanation through a round trip", () => {
    const draft = validDraft();
    Object.assign(q(draft, 0), {
      shuffle: false,
      multiSelect: true,
      group: "germany",
      image: { src: "beria.jpg", alt: "Beria in 1953" },
      explanation: "",
    });
    const parsed = parseBankObject(draft, "f.yaml");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const written = formatBankYaml(parsed.bank);
    expect(parseBank(written, "f.yaml")).toEqual(parsed);
    expect(written).toContain("    image:\n      src: beria.jpg\n      alt: Beria in 1953\n");
    expect(written).toContain('    shuffle: false\n    multiSelect: true\n    explanation: ""\n    group: germany\n');
  });
});
