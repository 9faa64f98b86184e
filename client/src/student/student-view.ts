import type { GameSnapshot, LeaderRow, PlayerSnapshot, QuestionType } from "../net/snapshot.ts";
import type { BaseView } from "../ui/director.ts";
import { sentences } from "../ui/speech.ts";
import { answerStyle } from "../ui/theme.ts";
import { myPlayer, type StudentModel } from "./student-model.ts";

/** What the phone shows, derived from the model alone: the scenes draw exactly this. */

export type StudentControls = "choice" | "multi" | "boolean" | "text" | "number" | "order" | "buzz" | "none";

export interface JoinView extends BaseView {
  scene: "StudentJoinScene";
  code: string;
  name: string;
  error: string;
  joining: boolean;
  /** how this phone finished its last game ("" = none), so a reload at the end keeps it */
  lastFinish: string;
}

export interface MessageView extends BaseView {
  scene: "StudentMessageScene";
  heading: string;
  lines: string[];
  tone: "neutral" | "good" | "bad";
  /** server time the big countdown counts to (0 = none) */
  countdownTo: number;
  action: "" | "rejoin" | "join-another";
}

export interface QuestionView extends BaseView {
  scene: "StudentQuestionScene";
  header: string;
  questionIndex: number;
  prompt: string;
  questionType: QuestionType;
  controls: StudentControls;
  options: string[];
  unit: string;
  status: string;
  notice: string;
  /** server-time deadline the ring counts to, and the full span for the ring */
  deadline: number;
  totalMs: number;
  paused: boolean;
  pausedRemainingMs: number;
  /** the connection is being retried: controls are shown but can't be used */
  offline: boolean;
}

export interface ResultView extends BaseView {
  scene: "StudentResultScene";
  heading: string;
  tone: "neutral" | "good" | "bad";
  lines: string[];
  explanation: string;
}

export type StudentView = JoinView | MessageView | QuestionView | ResultView;

/** Ordinal in English: 1st, 2nd, 3rd, 11th, 22nd. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a several-answer question tells the student, since the prompt may not say so. */
export const MULTI_SELECT_HINT = "Pick all that are right";

/** The controls a question type needs on the phone; a several-answer question says so in its data. */
export function controlsFor(type: QuestionType, multiSelect: boolean): StudentControls {
  switch (type) {
    case "multiple-choice":
      return multiSelect ? "multi" : "choice";
    case "true-false":
      return "boolean";
    case "type-answer":
      return "text";
    case "numeric":
      return "number";
    case "ordering":
      return "order";
    default:
      return "none";
  }
}

