import type { Page } from "playwright-core";
import { expect } from "vitest";
import { openHost, openPhone, press, type Stage, viewOf, waitForLive, waitForView } from "./harness.ts";

/** Steps a teacher or student takes in the browser, shared by the e2e tests. */

export interface CreateOptions {
  tags: string;
  questions: number;
  mode: "everyone" | "buzzer";
  /** overrides every question's time limit */
  timeLimitSec?: number;
  /** false: every right answer earns exactly its base points (no speed or streak bonus) */
  bonuses?: boolean;
  /** buzzer rounds: seconds the student whose turn it is has to answer */
  answerWindowSec?: number;
}

/** Fills the teacher's create form (banks, count, tags, mode, timing, scoring) without submitting it. */
export async function fillCreateForm(host: Page, options: CreateOptions): Promise<void> {
  await host.waitForSelector('input[name="bank"]');
  await host.fill("#question-count", String(options.questions));
  await host.fill("#tags", options.tags);
  await host.selectOption("#order", "bank");
  await host.selectOption(".round-mode", options.mode);
  if (options.timeLimitSec !== undefined) await host.fill("#time-limit", String(options.timeLimitSec));
  if (options.answerWindowSec !== undefined) await host.fill("#answer-window", String(options.answerWindowSec));
  if (options.bonuses === false) {
    await host.uncheck("#speed");
    await host.uncheck("#streaks");
  }
}

/** Fills the teacher's create form and creates the game; returns the join code shown in the lobby. */
export async function createGameViaForm(host: Page, options: CreateOptions): Promise<string> {
  await fillCreateForm(host, options);
  await host.click("#create-game");
  const live = await waitForLive(host, /^Lobby: code [A-Z0-9]{6}\./);
  return live.slice("Lobby: code ".length, "Lobby: code ".length + 6);
}

/** Joins from the student form (the code field may already be filled from ?code=). */
export async function joinAs(student: Page, code: string, name: string): Promise<void> {
  await student.waitForSelector("#join-code");
  if ((await student.inputValue("#join-code")) !== code) await student.fill("#join-code", code);
  await student.fill("#join-name", name);
  await student.click("#join-button");
  await waitForLive(student, /^You're in!/);
}

/** Opens the teacher's page and creates a game through the form; returns the page and the join code. */
export async function hostGame(stage: Stage, options: CreateOptions): Promise<{ host: Page; code: string }> {
  const host = await openHost(stage);
  const code = await createGameViaForm(host, options);
  return { host, code };
}

/** Opens one phone per name at the game's join link (all at once), then joins them one after another. */
export async function joinPhones<const Names extends readonly string[]>(
  stage: Stage,
  code: string,
  names: Names,
): Promise<{ [K in keyof Names]: Page }> {
  const phones = await Promise.all(names.map(() => openPhone(stage, `/?code=${code}`)));
  for (const [i, name] of names.entries()) await joinAs(phones[i]!, code, name);
  return phones as { [K in keyof Names]: Page };
}

export interface QuestionViewLike {
  scene: string;
  controls: string;
  options: string[];
  questionIndex: number;
  prompt: string;
  status: string;
  totalMs: number;
  paused: boolean;
}

/** Waits for question `index` to be answerable on this phone and returns what it shows. */
export async function waitForQuestion(student: Page, index: number, controls?: string): Promise<QuestionViewLike> {
  const wanted = controls ? ` && v.controls === "${controls}"` : ` && v.controls !== "none"`;
  await waitForView(student, `v.scene === "StudentQuestionScene" && v.questionIndex === ${index}${wanted}`);
  return viewOf<QuestionViewLike>(student);
}

/** Answers the question on screen with `answer` (an option's text, or what to type). */
export async function answer(student: Page, answerText: string): Promise<void> {
  const view = await viewOf<QuestionViewLike>(student);
  if (view.controls === "choice" || view.controls === "boolean") {
    const index = view.options.indexOf(answerText);
    expect(index, `"${answerText}" among ${JSON.stringify(view.options)}`).toBeGreaterThanOrEqual(0);
    await press(student, view.controls === "boolean" ? (index === 0 ? "true" : "false") : `option-${index}`);
  } else if (view.controls === "text" || view.controls === "number") {
    await student.fill("#answer-field", answerText);
    await student.click("#answer-submit");
  } else {
    throw new Error(`don't know how to answer with controls ${view.controls} (view: ${JSON.stringify(view)})`);
  }
}

/**
 * Presses "Show question now" during the 3-second get-ready. On a busy machine the get-ready may
 * already be over (the question then opened by itself), which is just as good.
 */
export async function showQuestionNow(host: Page): Promise<void> {
  await host
    .getByRole("button", { name: "Show question now" })
    .click({ timeout: 2500 })
    .catch(() => undefined);
}
