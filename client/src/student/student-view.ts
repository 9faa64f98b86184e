import type { QuestionType } from "../net/snapshot.ts";
import type { BaseView } from "../ui/director.ts";
import { myPlayer, type StudentModel } from "./student-model.ts";

/** What the phone shows, derived from the model alone: the scenes draw exactly this. */

export type StudentControls = "choice" | "multi" | "boolean" | "text" | "number" | "order" | "buzz" | "none";

export interface JoinView extends BaseView {
  scene: "StudentJoinScene";
  code: string;
  name: string;
  error: string;
  joining: boolean;
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
    return {
      scene: "StudentJoinScene",
      title: "Hands Up — join",
      announce: model.joinError ? `Could not join: ${model.joinError}` : "Join a game: type the code and a nickname.",
      code: model.typedCode,
      name: model.typedName,
      error: model.joinError,
      joining: model.joining,
    };
  }
  if (model.stage === "removed" || model.stage === "left") return farewellView(model);
  const game = model.game;
  const me = myPlayer(model);
  const name = me?.name ?? model.typedName;
  const questionNo = `Question ${game.questionIndex + 1} of ${game.questionCount}`;
  const title = `Hands Up — ${name}`;
  switch (game.phase) {
    case "lobby":
      return message(
        title,
        "You're in!",
        [name, `${plural(game.playerCount, "player")} in the game`, "Watch the board: the teacher starts soon."],
        "good",
      );
    case "getReady":
      return message(
        title,
        "Get ready!",
        [questionNo, game.roundMode === "buzzer" ? "Buzzer round: be the first to buzz!" : "Everyone answers."],
        "neutral",
        game.phaseEndsAt,
      );
    case "question":
    case "answering":
      return questionView(model, title, questionNo);
    case "reveal":
      return revealView(model, title);
    case "leaderboard": {
      const lines = me
        ? [`${plural(me.score, "point")}`, me.rank > 0 ? `You're ${ordinal(me.rank)}` : ""].filter(Boolean)
        : [];
      return result(title, "Leaderboard", "neutral", [...lines, "Look at the board!"], "");
    }
    case "podium":
    case "ended": {
      const heading = me && me.rank > 0 ? `You finished ${ordinal(me.rank)}!` : "Game over";
      const lines = me ? [`${plural(me.score, "point")}`, `${me.correctCount} of ${game.questionCount} right`] : [];
      if (game.phase === "ended") lines.push("Thanks for playing!");
      return result(title, heading, me && me.rank > 0 && me.rank <= 3 ? "good" : "neutral", lines, "");
    }
  }
}

function farewellView(model: StudentModel): MessageView {
  if (model.stage === "removed") {
    return { ...message("Hands Up", "Removed", [model.farewell], "bad"), action: "join-another" };
  }
  const lost = model.connection === "closed";
  return {
    ...message("Hands Up", lost ? "Disconnected" : "Game over", [model.farewell], lost ? "bad" : "neutral"),
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
    announce: [heading, ...lines].join(" "),
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
    announce: [heading, ...lines].join(" "),
    heading,
    tone,
    lines,
    explanation,
  };
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
    const myTurn = game.phase === "answering" && me !== undefined && game.answeringPlayerId === me.id;
    if (myTurn) {
      deadline = game.answeringEndsAt;
      totalMs = Math.max(1000, game.answeringEndsAt - game.answeringStartedAt);
      status = answered ? "Answer sent — the teacher is checking" : "You're first — answer now!";
      if (answered) controls = "none";
    } else if (game.phase === "answering") {
      // Someone else's turn: a student who hasn't buzzed yet may still buzz to be next.
      const canBuzz = !me?.lockedOut && model.buzzedQuestion !== game.questionIndex;
      controls = canBuzz ? "buzz" : "none";
      status = canBuzz ? `${game.answeringName} is answering — buzz to be next` : `${game.answeringName} is answering`;
      // This phone may have pressed first, but the race was too close to call: say so, not "you were second".
      const lostPhotoFinish =
        game.photoFinish !== null && game.buzzQueue.some((b) => b.playerId === me?.id && b.contender);
      if (lostPhotoFinish) status = `Photo finish — too close to call. ${game.answeringName} answers first`;
    } else if (me?.lockedOut) {
      controls = "none";
      status = "Locked out of this question";
    } else if (game.rebuzz && !game.buzzQueue.some((b) => b.playerId === me?.id)) {
      controls = "buzz";
      status = "Photo finish — too close to call: buzz again!";
    } else if (model.buzzedQuestion === game.questionIndex) {
      controls = "none";
      const place = game.buzzQueue.findIndex((b) => b.playerId === me?.id);
      status = place >= 0 ? `Buzzed! You're ${ordinal(place + 1)} in the queue` : "Buzzed! Waiting…";
    } else {
      controls = "buzz";
    }
  } else if (answered) {
    controls = "none";
    status = "Answer sent — waiting for others";
  }
  if (game.paused) status = "Paused by the teacher";
  const prompt = game.showPromptOnPhones ? q.prompt : "Look at the board for the question.";
  const hint = controls === "multi" && status === "" ? MULTI_SELECT_HINT : "";
  status ||= hint;
  const say = [questionNo, hint ? `${prompt} ${hint}.` : status || prompt].join(": ");
  return {
    scene: "StudentQuestionScene",
    title,
    announce: say,
    header: game.roundMode === "buzzer" ? `${questionNo} · Buzzer` : questionNo,
    questionIndex: game.questionIndex,
    prompt,
    questionType: q.type,
    controls: game.paused ? "none" : controls,
    options: q.type === "ordering" ? q.items : q.type === "true-false" ? ["True", "False"] : q.options,
    unit: q.unit,
    status,
    notice: model.notice,
    deadline,
    totalMs,
    paused: game.paused,
    pausedRemainingMs: game.pausedRemainingMs,
  };
}

function revealView(model: StudentModel, title: string): ResultView {
  const game = model.game!;
  const me = myPlayer(model);
  const answerLine = game.reveal.correctText ? `Answer: ${game.reveal.correctText}` : "";
  const rankLine = me && me.rank > 0 ? `You're ${ordinal(me.rank)} with ${plural(me.score, "point")}` : "";
  switch (me?.lastResult) {
    case "correct": {
      const points = `+${plural(me.lastPoints, "point")}`;
      const bonus = me.lastBonus > 0 ? `includes +${me.lastBonus} streak bonus (${me.streak} in a row)` : "";
      return result(title, "Correct!", "good", [points, bonus, rankLine].filter(Boolean), game.reveal.explanation);
    }
    case "wrong": {
      const lost = me.lastPoints < 0 ? `${me.lastPoints} points` : "No points this time";
      return result(title, "Not quite", "bad", [lost, answerLine, rankLine].filter(Boolean), game.reveal.explanation);
    }
    case "missed":
      return result(
        title,
        "Time's up",
        "bad",
        ["No answer sent", answerLine, rankLine].filter(Boolean),
        game.reveal.explanation,
      );
    default:
      return result(title, "The answer", "neutral", [answerLine, rankLine].filter(Boolean), game.reveal.explanation);
  }
}