/** Derives the phone's whole view from the model. */
export function studentView(model: StudentModel): StudentView {
  if (model.stage === "join" || !model.game) {
    const finish = model.lastFinish;
    const lastFinish = finish
      ? `Last game (${finish.code}): ${finish.name} finished ${ordinal(finish.rank)} with ${plural(finish.score, "point")}.`
      : "";
    return {
      scene: "StudentJoinScene",
      title: "Hands Up — join",
      announce: model.joinError
        ? `Could not join: ${model.joinError}`
        : sentences("Join a game: type the code and a nickname", lastFinish),
      code: model.typedCode,
      name: model.typedName,
      error: model.joinError,
      joining: model.joining,
      lastFinish,
    };
  }
  if (model.stage === "removed" || model.stage === "left") return farewellView(model);
  const game = model.game;
  const me = myPlayer(model);
  const name = me?.name ?? model.typedName;
  const questionNo = `Question ${game.questionIndex + 1} of ${game.questionCount}`;
  const title = `Hands Up — ${name}`;
  switch (game.phase) {
    case "lobby": {
      const count = `${plural(game.playerCount, "player")} in the game`;
      const view = message(title, "You're in!", [name, count, "Watch the board: the teacher starts soon."], "good");
      return { ...view, announce: sentences("You're in!", `Your nickname is ${name}`, count, view.lines[2]) };
    }
    case "getReady": {
      const skipped = skippedLine(model, game.questionIndex - 1);
      const mode = game.roundMode === "buzzer" ? "Buzzer round: be the first to buzz!" : "Everyone answers.";
      return message(title, "Get ready!", [skipped, questionNo, mode].filter(Boolean), "neutral", game.phaseEndsAt);
    }
    case "question":
    case "answering":
      return questionView(model, title, questionNo);
    case "reveal":
      return revealView(model, title);
    case "leaderboard": {
      const lines = me
        ? [plural(me.score, "point"), me.rank > 0 ? `You're ${ordinal(me.rank)}` : "", gapLine(me, game.leaderboard)]
        : [];
      return result(title, "Leaderboard", "neutral", [...lines.filter(Boolean), "Look at the board!"], "");
    }
    case "podium":
    case "ended": {
      const skipped = skippedLine(model, game.questionIndex);
      const played = questionsPlayed(model);
      // A place is celebrated only with points to show for it: "You finished 3rd!" beside −500 is a taunt.
      const proud = me !== undefined && me.rank > 0 && me.score > 0;
      const heading = me && me.rank > 0 ? `You finished ${ordinal(me.rank)}${proud ? "!" : ""}` : "Game over";
      const lines = me ? [plural(me.score, "point"), `${me.correctCount} of ${played} right`] : [];
      if (skipped) lines.push(skipped);
      if (game.phase === "ended") lines.push("Thanks for playing!");
      return result(title, heading, proud && me.rank <= 3 ? "good" : "neutral", lines, "");
    }
  }
}

/** Questions that counted: the game's questions less those this phone saw skipped. */
function questionsPlayed(model: StudentModel): number {
  const game = model.game;
  if (!game) return 0;
  return Math.max(0, game.questionCount - model.skipped.length);
}

function skippedLine(model: StudentModel, questionIndex: number): string {
  return questionIndex >= 0 && model.skipped.includes(questionIndex)
    ? `Question ${questionIndex + 1} was skipped: it counts for nobody.`
    : "";
}

/** "12 points behind Ben" (or, in the lead, "80 points ahead of Ben"), from the shared leaderboard. */
export function gapLine(me: PlayerSnapshot, leaderboard: readonly LeaderRow[]): string {
  const others = leaderboard.filter((row) => row.playerId !== me.id);
  const ahead = others.filter((row) => row.score > me.score).sort((a, b) => a.score - b.score)[0];
  if (ahead) return `${plural(ahead.score - me.score, "point")} behind ${ahead.name}`;
  const tied = others.find((row) => row.score === me.score);
  if (tied) return `Level with ${tied.name}`;
  const next = others.filter((row) => row.score < me.score).sort((a, b) => b.score - a.score)[0];
  return next ? `${plural(me.score - next.score, "point")} ahead of ${next.name}` : "";
}

function farewellView(model: StudentModel): MessageView {
  if (model.stage === "removed") {
    return { ...message("Hands Up", "Removed", [model.farewell], "bad"), action: "join-another" };
  }
  const lost = model.connection === "closed";
  const finish = model.lastFinish;
  const finished = !lost && finish ? `You finished ${ordinal(finish.rank)} with ${plural(finish.score, "point")}.` : "";
  return {
    ...message(
      "Hands Up",
      lost ? "Disconnected" : "Game over",
      [finished, model.farewell].filter(Boolean),
      lost ? "bad" : "neutral",
    ),
    action: lost ? "rejoin" : "join-another",
  };
}

function message(
  title: string,
  heading: string,
  lines: string[],
  tone: MessageView["tone"],
  countdownTo = 0,
): MessageView {
  return {
    scene: "StudentMessageScene",
    title,
    announce: sentences(heading, ...lines),
    heading,
    lines,
    tone,
    countdownTo,
    action: "",
  };
}

