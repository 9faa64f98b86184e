import { describePhotoFinish } from "@handsup/shared/rules/photo-finish.ts";
import type { BuzzSnapshot, GameSnapshot, LeaderRow, QuestionType } from "../net/snapshot.ts";
import type { BaseView } from "../ui/director.ts";
import type { BankInfo, HostModel } from "./host-model.ts";

/** What the projector shows, derived from the model alone. */

export interface ToolbarButton {
  id: string;
  label: string;
  kind?: "primary" | "good" | "bad";
  enabled?: boolean;
  pressed?: boolean;
}

export interface CreateView extends BaseView {
  scene: "HostCreateScene";
  banks: BankInfo[];
  passwordRequired: boolean;
  error: string;
  creating: boolean;
}

export interface LobbyView extends BaseView {
  scene: "HostLobbyScene";
  code: string;
  joinUrl: string;
  /**
   * each student with their time limit factor (1, 1.5 or 2) for the teacher's menu; the chip's
   * text is the name alone: an accommodation is never shown to the class
   */
  players: { id: string; name: string; extraTime: number; label: string; connected: boolean }[];
  locked: boolean;
  toolbar: ToolbarButton[];
  warning: string;
}

export interface QuestionStageView extends BaseView {
  scene: "HostQuestionScene";
  /** "Question 2 was skipped." on the next get-ready ("" = nothing skipped just now) */
  skippedNotice: string;
  stage: "getReady" | "question" | "answering";
  header: string;
  prompt: string;
  questionType: QuestionType;
  options: string[];
  mode: "everyone" | "buzzer";
  answersLine: string;
  buzzQueue: BuzzSnapshot[];
  /** "Photo finish — 12 ms, within the margin (±40 ms)" when the first presses were too close to call; else "" */
  photoFinishLine: string;
  answeringName: string;
  countdownTo: number;
  totalMs: number;
  paused: boolean;
  pausedRemainingMs: number;
  peekText: string;
  toolbar: ToolbarButton[];
  notice: string;
}

export interface RevealView extends BaseView {
  scene: "HostRevealScene";
  header: string;
  prompt: string;
  questionType: QuestionType;
  /** one bar per option (choice questions) or Right / Wrong */
  bars: { label: string; count: number; correct: boolean; style: number }[];
  correctText: string;
  explanation: string;
  summary: string;
  toolbar: ToolbarButton[];
}

export interface LeaderboardView extends BaseView {
  scene: "HostLeaderboardScene";
  header: string;
  rows: LeaderRow[];
  /** each row's rank on the previous leaderboard (0 = new to the top 10) */
  previousRanks: Record<string, number>;
  toolbar: ToolbarButton[];
}

export interface PodiumView extends BaseView {
  scene: "HostPodiumScene";
  title: string;
  top: LeaderRow[];
  /** "12 questions played" (and how many were skipped) */
  played: string;
  ended: boolean;
  resultsUrl: string;
  toolbar: ToolbarButton[];
}

export type HostView = CreateView | LobbyView | QuestionStageView | RevealView | LeaderboardView | PodiumView;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The "Show question on phones" toggle, in the lobby and while a question is up. */
function promptToggle(shown: boolean): ToolbarButton {
  return { id: "prompt-on-phones", label: "Show question on phones", pressed: shown };
}

/** The join URL students type or scan: the first LAN address, else this page's own origin. */
export function joinUrlFor(code: string, lanUrls: string[], origin: string): string {
  return `${lanUrls[0] ?? origin}/?code=${code}`;
}

