// The column layout of the widely used quiz spreadsheet template, shared by import and export.

/** Time limits the template allows, in seconds. */
export const TEMPLATE_TIME_LIMITS = [5, 10, 20, 30, 60, 90, 120, 240] as const;
export const TEMPLATE_MAX_QUESTION_LENGTH = 120;
export const TEMPLATE_MAX_ANSWER_LENGTH = 75;
export const TEMPLATE_ANSWER_COLUMNS = 4;

/** Header texts exactly as the template spells them (the time-limit header uses an en dash). */
export const TEMPLATE_HEADERS = {
  question: `Question - max ${TEMPLATE_MAX_QUESTION_LENGTH} characters`,
  answer: (n: number) => `Answer ${n} - max ${TEMPLATE_MAX_ANSWER_LENGTH} characters`,
  timeLimit: "Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",
  correct: "Correct answer(s) - choose at least one",
} as const;