function result(
  title: string,
  heading: string,
  tone: ResultView["tone"],
  lines: string[],
  explanation: string,
): ResultView {
  return {
    scene: "StudentResultScene",
    title,
    announce: sentences(heading, ...lines, explanation),
    heading,
    tone,
    lines,
    explanation,
  };
}

/** A status line as sentences: "Answer sent — waiting for others" → "Answer sent. Waiting for others." */
function spoken(status: string): string {
  return status.replace(/ — (.)/g, (_m, first: string) => `. ${first.toUpperCase()}`);
}

/** The options a question shows, as the phone labels them. */
export function optionsOf(game: GameSnapshot): string[] {
  const q = game.question;
  return q.type === "ordering" ? q.items : q.type === "true-false" ? ["True", "False"] : q.options;
}

/** The options read out in sentences: "A: Beria. B: Malenkov." (ordering: "1: …"). */
function optionsSpoken(type: QuestionType, options: readonly string[]): string[] {
  if (type === "ordering") return [`Put ${options.length} items in order`, ...options.map((o, i) => `${i + 1}: ${o}`)];
  return options.map((o, i) => `${answerStyle(i).letter}: ${o}`);
}

function buzzerStatus(model: StudentModel, game: GameSnapshot, me: PlayerSnapshot | undefined, answered: boolean) {
  const entries = game.buzzQueue;
  const mine = entries.findIndex((b) => b.playerId === me?.id);
  const myEntry = mine >= 0 ? entries[mine] : undefined;
  const buzzed = model.buzzedQuestion === game.questionIndex || myEntry !== undefined;
  const myTurn = game.phase === "answering" && me !== undefined && game.answeringPlayerId === me.id;
  if (myTurn) {
    // Only the very first in the queue hears "first"; the next in line after a wrong answer hears "your turn".
    const first = mine <= 0 && !entries.some((b) => b.status === "wrong");
    if (answered) return { controls: "none" as const, status: "Answer sent — the teacher is checking" };
    return { controls: undefined, status: first ? "You're first — answer now!" : "Your turn — answer now!" };
  }
  if (myEntry?.status === "wrong" || me?.lockedOut) {
    const who = game.phase === "answering" && game.answeringName ? ` ${game.answeringName} is answering now.` : "";
    return { controls: "none" as const, status: `Marked wrong — you're out of this question.${who}` };
  }
  // My place among those still waiting, counting the one answering now as 1st.
  const waitingAhead = entries
    .slice(0, Math.max(0, mine))
    .filter((b) => b.status === "waiting" || b.status === "answering");
  const place = waitingAhead.length + 1;
  if (game.phase === "answering") {
    if (!buzzed) return { controls: "buzz" as const, status: `${game.answeringName} is answering — buzz to be next` };
    // This phone may have pressed first, but the race was too close to call: say so, not "you were second".
    if (game.photoFinish !== null && myEntry?.contender) {
      return {
        controls: "none" as const,
        status: `Photo finish — too close to call. ${game.answeringName} answers first`,
      };
    }
    const where = mine < 0 ? "" : place - 1 === 1 ? " — you're next" : ` — you're ${ordinal(place - 1)} in line`;
    return { controls: "none" as const, status: `${game.answeringName} is answering${where}` };
  }
  if (game.rebuzz && myEntry === undefined) {
    return { controls: "buzz" as const, status: "Photo finish — too close to call: buzz again!" };
  }
  if (buzzed) {
    return {
      controls: "none" as const,
      status: mine >= 0 ? `Buzzed! You're ${ordinal(place)} in the queue` : "Buzzed! Waiting…",
    };
  }
  return { controls: "buzz" as const, status: "" };
}

