import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Bank, Question } from "../../shared/src/content/bank.schema.ts";
import { QUESTION_TYPES } from "../../shared/src/content/bank.schema.ts";
import { parseBank } from "../../shared/src/content/parse-bank.ts";
import { checkAnswer } from "../../shared/src/rules/check-answer.ts";
import { prepareQuestion } from "../../shared/src/rules/prepare-question.ts";
import { createRng } from "../../shared/src/rules/random.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const banksDir = path.join(repoRoot, "content", "banks");
const bankFile = path.join(banksDir, "peaceful-coexistence.yaml");
// The mind map the bank was written from; CI keeps a copy of shared/ beside the clone.
const mindMapFile = path.resolve(repoRoot, "..", "shared", "seeds", "000_265a8fbad3ac2dec.txt");

/** Mind-map nodes by number ("3.4.1" → its text), read from the summary; the related-resources list after it is not content. */
function readMindMapNodes(text: string): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line.startsWith("Show full summary")) break;
    const match = /^(\d+(?:\.\d+)*)\s+(.*)$/.exec(line);
    if (match?.[1] !== undefined) nodes.set(match[1], match[2] ?? "");
  }
  return nodes;
}

function loadBank(): Bank {
  const result = parseBank(readFileSync(bankFile, "utf8"), "peaceful-coexistence.yaml");
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  return result.bank;
}

function questionById(bank: Bank, id: string): Question {
  const question = bank.questions.find((q) => q.id === id);
  if (!question) throw new Error(`no question "${id}" in the bank`);
  return question;
}

/** Every piece of text a student sees for a question: prompt, choices and the explanation. */
function shownTexts(question: Question): string[] {
  const texts = [question.prompt, question.explanation];
  if (question.type === "multiple-choice") texts.push(...question.options);
  if (question.type === "ordering") texts.push(...question.items);
  return texts;
}

const mindMapText = readFileSync(mindMapFile, "utf8");
const nodes = readMindMapNodes(mindMapText);
const bank = loadBank();

function nodeText(question: Question): string {
  const text = question.source === undefined ? undefined : nodes.get(question.source);
  if (text === undefined)
    throw new Error(`question "${question.id}" has source ${question.source}, not a mind-map node`);
  return text;
}

