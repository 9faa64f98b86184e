import { describe, expect, test } from "vitest";
import { BANKS_DIR, loadBanksFromDir } from "../../content/index.ts";
import { prepareQuestion } from "../../shared/src/rules/prepare-question.ts";
import { createRng } from "../../shared/src/rules/random.ts";

const GAMES = 400;
const { banks, errors } = loadBanksFromDir(BANKS_DIR);
const choiceQuestions = banks.flatMap((bank) =>
  bank.questions.flatMap((question) => (question.type === "multiple-choice" ? [{ bank, question }] : [])),
);

/**
 * "Always tap A" must not work with any built-in question: over many games, no correct option may sit in one
 * place in most of them. Each game prepares the question from its own seed, as the server does.
 */
describe("every multiple-choice question in content/ moves its correct options around", () => {
  test("the built-in banks load and have multiple-choice questions", () => {
    expect(errors).toEqual([]);
    expect(choiceQuestions.length).toBeGreaterThan(40);
  });

  test.each(choiceQuestions.map(({ bank, question }) => [`${bank.id}/${question.id}`, bank, question] as const))(
    "%s: no correct option in the same place in most games",
    (_name, bank, question) => {
      for (const correct of question.correct) {
        const places = new Map<number, number>();
        for (let seed = 0; seed < GAMES; seed++) {
          const shown = prepareQuestion(question, bank.id, createRng(seed)).public.options;
          const place = shown.indexOf(correct);
          places.set(place, (places.get(place) ?? 0) + 1);
        }
        const mostOften = Math.max(...places.values());
        // Uniform over 2 to 6 places gives 50% at most, and usually much less; "most games" is more than half.
        expect(mostOften / GAMES, `"${correct}" shown in one place in ${mostOften} of ${GAMES} games`).toBeLessThan(
          question.options.length === 2 ? 0.6 : 0.5,
        );
      }
    },
  );
});
