/** What a teacher gets back after (or during) a game: per-student and per-question results. */
export interface GameReport {
  game: {
    code: string;
    title: string;
    bankIds: string[];
    createdAt: number;
    endedAt: number | null;
    questionCount: number;
  };
  students: StudentResult[];
  questions: QuestionResult[];
  /**
   * The student × question grid: one row per student, in the order of `students`; one cell per question, in the
   * order of `questions`. Empty for games recorded before the event log (their answers were not kept per cell).
   */
  grid: GridRow[];
  /** "Questions to re-teach": indexes of the questions played and answered, lowest % correct first. */
  reteach: number[];
}

export interface GridRow {
  name: string;
  removed?: boolean;
  cells: GridCell[];
}

/** What one student did on one question. */
export interface GridCell {
  questionIndex: number;
  /** right / wrong / noAnswer (did not answer, or did not buzz) / skipped (the teacher skipped the question) */
  outcome: "right" | "wrong" | "noAnswer" | "skipped";
  /** the answer as given ("(spoken)" for a buzzer answer marked by the teacher); null when none */
  answerText: string | null;
  /** response time in seconds, one decimal; null when no answer */
  seconds: number | null;
  /** points this answer counted for (0 for a skipped question) */
  points: number;
}

export interface StudentResult {
  /** Dense rank by score: tied scores share a rank, the next score takes the next rank; null for a removed student. */
  rank: number | null;
  /** the teacher removed this student (kick); listed after the ranked students */
  removed?: boolean;
  name: string;
  score: number;
  correct: number;
  answered: number;
  /** Mean response time in whole ms; null when the student never answered. */
  averageMs: number | null;
  /** The same mean in seconds, one decimal. */
  averageSeconds: number | null;
}

export interface QuestionResult {
  index: number;
  questionId: string;
  bankId: string;
  prompt: string;
  correctText: string;
  answered: number;
  /** Share of answers that were correct, 0–100 to one decimal; null when nobody answered. */
  percentCorrect: number | null;
  /** Mean response time in whole ms; null when nobody answered. */
  averageMs: number | null;
  /** The same mean in seconds, one decimal. */
  averageSeconds: number | null;
  mostCommonWrongAnswer: string | null;
  /** The teacher skipped this question: its answers count for nothing (answered 0, % correct null). */
  skipped: boolean;
}

/** One student's totals as aggregated by the store, before ranking. */
export interface StudentTotals {
  playerId: string;
  name: string;
  score: number;
  correct: number;
  answered: number;
  totalMs: number;
}

/** One question's totals as aggregated by the store, plus its wrong answers in the order they came. */
export interface QuestionTotals {
  index: number;
  questionId: string;
  bankId: string;
  prompt: string;
  correctText: string;
  answered: number;
  correct: number;
  totalMs: number;
  wrongAnswers: string[];
}

/** Ranks students: score descending, ties share a dense rank and are listed by name. */
export function rankStudents(totals: readonly StudentTotals[]): StudentResult[] {
  const sorted = [...totals].sort(
    (a, b) => b.score - a.score || compareNames(a.name, b.name) || compareNames(a.playerId, b.playerId),
  );
  let rank = 0;
  let previousScore: number | undefined;
  return sorted.map((student) => {
    if (student.score !== previousScore) {
      rank += 1;
      previousScore = student.score;
    }
    return {
      rank,
      name: student.name,
      score: student.score,
      correct: student.correct,
      answered: student.answered,
      averageMs: averageMs(student.totalMs, student.answered),
      averageSeconds: toSeconds(averageMs(student.totalMs, student.answered)),
    };
  });
}

/** Turns a question's totals into the figures a teacher reads. */
export function summarizeQuestion(totals: QuestionTotals): QuestionResult {
  return {
    index: totals.index,
    questionId: totals.questionId,
    bankId: totals.bankId,
    prompt: totals.prompt,
    correctText: totals.correctText,
    answered: totals.answered,
    percentCorrect: totals.answered === 0 ? null : Math.round((totals.correct / totals.answered) * 1000) / 10,
    averageMs: averageMs(totals.totalMs, totals.answered),
    averageSeconds: toSeconds(averageMs(totals.totalMs, totals.answered)),
    mostCommonWrongAnswer: mostCommonAnswer(totals.wrongAnswers),
    skipped: false,
  };
}

/**
 * The wrong answer given most often, matched ignoring case and surrounding spaces (so "lyon" and
 * "Lyon " count together); shown as first typed. On a tie, the one given first wins.
 */
export function mostCommonAnswer(answers: readonly string[]): string | null {
  const groups = new Map<string, { shown: string; count: number }>();
  for (const answer of answers) {
    const key = answer.trim().toLocaleLowerCase();
    if (key === "") continue;
    const group = groups.get(key) ?? { shown: answer.trim(), count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  // Map keeps insertion order, so a strict ">" keeps the earliest of equally common answers.
  let best: { shown: string; count: number } | undefined;
  for (const group of groups.values()) {
    if (best === undefined || group.count > best.count) best = group;
  }
  return best?.shown ?? null;
}

/** Milliseconds as seconds with one decimal (what a teacher reads); null stays null. */
export function toSeconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}

/** Questions to re-teach: those with a % correct (played, not skipped, answered), lowest first, then in game order. */
export function reteachOrder(questions: readonly QuestionResult[]): number[] {
  return questions
    .filter((q) => !q.skipped && q.percentCorrect !== null)
    .sort((a, b) => (a.percentCorrect ?? 0) - (b.percentCorrect ?? 0) || a.index - b.index)
    .map((q) => q.index);
}

function averageMs(totalMs: number, count: number): number | null {
  return count === 0 ? null : Math.round(totalMs / count);
}

const nameCollator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function compareNames(a: string, b: string): number {
  return nameCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A stored wrong answer, in the order answers came. */
export interface WrongAnswerRow {
  questionIndex: number;
  answerText: string;
}

/** Builds the report from a store's aggregates; every store calls this, so their reports agree. */
export function assembleReport(
  game: Omit<GameReport["game"], "questionCount">,
  studentTotals: readonly StudentTotals[],
  questionRows: readonly Omit<QuestionTotals, "wrongAnswers">[],
  wrongRows: readonly WrongAnswerRow[],
): GameReport {
  const wrongByQuestion = new Map<number, string[]>();
  for (const row of wrongRows) {
    const texts = wrongByQuestion.get(row.questionIndex) ?? [];
    texts.push(row.answerText);
    wrongByQuestion.set(row.questionIndex, texts);
  }
  const questions = questionRows.map((row) =>
    summarizeQuestion({ ...row, wrongAnswers: wrongByQuestion.get(row.index) ?? [] }),
  );
  return {
    game: {
      code: game.code,
      title: game.title,
      bankIds: game.bankIds,
      createdAt: game.createdAt,
      endedAt: game.endedAt,
      questionCount: questions.length,
    },
    students: rankStudents(studentTotals),
    questions,
    grid: [], // the older answer tables keep no per-cell record the grid could be built from
    reteach: reteachOrder(questions),
  };
}