describe("peaceful-coexistence bank", () => {
  it("reads all 28 numbered nodes of the mind map and none of the related resources", () => {
    expect([...nodes.keys()]).toEqual(
      // biome-ignore format: one node group per line reads like the mind map
      [
        "1", "1.1", "1.1.1", "1.2", "1.3", "1.3.1",
        "2", "2.1", "2.2", "2.2.1", "2.3", "2.3.1", "2.4", "2.4.1", "2.5", "2.5.1",
        "3", "3.1", "3.1.1", "3.2", "3.2.1", "3.3", "3.3.1", "3.4", "3.4.1", "3.5", "3.5.1", "3.5.2",
      ],
    );
  });

  it("parses with the project's parser and describes the mind map it came from", () => {
    expect(bank.id).toBe("peaceful-coexistence");
    expect(bank.subject).toBe("History");
    expect(bank.level).toBe("A-level");
    expect(bank.source).toContain("jacksearle");
    expect(bank.source).toContain("Soviet motives for, and moves towards, Peaceful Coexistence");
  });

  it("tests every numbered node of the mind map, and cites only real nodes", () => {
    const cited = new Set(bank.questions.map((q) => q.source));
    // A heading ("2.4 Consolidation of Influence") is tested through the facts under it ("2.4.1 …").
    const covered = (node: string) => [...cited].some((source) => source === node || source?.startsWith(`${node}.`));
    const untested = [...nodes.keys()].filter((node) => !covered(node));
    expect(untested).toEqual([]);
    const bogus = bank.questions.filter((q) => q.source === undefined || !nodes.has(q.source)).map((q) => q.id);
    expect(bogus).toEqual([]);
  });

  it("has at least 45 questions with unique ids, using all five question types", () => {
    expect(bank.questions.length).toBeGreaterThanOrEqual(45);
    const ids = bank.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(bank.questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
  });

  it("has multiple-choice questions with more than one correct option", () => {
    const multiAnswer = bank.questions.filter((q) => q.type === "multiple-choice" && q.correct.length > 1);
    expect(multiAnswer.length).toBeGreaterThanOrEqual(2);
  });

  it("fits the spreadsheet export: prompts at most 160 characters, options at most 80", () => {
    const tooLong = bank.questions.flatMap((q) => {
      const choices = q.type === "multiple-choice" ? q.options : q.type === "ordering" ? q.items : [];
      const long = choices.filter((choice) => choice.length > 80);
      return q.prompt.length > 160 ? [q.id, ...long] : long;
    });
    expect(tooLong).toEqual([]);
  });

  it("gives each numeric answer exactly as the figure is written in its source node", () => {
    const numeric = bank.questions.filter((q) => q.type === "numeric");
    expect(numeric.map((q) => [q.id, q.correct])).toEqual([
      ["red-army-size-after", 3.7],
      ["red-army-further-cuts", 33],
      ["finland-reparations", 300],
      ["porkkala-lease-length", 50],
    ]);
    for (const question of numeric) {
      expect(nodeText(question), question.id).toContain(String(question.correct));
    }
  });

  it.each([
    ["production-claim-baseline", "1929"],
    ["red-army-size-before", "5.8"],
    ["malenkov-dates", "1902-1988"],
    ["korean-war-end-date", "July 1953"],
    ["austrian-treaty-year", "1955"],
    ["finland-withdrawal-year", "1956"],
    ["finnish-soviet-treaty-year", "1947"],
    ["doctrine-decade", "1950s"],
  ])("%s: the correct option's figure %s is the one in its source node", (id, figure) => {
    const question = questionById(bank, id);
    if (question.type !== "multiple-choice") throw new Error(`${id} should be multiple-choice`);
    expect(question.correct.length).toBe(1);
    expect(question.correct[0]).toContain(figure);
    expect(nodeText(question)).toContain(figure);
  });

  it.each([
    ["two-ways-quote-who", "Khrushchev", "As K said 'There are only two ways"],
    ["ideologies-quote-who", "Khrushchev", 'K summed up this position by saying "Peaceful Coexistence'],
    ["settled-peacefully-quote-who", "Malenkov", "As Malenkov put it 'there is no dispute"],
  ])("%s credits the quote to %s, as the mind map does", (id, speaker, attribution) => {
    const question = questionById(bank, id);
    if (question.type !== "multiple-choice") throw new Error(`${id} should be multiple-choice`);
    expect(question.correct).toEqual([speaker]);
    expect(nodeText(question)).toContain(attribution);
  });

  it("quotes the mind map word for word wherever it uses double quotes", () => {
    const quoted = bank.questions.flatMap((q) =>
      shownTexts(q).flatMap((text) =>
        [...text.matchAll(/"([^"]+)"/g)].map((match) => ({ id: q.id, quote: match[1] ?? "" })),
      ),
    );
    expect(quoted.length).toBeGreaterThanOrEqual(4);
    const misquoted = quoted.filter(({ quote }) =>
      // An ellipsis or a blank marks words left out; each remaining fragment must be verbatim.
      quote
        .split(/…|\.\.\.|___/)
        .map((fragment) => fragment.trim())
        .filter((fragment) => fragment.length > 0)
        .some((fragment) => !mindMapText.includes(fragment)),
    );
    expect(misquoted).toEqual([]);
  });

  it("accepts the place names students type, without letting a typo turn 38th into 37th", () => {
    const armistice = questionById(bank, "korean-armistice-line");
    const porkkala = questionById(bank, "porkkala-peninsula");
    const kazakhstan = questionById(bank, "malenkov-kazakhstan");
    if (armistice.type !== "type-answer" || porkkala.type !== "type-answer" || kazakhstan.type !== "type-answer") {
      throw new Error("place-name questions should be type-answer");
    }
    expect(armistice.typoTolerance).toBe(0);
    expect(armistice.accepted).toContain("38th parallel");
    expect(porkkala.accepted).toContain("Porkkala");
    expect(porkkala.typoTolerance).toBe(1);
    expect(kazakhstan.accepted).toContain("Kazakhstan");
    for (const question of [armistice, porkkala, kazakhstan]) {
      expect(nodeText(question)).toContain(question.accepted[0]);
    }
  });

  it.each([
    [
      "korean-armistice-line",
      ["38th parallel", "38", "the 38th", "38°N", "38th parallel north", "38th paralel", "38th parrallel"],
      ["37th parallel", "39th", "38th meridian"],
    ],
    [
      "porkkala-peninsula",
      ["Porkkala", "Porkalla", "the Porkkala peninsula", "Porkkala naval base", "porkala"],
      ["Hanko", "Helsinki"],
    ],
    [
      "yugoslavia-leader",
      ["Tito", "Tito's", "Marshal Tito", "Marshall Tito", "Josip Broz Tito", "Josip Broz"],
      ["Toto", "Titov", "Stalin"],
    ],
    [
      "peaceful-coexistence-name",
      ["Peaceful Coexistence", "peaceful co-existence", "Peaceful Coexistance"],
      ["New course", "Coexistence"],
    ],
    ["malenkov-kazakhstan", ["Kazakhstan", "Kazakstan", "Kazakh SSR"], ["Uzbekistan", "Siberia"]],
  ])("%s accepts what students type for the right answer, and only that", (id, right, wrong) => {
    const prepared = prepareQuestion(questionById(bank, id), bank.id, createRng(1));
    expect(right.filter((text) => !checkAnswer(prepared, { kind: "text", text }))).toEqual([]);
    expect(wrong.filter((text) => checkAnswer(prepared, { kind: "text", text }))).toEqual([]);
  });

  it("takes a third, typed as 33.3, for the 33% cut, but not 34", () => {
    const prepared = prepareQuestion(questionById(bank, "red-army-further-cuts"), bank.id, createRng(1));
    const right = (value: number) => checkAnswer(prepared, { kind: "number", value });
    expect([33, 33.3, 32.5, 33.5, 34, 30].map(right)).toEqual([true, true, true, true, false, false]);
  });

  it("keeps repeated pairs apart: every group holds 2 or 3 questions that would give each other away", () => {
    const groups = new Map<string, string[]>();
    for (const q of bank.questions) if (q.group) groups.set(q.group, [...(groups.get(q.group) ?? []), q.id]);
    // The review's repeated pairs, each in one group.
    for (const pair of [
      ["beria-germany", "beria-germany-proposal"],
      ["malenkov-kazakhstan", "malenkov-hydroelectric"],
      ["ideologies-quote-who", "ideologies-coexist"],
      ["red-army-size-after", "red-army-size-before"],
      ["initiatives-1953", "border-disputes-1953"],
      ["production-claim-compared", "production-claim-baseline"],
    ]) {
      expect(
        [...groups.values()].some((members) => pair.every((id) => members.includes(id))),
        pair.join(" / "),
      ).toBe(true);
    }
    for (const members of groups.values()) expect(members.length).toBeGreaterThanOrEqual(2);
  });

  it("lists the correct option in varied places in the file (teachers and exports see the file's order)", () => {
    const single = bank.questions.flatMap((q) =>
      q.type === "multiple-choice" && q.correct.length === 1 ? [q.options.indexOf(q.correct[0] ?? "")] : [],
    );
    const firsts = bank.questions.filter(
      (q) => q.type === "multiple-choice" && q.options[0] && q.correct.includes(q.options[0]),
    );
    // No place holds more than a third of the single-answer questions' correct options.
    for (let place = 0; place < 4; place++) {
      expect(single.filter((index) => index === place).length).toBeLessThanOrEqual(Math.ceil(single.length / 3));
    }
    const choiceCount = bank.questions.filter((q) => q.type === "multiple-choice").length;
    expect(firsts.length).toBeLessThanOrEqual(Math.ceil(choiceCount * 0.35));
  });

  it("gives every question its own prompt (a bot, or a teacher reading a report, can tell them apart)", () => {
    const prompts = bank.questions.map((q) => q.prompt);
    expect(prompts.length - new Set(prompts).size).toBe(0);
  });

  it("orders the 1953-1956 measures as the mind map dates them", () => {
    const ordering = questionById(bank, "measures-order");
    if (ordering.type !== "ordering") throw new Error("measures-order should be ordering");
    expect(ordering.items).toEqual([
      "End of the Korean War",
      "Austrian State Treaty",
      "Soviet withdrawal from Finland (Porkkala)",
    ]);
    expect(nodes.get("3.1")).toBe("End of Korean War July 1953");
    expect(nodes.get("3.3")).toBe("Austrian State Treaty 1955");
    expect(nodes.get("3.4")).toBe("Soviet withdrawal from Finland 1956");
  });
});

describe("every bank in content/banks", () => {
  const bankFiles = readdirSync(banksDir).filter((name) => name.endsWith(".yaml") || name.endsWith(".yml"));

  it("includes the peaceful-coexistence bank", () => {
    expect(bankFiles).toContain("peaceful-coexistence.yaml");
  });

  it.each(bankFiles)("%s parses with no errors and its id matches its file name", (fileName) => {
    const result = parseBank(readFileSync(path.join(banksDir, fileName), "utf8"), fileName);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expect(`${result.bank.id}.yaml`).toBe(fileName.replace(/\.yml$/, ".yaml"));
  });
});
