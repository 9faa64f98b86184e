import { type Question, QuestionSchema } from "@handsup/shared";

/** Parses a question the way a bank file would, so tests see the same defaults the game does. */
export function question(fields: Record<string, unknown>): Question {
  return QuestionSchema.parse({ id: "q", prompt: "Prompt?", explanation: "Because.", ...fields });
}

// The scoring and checking tests pick options by position, so these two keep the file's order (`shuffle: false`);
// shuffling itself is tested in prepare-question.test.ts.
export const beria = question({
  id: "beria-germany",
  type: "multiple-choice",
  prompt: "Shortly after Stalin's death, who proposed a reunified, neutral Germany?",
  options: ["Beria", "Malenkov", "Khrushchev", "Molotov"],
  correct: "Beria",
  shuffle: false,
});

export const twoCorrect = question({
  id: "two-correct",
  type: "multiple-choice",
  prompt: "Which two were members of the collective leadership in 1953?",
  options: ["Beria", "Malenkov", "Brezhnev", "Gorbachev"],
  correct: ["Beria", "Malenkov"],
  shuffle: false,
});

export const austria = question({
  id: "austria-treaty",
  type: "true-false",
  prompt: "The Austrian State Treaty was signed in 1955.",
  correct: true,
});

export const porkkala = question({
  id: "finnish-base",
  type: "type-answer",
  prompt: "Which Finnish naval base did the USSR hand back in 1955?",
  accepted: ["Porkkala", "Porkkala peninsula"],
  typoTolerance: 1,
});

export const kazakhstan = question({
  id: "virgin-lands",
  type: "type-answer",
  prompt: "Where was the Virgin Lands campaign centred?",
  accepted: ["Kazakhstan"],
});

export const usa = question({
  id: "usa",
  type: "type-answer",
  prompt: "Which superpower answered Sputnik with Explorer 1?",
  accepted: ["USA"],
  typoTolerance: 1,
});

export const armyCut = question({
  id: "army-cut",
  type: "numeric",
  prompt: "By how many did Khrushchev cut the Red Army, 1955–1958?",
  correct: 2.1,
  tolerance: 0,
  unit: "million men",
});

export const thirds = question({
  id: "thirds",
  type: "numeric",
  prompt: "What is one tenth plus two tenths?",
  correct: 0.3,
});

export const events = question({
  id: "events",
  type: "ordering",
  prompt: "Put these events in order.",
  items: ["Stalin dies", "Austrian State Treaty", "Secret Speech", "Sputnik"],
});