/** Derives the projector's whole view from the model. */
export function hostView(model: HostModel, origin: string): HostView {
  const game = model.game;
  if (model.stage === "create" || !game) {
    return {
      scene: "HostCreateScene",
      title: "Hands Up — new game",
      announce: model.createError ? `Could not create the game: ${model.createError}` : "Create a game",
      banks: model.banks,
      passwordRequired: model.hostPasswordRequired,
      error: model.createError,
      creating: model.creating,
    };
  }
  const title = `Hands Up — ${game.code}`;
  const questionNo = `Question ${game.questionIndex + 1} of ${game.questionCount}`;
  const round = game.roundCount > 1 ? ` · Round ${game.roundIndex + 1} of ${game.roundCount}` : "";
  switch (game.phase) {
    case "lobby": {
      const players = game.players.map((p) => ({
        id: p.id,
        name: p.name,
        extraTime: p.extraTime,
        label: p.connected ? p.name : `${p.name} (offline)`,
        connected: p.connected,
      }));
      return {
        scene: "HostLobbyScene",
        title,
        announce: `Lobby: code ${game.code}. ${plural(players.length, "player")} joined${players.length ? `: ${players.map((p) => p.name).join(", ")}` : ""}.`,
        code: game.code,
        joinUrl: joinUrlFor(game.code, model.lanUrls, origin),
        players,
        locked: game.lobbyLocked,
        warning: model.createWarning,
        toolbar: [
          { id: "lock", label: game.lobbyLocked ? "Unlock joining" : "Lock joining" },
          promptToggle(game.showPromptOnPhones),
          { id: "start", label: "Start", kind: "primary", enabled: players.length > 0 },
        ],
      };
    }
    case "getReady":
    case "question":
    case "answering":
      return questionStage(model, title, `${questionNo}${round}`);
    case "reveal":
      return revealView(model, title, `${questionNo}${round}`);
    case "leaderboard": {
      const previousRanks: Record<string, number> = {};
      for (const row of model.previousLeaderboard) previousRanks[row.playerId] = row.rank;
      return {
        scene: "HostLeaderboardScene",
        title,
        announce: `Leaderboard after ${questionNo.toLowerCase()}: ${game.leaderboard
          .slice(0, 5)
          .map((r) => `${r.rank}. ${r.name} ${r.score}`)
          .join(", ")}`,
        header: `Leaderboard after ${questionNo.toLowerCase()}`,
        rows: game.leaderboard,
        previousRanks,
        toolbar: [
          {
            id: "next",
            label: game.questionIndex + 1 >= game.questionCount ? "Podium" : "Next question",
            kind: "primary",
          },
        ],
      };
    }
    case "podium":
    case "ended": {
      const top = game.leaderboard.slice(0, 3);
      const ended = game.phase === "ended";
      const skippedCount = model.skipped.length;
      const playedCount = Math.max(0, game.questionCount - skippedCount);
      const played = `${plural(playedCount, "question")} played${skippedCount ? `, ${skippedCount} skipped` : ""}`;
      return {
        scene: "HostPodiumScene",
        title,
        announce: `${ended ? "Game over" : "Podium"}: ${top.map((r) => `${r.rank}. ${r.name} ${r.score} points`).join(", ")}. ${played}.`,
        top,
        played,
        ended,
        resultsUrl: `/api/games/${game.code}/results.csv?key=${encodeURIComponent(model.hostKey)}`,
        toolbar: [
          { id: "results-page", label: "Results page" },
          { id: "download", label: "Download results (CSV)" },
          ended
            ? { id: "new-game", label: "New game", kind: "primary" }
            : { id: "end", label: "End game", kind: "primary" },
        ],
      };
    }
  }
}

