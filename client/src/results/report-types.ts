/** The JSON of GET /api/games/:code/results.json, as the page reads it (server/src/results/report.ts). */
export interface Report {
  game: {
    code: string;
    title: string;
    bankIds: string[];
    createdAt: number;
    endedAt: number | null;
    questionCount: number;
  };
  students: {
    rank: number | null;
    removed?: boolean;
    name: string;
    score: number;
    correct: number;
    answered: number;
    averageSeconds: number | null;
  }[];
  questions: {
    index: number;
    prompt: string;
    correctText: string;
    answered: number;
    percentCorrect: number | null;
    averageSeconds: number | null;
    mostCommonWrongAnswer: string | null;
    skipped: boolean;
  }[];
  grid: { name: string; removed?: boolean; cells: Cell[] }[];
  reteach: number[];
}

export interface Cell {
  questionIndex: number;
  outcome: "right" | "wrong" | "noAnswer" | "skipped";
  answerText: string | null;
  seconds: number | null;
  points: number;
}
