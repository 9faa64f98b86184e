import { ArraySchema } from "@colyseus/schema";
import {
  buzzQueue,
  type Game,
  type Player,
  photoFinish,
  playerDeadline,
  revealOf,
  standings,
  topN,
} from "@handsup/shared";
import {
  BuzzEntryState,
  type LastResult,
  PlayerState,
  type PlayerState as PlayerStateType,
  type QuizState,
} from "@handsup/shared/state/quiz-state.ts";
import { clearReveal, leaderboardRows, writePublicQuestion, writeReveal } from "./state-writers.ts";

/** Big rooms sync only the top rows; each student gets their own score and rank in their own entry. */
export const LEADERBOARD_SIZE = 10;

/**
 * Game → schema state. Only copies what the reducer decided (no scoring, ranking or ordering here). What each
 * client may see is the StateViews' job: `players` entries and `hostSecret` are view-tagged, so a student gets
 * only their own entry; nothing else in the state holds an answer before the reveal.
 */
export class Projection {
  private readonly views = new Map<string, PlayerStateType>();
  private questionShown = -2;
  private revealShown = false;
  private queueKey = "";
  private leaderboardKey = "";

  private readonly state: QuizState;
  /** a student's entry was created: every host screen must see it */
  private readonly onNewPlayer: (view: PlayerStateType) => void;

  constructor(state: QuizState, onNewPlayer: (view: PlayerStateType) => void) {
    this.state = state;
    this.onNewPlayer = onNewPlayer;
  }

  /** The synchronised entry of one player (for a connecting student's own view). */
  viewOf(playerId: string): PlayerStateType | undefined {
    return this.views.get(playerId);
  }

  /** Every player entry (a host screen sees them all). */
  allViews(): IterableIterator<PlayerStateType> {
    return this.views.values();
  }

  /** The whole game: after a phase change, a score change, a kick, a restore. */
  full(game: Game): void {
    this.shared(game);
    const ranked = this.showsRanks(game) ? standings(game) : [];
    const rankById = new Map(ranked.map((row) => [row.playerId, row.rank]));
    for (const playerId of game.playerOrder) this.player(game, playerId, rankById.get(playerId) ?? 0);
    for (const playerId of [...this.views.keys()]) {
      if (game.players[playerId]?.status !== "active") this.removePlayer(playerId);
    }
    const leaderboard = topN(ranked, LEADERBOARD_SIZE);
    const key = leaderboard.map((row) => `${row.playerId}:${row.rank}:${row.score}:${row.name}`).join("|");
    if (key !== this.leaderboardKey) {
      this.leaderboardKey = key;
      this.state.leaderboard = leaderboardRows(leaderboard);
    }
    this.counters(game);
  }

  /** One student's entry (their answer went in, their screen showed the question, they came or went). */
  onePlayer(game: Game, playerId: string): void {
    const current = this.views.get(playerId)?.rank ?? 0;
    this.player(game, playerId, current);
    if (game.players[playerId]?.status !== "active") this.removePlayer(playerId);
    this.shared(game);
  }

  /**
   * The teacher's banner when results cannot be saved (reason undefined: all is well again). Returns the new text
   * when it changed (to tell the host screens at once), else undefined.
   */
  storeProblem(reason: string | undefined): string | undefined {
    const text =
      reason === undefined ? "" : `Results cannot be saved right now: ${reason}. The game waits until they can.`;
    if (this.state.hostSecret.storeProblem === text) return undefined;
    this.state.hostSecret.storeProblem = text;
    return text === "" ? undefined : text;
  }

  /** The live counters; written on a timer (a burst of answers becomes a few frames, not thousands). */
  counters(game: Game): void {
    const state = this.state;
    set(state, "answersIn", game.current?.answerCount ?? 0);
    set(state, "playerCount", game.activeCount);
    set(state, "connectedCount", game.connectedCount);
  }

  private showsRanks(game: Game): boolean {
    const phase = game.phase.name;
    return game.ledger.length > 0 || phase === "reveal" || phase === "leaderboard" || phase === "podium";
  }

