import type { ContentError, Question } from "@handsup/shared";
import { QUESTION_TYPES } from "@handsup/shared";

/** "30 multiple-choice, 8 true-false", types in the order the format lists them, absent types left out. */
export function countByType(questions: readonly Question[]): string {
  return QUESTION_TYPES.map((type) => [type, questions.filter((question) => question.type === type).length] as const)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${count} ${type}`)
    .join(", ");
}

/** Prints errors grouped by file: the file name, then one indented `path: message` line each. */
export function printErrors(errors: readonly ContentError[], print: (line: string) => void = console.log): void {
  const files = [...new Set(errors.map((error) => error.file))];
  for (const file of files) {
    print(file);
    for (const error of errors.filter((candidate) => candidate.file === file))
      print(`  ${error.path}: ${error.message}`);
  }
}

/** Runs a CLI body; bad input ends with a plain message and exit code 1, a genuine bug keeps its stack trace. */
export async function runCli(main: () => Promise<number> | number): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UserError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

/** A problem with what the user asked for (bad argument, missing file), reported without a stack trace. */
export class UserError extends Error {
  override name = "UserError";
}