function questionStage(model: HostModel, title: string, header: string): QuestionStageView {
  const game = model.game!;
  const q = game.question;
  const buzzer = game.roundMode === "buzzer";
  const stage = game.phase as QuestionStageView["stage"];
  const countdownTo = stage === "answering" ? game.answeringEndsAt : game.phaseEndsAt;
  const totalMs =
    stage === "getReady"
      ? 3000
      : stage === "answering"
        ? Math.max(1000, game.answeringEndsAt - game.answeringStartedAt)
        : q.timeLimitMs;
  // Honest counts: out of every player in the game, and say when phones have dropped.
  // A connected count of 0 means "not counted yet" (counters are coalesced), not "every phone dropped".
  const offline = game.connectedCount > 0 ? Math.max(0, game.playerCount - game.connectedCount) : 0;
  const offlineNote = offline > 0 ? ` · ${plural(offline, "phone")} offline` : "";
  const answersLine = buzzer
    ? `${plural(game.buzzQueue.length, "buzz", "buzzes")}${offlineNote}`
    : `${game.answersIn} of ${game.playerCount} answered${offlineNote}`;
  const skippedNotice =
    stage === "getReady" && model.skipped.includes(game.questionIndex - 1)
      ? `Question ${game.questionIndex} was skipped: it counts for nobody.`
      : "";
  const toolbar: ToolbarButton[] =
    stage === "getReady"
      ? [promptToggle(game.showPromptOnPhones), { id: "next", label: "Show question now", kind: "primary" }]
      : [
          { id: game.paused ? "resume" : "pause", label: game.paused ? "Resume (P)" : "Pause (P)" },
          { id: "extend", label: "+10 s" },
          { id: "skip", label: "Skip" },
          ...(stage === "answering"
            ? [
                { id: "mark-right", label: `${game.answeringName} is right`, kind: "good" as const },
                { id: "mark-wrong", label: "Wrong", kind: "bad" as const },
              ]
            : []),
          { id: "peek", label: model.peek ? "Hide answer" : "Show answer to me" },
          promptToggle(game.showPromptOnPhones),
          { id: "reveal-now", label: "Reveal now", kind: "primary" },
        ];
  const photoFinishLine = buzzer && stage !== "getReady" ? photoFinishText(game) : "";
  const say =
    stage === "getReady"
      ? `Get ready: ${header}${buzzer ? ", buzzer round" : ""}${skippedNotice ? `. ${skippedNotice}` : ""}`
      : stage === "answering"
        ? `${photoFinishLine ? `${photoFinishLine}. ` : ""}${game.answeringName} is answering`
        : game.rebuzz
          ? photoFinishLine
          : `${header}: ${q.prompt}`;
  return {
    scene: "HostQuestionScene",
    title,
    announce: game.paused ? `Paused. ${say}` : say,
    skippedNotice,
    stage,
    header: buzzer ? `${header} · Buzzer` : header,
    prompt: stage === "getReady" ? "" : q.prompt,
    questionType: q.type,
    options:
      stage === "getReady"
        ? []
        : q.type === "ordering"
          ? q.items
          : q.type === "true-false"
            ? ["True", "False"]
            : q.options,
    mode: game.roundMode,
    answersLine,
    buzzQueue: game.buzzQueue,
    photoFinishLine,
    answeringName: game.answeringName,
    countdownTo,
    totalMs,
    paused: game.paused,
    pausedRemainingMs: game.pausedRemainingMs,
    peekText: model.peek ? game.hostSecret.correctText : "",
    toolbar,
    notice: model.notice,
  };
}

function revealView(model: HostModel, title: string, header: string): RevealView {
  const game = model.game!;
  const q = game.question;
  const reveal = game.reveal;
  const choice = q.type === "multiple-choice" || q.type === "true-false";
  const labels = q.type === "true-false" ? ["True", "False"] : q.options;
  const bars = choice
    ? labels.map((label, i) => ({
        label,
        count: reveal.distribution[i] ?? 0,
        correct: reveal.correctOptionIndices.includes(i),
        style: i,
      }))
    : [
        { label: "Right", count: reveal.distribution[0] ?? 0, correct: true, style: 3 },
        { label: "Wrong", count: reveal.distribution[1] ?? 0, correct: false, style: 0 },
      ];
  const noAnswer = Math.max(0, game.playerCount - reveal.answeredCount);
  const summary = `${reveal.answeredCount} of ${game.playerCount} answered · ${reveal.correctCount} correct · ${noAnswer} no answer`;
  return {
    scene: "HostRevealScene",
    title,
    announce: `Answer: ${reveal.correctText}. ${summary.replaceAll(" · ", ", ")}.`,
    header,
    prompt: q.prompt,
    questionType: q.type,
    bars,
    correctText: reveal.correctText,
    explanation: reveal.explanation,
    summary,
    toolbar: [{ id: "next", label: "Leaderboard", kind: "primary" }],
  };
}

/** What the projector says about a race too close to call (or the re-buzz it led to). */
function photoFinishText(game: GameSnapshot): string {
  if (game.rebuzz) return "Photo finish — too close to call: everyone buzz again!";
  if (!game.photoFinish) return "";
  const text = describePhotoFinish(game.photoFinish);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