  /** Everything every screen shares: phase, clocks, the question, the buzz queue, the reveal, the host's secret. */
  private shared(game: Game): void {
    const state = this.state;
    const { phase } = game;
    const current = game.current;
    const index = phase.questionIndex;
    const played = index >= 0 ? game.questions[index] : undefined;
    set(state, "code", game.code);
    set(state, "title", game.title);
    set(state, "questionCount", game.questions.length);
    set(state, "roundCount", game.roundCount);
    set(state, "lobbyLocked", game.lockedLobby);
    set(state, "showPromptOnPhones", game.showPromptOnPhones);
    set(state, "phase", phase.name);
    set(state, "paused", phase.paused !== null);
    set(state, "pausedRemainingMs", phase.paused?.remainingMs ?? 0);
    set(state, "phaseEndsAt", phase.endsAt ?? 0);
    set(state, "questionIndex", index);
    set(state, "roundIndex", played?.roundIndex ?? -1);
    set(state, "roundMode", played?.mode ?? game.questions[0]?.mode ?? "everyone");
    set(state, "questionOpenedAt", current?.openedAt ?? 0);
    const turn = current?.turn ?? null;
    const answering = phase.name === "answering" && turn !== null;
    set(state, "answeringPlayerId", answering ? turn.playerId : "");
    set(state, "answeringName", answering ? (game.players[turn.playerId]?.name ?? "") : "");
    set(state, "answeringStartedAt", answering ? turn.startedAt : 0);
    set(state, "answeringEndsAt", answering ? turn.endsAt : 0);

    if (played && index !== this.questionShown) {
      this.questionShown = index;
      writePublicQuestion(state.question, played.prepared.public);
      state.hostSecret.correctText = revealOf(played.prepared).correctText;
    }
    const live = current?.distribution ?? [];
    if (!sameNumbers(state.hostSecret.liveDistribution, live)) {
      state.hostSecret.liveDistribution = new ArraySchema(...live);
    }

    const showReveal =
      played !== undefined && current?.revealed != null && (phase.name === "reveal" || phase.name === "leaderboard");
    if (showReveal && !this.revealShown && current?.revealed) {
      writeReveal(state.reveal, revealOf(played.prepared), {
        distribution: current.revealed.distribution,
        answered: current.revealed.answered,
        correct: current.revealed.correct,
      });
      this.revealShown = true;
    } else if (!showReveal && this.revealShown) {
      clearReveal(state.reveal);
      this.revealShown = false;
    }

    const queue = current ? buzzQueue(game) : [];
    const key = queue.map((row) => `${row.playerId}:${row.status}:${row.gapMs}:${row.marginMs}`).join("|");
    if (key !== this.queueKey) {
      this.queueKey = key;
      const rows = new ArraySchema<InstanceType<typeof BuzzEntryState>>();
      for (const row of queue) {
        const entry = new BuzzEntryState();
        entry.playerId = row.playerId;
        entry.name = game.players[row.playerId]?.name ?? "";
        entry.gapMs = Math.round(row.gapMs);
        entry.marginMs = row.marginMs;
        entry.contender = row.contender;
        entry.status = row.status;
        rows.push(entry);
      }
      state.buzzQueue = rows;
      // Too close to call (rules/photo-finish.ts): the projector says so, and the phones of the other contenders.
      const finish = current ? photoFinish(current.buzzes) : undefined;
      state.photoFinish = finish !== undefined;
      state.photoFinishGapMs = finish?.gapMs ?? 0;
      state.photoFinishMarginMs = finish?.marginMs ?? 0;
    }
    const rebuzz = current?.rebuzzed === true && current.buzzes.length === 0 && game.phase.name === "question";
    if (state.rebuzz !== rebuzz) state.rebuzz = rebuzz;
  }

  private player(game: Game, playerId: string, rank: number): void {
    const player = game.players[playerId];
    if (player?.status !== "active") return;
    let view = this.views.get(playerId);
    if (!view) {
      view = new PlayerState();
      this.views.set(playerId, view);
      this.state.players.set(playerId, view);
      this.onNewPlayer(view);
    }
    writePlayer(view, game, player, rank);
  }

  private removePlayer(playerId: string): void {
    if (!this.views.has(playerId)) return;
    this.views.delete(playerId);
    this.state.players.delete(playerId);
  }
}

function writePlayer(view: PlayerStateType, game: Game, player: Player, rank: number): void {
  const current = game.current;
  const index = game.phase.questionIndex;
  const mode = index >= 0 ? game.questions[index]?.mode : undefined;
  const id = player.id;
  set(view, "name", player.name);
  set(view, "connected", player.connected);
  set(view, "score", player.score);
  set(view, "rank", rank);
  set(view, "streak", player.streak);
  set(view, "correctCount", player.correctCount);
  set(view, "lastResult", player.lastResult satisfies LastResult);
  set(view, "lastPoints", player.lastPoints);
  set(view, "lastBonus", player.lastBonus);
  set(view, "extraTime", player.extraTime);
  const answered = current ? (mode === "buzzer" ? id in current.tried : id in current.answers) : false;
  set(view, "answered", answered);
  set(view, "lockedOut", current?.tried[id] === "wrong");
  set(view, "lockedOutUntil", current?.earlyLockUntil[id] ?? 0);
  set(view, "deadline", current ? (playerDeadline(game, player) ?? 0) : 0);
}

/** Assigns only a changed value: an unchanged one would still cost a patch. */
function set<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (target[key] !== value) target[key] = value;
}

function sameNumbers(have: ArrayLike<number>, want: readonly number[]): boolean {
  if (have.length !== want.length) return false;
  for (let i = 0; i < want.length; i++) if (have[i] !== want[i]) return false;
  return true;
}