function questionView(model: StudentModel, title: string, questionNo: string): QuestionView {
  const game = model.game!;
  const me = myPlayer(model);
  const q = game.question;
  const answered = model.answeredQuestion === game.questionIndex || me?.answered === true;
  let controls = controlsFor(q.type, q.multiSelect);
  let status = "";
  let deadline = me?.deadline || game.phaseEndsAt;
  let totalMs = q.timeLimitMs * (me?.extraTime ?? 1);
  if (game.roundMode === "buzzer") {
    const buzzer = buzzerStatus(model, game, me, answered);
    status = buzzer.status;
    if (buzzer.controls) controls = buzzer.controls;
    if (game.phase === "answering" && me !== undefined && game.answeringPlayerId === me.id) {
      deadline = game.answeringEndsAt;
      totalMs = Math.max(1000, game.answeringEndsAt - game.answeringStartedAt);
    }
  } else if (answered) {
    controls = "none";
    status = "Answer sent — waiting for others";
  }
  if (game.paused) status = "Paused by the teacher";
  const prompt = game.showPromptOnPhones ? q.prompt : "Look at the board for the question.";
  // A several-answer question says so under the prompt (its prompt may not).
  const hint = controls === "multi" && status === "" ? MULTI_SELECT_HINT : "";
  status ||= hint;
  const options = optionsOf(game);
  const shownControls = game.paused ? "none" : controls;
  const answering = shownControls !== "none" && shownControls !== "buzz";
  // The notice belongs to one question: a "time is up" from question 1 is not shown under question 2.
  const notice = model.noticeFor === game.questionIndex ? model.notice : "";
  const say = sentences(
    questionNo,
    status === hint ? "" : spoken(status),
    !status || status === hint || answering ? prompt : "",
    answering &&
      (shownControls === "choice" ||
        shownControls === "multi" ||
        shownControls === "boolean" ||
        shownControls === "order")
      ? optionsSpoken(q.type, options).join(". ")
      : "",
    hint ? `${hint}, then Submit` : "",
    shownControls === "buzz" && !status ? "Press BUZZ or the space bar to answer" : "",
    notice,
  );
  return {
    scene: "StudentQuestionScene",
    title,
    announce: say,
    header: game.roundMode === "buzzer" ? `${questionNo} · Buzzer` : questionNo,
    questionIndex: game.questionIndex,
    prompt,
    questionType: q.type,
    controls: shownControls,
    options,
    unit: q.unit,
    status,
    notice,
    deadline,
    totalMs,
    paused: game.paused,
    pausedRemainingMs: game.pausedRemainingMs,
    offline: model.connection !== "online",
  };
}

function revealView(model: StudentModel, title: string): ResultView {
  const game = model.game!;
  const me = myPlayer(model);
  const answerLine = game.reveal.correctText ? `Answer: ${game.reveal.correctText}` : "";
  const picked =
    model.lastAnswer.questionIndex === game.questionIndex && model.lastAnswer.text
      ? `You answered: ${model.lastAnswer.text}`
      : "";
  const rankLine = me && me.rank > 0 ? `You're ${ordinal(me.rank)} with ${plural(me.score, "point")}` : "";
  const explanation = game.reveal.explanation;
  switch (me?.lastResult) {
    case "correct": {
      const points = `+${plural(me.lastPoints, "point")}`;
      const bonus = me.lastBonus > 0 ? `includes +${me.lastBonus} streak bonus (${me.streak} in a row)` : "";
      return result(title, "Correct!", "good", [points, bonus, picked, rankLine].filter(Boolean), explanation);
    }
    case "wrong": {
      const lost = me.lastPoints < 0 ? `${me.lastPoints} points` : "No points this time";
      return result(title, "Not quite", "bad", [lost, picked, answerLine, rankLine].filter(Boolean), explanation);
    }
    case "missed":
      return result(title, "Time's up", "bad", ["No answer sent", answerLine, rankLine].filter(Boolean), explanation);
    default:
      return result(title, "The answer", "neutral", [picked, answerLine, rankLine].filter(Boolean), explanation);
  }
}
