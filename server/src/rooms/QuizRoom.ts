import { type Client, type Delayed, Room, ServerError } from "@colyseus/core";
import { ArraySchema, StateView } from "@colyseus/schema";
import {
  type AnswerInput,
  AnswerInputSchema,
  answerToText,
  arbitrationWindowMs,
  buzzGapsMs,
  CLIENT_MESSAGES,
  CLOSE_GAME_ENDED,
  CLOSE_KICKED,
  type ClientMessageType,
  checkAnswer,
  createRng,
  distributionBucket,
  distributionLabels,
  type ErrorCode,
  earlyBuzzLockedUntil,
  fairPressTime,
  fairShownAt,
  type GrantExtraTimeSchema,
  generateJoinCode,
  HOST_ONLY_MESSAGES,
  HostJoinOptionsSchema,
  JoinErrorCode,
  nextPhaseAfter,
  nextToAnswer,
  nicknameKey,
  PHASES,
  type PreparedQuestion,
  prepareQuestion,
  rankStandings,
  responseTimeMs,
  revealOf,
  STUDENT_ONLY_MESSAGES,
  StudentJoinOptionsSchema,
  scoreBuzzerAnswer,
  scoreEveryoneAnswer,
  studentDeadline,
  topN,
  validateNickname,
} from "@handsup/shared";
import type { z } from "zod";
import { hostKeyMatches } from "../results/host-key.ts";
import { SPOKEN_ANSWER_TEXT } from "../results/results-store.ts";
import { answerFitsQuestion, asBooleanIfTrueFalse, buzzerBucket, Refusal } from "./answer-fit.ts";
import type { GameSetup } from "./game-setup.ts";
import { trackLocalGame } from "./local-games.ts";
import { BuzzEntryState, LeaderRowState, PlayerState, QuizState } from "./quiz-state.ts";
import { roomServices } from "./room-services.ts";
import { acceptPong, type BuzzRecord, newBucket, newSeat, type Seat, schedulePing, spendToken } from "./seat.ts";
import { redeemSetupTicket } from "./setup-tickets.ts";
import { clearReveal, leaderboardRows, writePublicQuestion, writeReveal } from "./state-writers.ts";

interface HostConnection {
  sessionId: string;
  bucket: ReturnType<typeof newBucket>;
  pendingPings: number[];
  clockHistory: Seat["clockHistory"];
  clock: Seat["clock"];
  pingsSent: number;
  nextPingAt: number;
}

interface PlayedQuestion {
  prepared: PreparedQuestion;
  mode: "everyone" | "buzzer";
  roundIndex: number;
}

type Auth = { role: "host" } | { role: "student"; name: string; deviceId: string | undefined };

const CODES_KEY = "handsup:codes";
// The get-ready countdown comes from the phase table in @handsup/shared (phases as data).
const GET_READY_MS = PHASES.getReady.durationMs ?? 3000;
const AUTO_ADVANCE_MS = 6000;
const LEADERBOARD_SIZE = 10;
const PING_TICK_MS = 250;
/**
 * Live counters (answers in, players, connected) reach the screens at most this often. Each change to
 * shared state costs one frame per client in the room, so 2,000 answers arriving in a burst become a
 * few frames instead of 2,000 (BENCHMARKS.md). A projector lagging a quarter second is invisible.
 */
const COUNTER_FLUSH_MS = 250;
const IDLE_DISPOSE_MS = 15 * 60 * 1000;

/**
 * One live game. The room only wires (DESIGN.md): it checks each message, asks a rule in
 * @handsup/shared what it means, writes the outcome into the synchronised state and the results
 * store, and keeps the phase clock. Deadlines are absolute server times.
 */
export class QuizRoom extends Room<{ state: QuizState }> {
  override state = new QuizState();

  private setup!: GameSetup;
  private questions: PlayedQuestion[] = [];
  private seats = new Map<string, Seat>(); // by playerId
  private seatBySession = new Map<string, Seat>();
  private seatByNameKey = new Map<string, Seat>();
  private hosts = new Map<string, HostConnection>();
  private bannedDevices = new Set<string>();
  private bannedNameKeys = new Set<string>();
  private phaseTimer: Delayed | undefined;
  private arbitrationTimer: Delayed | undefined;
  private buzzes: BuzzRecord[] = [];
  private triedThisQuestion = new Set<string>();
  private pausedAt = 0;
  private remainingQuestionMs = 0;
  private scoreSequence = 0;
  private codeClaimed = false;
  /** exact count of answers to the current question; the state's copy is flushed on a timer */
  private answersIn = 0;
  private countersDirty = false;

  // ── lifecycle ────────────────────────────────────────────────────────────────────────────────

  override async onCreate(options: unknown) {
    const ticket = await redeemSetupTicket(options); // only POST /api/games makes games (issue 8 item 4)
    trackLocalGame(this); // announced again after a Redis restart (issue 8 item 13)
    this.setup = ticket.setup;
    const rng = createRng(this.setup.seed);
    this.setup.rounds.forEach((round, roundIndex) => {
      for (const planned of round.questions) {
        const prepared = prepareQuestion(planned.question, planned.bankId, rng);
        if (this.setup.settings.timeLimitSec !== undefined) {
          prepared.public.timeLimitMs = this.setup.settings.timeLimitSec * 1000;
        }
        this.questions.push({ prepared, mode: round.mode, roundIndex });
      }
    });

    const code = await this.claimCode(ticket.code);
    this.roomId = code;
    this.maxClients = this.setup.settings.maxPlayers + 20; // room for host screens and reconnecting phones
    // An empty game is kept for a while (a teacher's reload, a class's Wi-Fi outage), then closed.
    this.autoDispose = false;
    this.scheduleIdleDispose();
    this.maxMessagesPerSecond = 60; // a flood far beyond any honest phone is cut off

    const state = this.state;
    state.code = code;
    state.title = this.setup.title;
    state.questionCount = this.questions.length;
    state.roundCount = this.setup.rounds.length;
    state.roundMode = this.questions[0]?.mode ?? "everyone";
    state.showPromptOnPhones = this.setup.settings.showPromptOnPhones;

    roomServices().store.recordGame({
      gameId: this.setup.gameId,
      code,
      hostKeyHash: this.setup.hostKeyHash,
      title: this.setup.title,
      bankIds: this.setup.bankIds,
      settingsJson: JSON.stringify({ ...this.setup.settings, seed: this.setup.seed }),
      createdAt: Date.now(),
    });
    await this.setMetadata({ title: this.setup.title });

    for (const type of Object.keys(CLIENT_MESSAGES) as ClientMessageType[]) {
      this.onMessage(type, (client: Client, payload: unknown, ctx: { id?: number }) =>
        this.dispatch(type, client, payload, ctx),
      );
    }
    this.onMessage("*", (client: Client, type: string | number) => {
      this.refuse(client, String(type), "unknown-message", `There is no message called "${String(type)}".`);
    });
    this.clock.setInterval(() => this.sendDuePings(), PING_TICK_MS);
    this.clock.setInterval(() => this.flushCounters(), COUNTER_FLUSH_MS);
  }

  /** Claims a code no other live game holds, atomically across processes (presence is shared). */
  private async claimCode(wanted: string | undefined): Promise<string> {
    let code = wanted ?? generateJoinCode(Math.random);
    for (let attempt = 0; attempt < 50; attempt++) {
      if ((await this.presence.hincrby(CODES_KEY, code, 1)) === 1) {
        this.codeClaimed = true;
        return code;
      }
      if (wanted) throw new Error(`join code ${wanted} is already in use`);
      code = generateJoinCode(Math.random);
    }
    throw new Error("could not find a free join code");
  }

  private idleTimer: Delayed | undefined;

  /** Closes the game once nobody has been connected to it for IDLE_DISPOSE_MS (sooner once it ended). */
  private scheduleIdleDispose() {
    this.idleTimer?.clear();
    if (this.clients.length > 0) return;
    const wait = this.state.phase === "ended" ? 1000 : IDLE_DISPOSE_MS;
    this.idleTimer = this.clock.setTimeout(() => {
      if (this.clients.length === 0) void this.disconnect();
    }, wait);
  }

  override async onDispose() {
    if (this.codeClaimed) await this.presence.hdel(CODES_KEY, this.roomId);
    if (this.state.phase !== "ended") roomServices().store.finishGame(this.setup.gameId, Date.now());
  }

  override onAuth(_client: Client, options: unknown): Auth {
    const maybeHost = HostJoinOptionsSchema.safeParse(options);
    if (maybeHost.success) {
      if (!hostKeyMatches(maybeHost.data.hostKey, this.setup.hostKeyHash)) {
        throw new ServerError(JoinErrorCode.WRONG_HOST_KEY, "That host key does not belong to this game.");
      }
      return { role: "host" };
    }
    const parsed = StudentJoinOptionsSchema.safeParse(options);
    if (!parsed.success) throw new ServerError(JoinErrorCode.BAD_OPTIONS, "Type a nickname to join.");
    const { deviceId } = parsed.data;
    if (this.state.phase === "ended" || this.state.phase === "podium") {
      throw new ServerError(JoinErrorCode.GAME_OVER, "This game has finished.");
    }
    if (deviceId && this.bannedDevices.has(deviceId)) {
      throw new ServerError(JoinErrorCode.KICKED, "The teacher removed you from this game.");
    }
    const nickname = validateNickname(parsed.data.name);
    if (!nickname.ok) throw new ServerError(JoinErrorCode.NAME_REFUSED, nickname.reason);
    return { role: "student", name: nickname.name, deviceId };
  }

  override onJoin(client: Client, _options: unknown, auth: Auth) {
    this.idleTimer?.clear();
    const now = Date.now();
    client.view = new StateView();
    if (auth.role === "host") {
      this.hosts.set(client.sessionId, {
        sessionId: client.sessionId,
        bucket: newBucket(now),
        pendingPings: [],
        clockHistory: [],
        clock: undefined,
        pingsSent: 0,
        nextPingAt: now,
      });
      client.view.add(this.state.hostSecret);
      for (const seat of this.seats.values()) client.view.add(seat.view);
      return;
    }

    const key = nicknameKey(auth.name);
    const existing = this.seatByNameKey.get(key);
    if (existing) {
      // The same phone coming back without its reconnection token (cleared storage, new tab) takes its
      // seat back; anyone else must pick another name.
      if (!existing.connected && auth.deviceId !== undefined && existing.deviceId === auth.deviceId) {
        this.seatBySession.delete(existing.sessionId);
        existing.sessionId = client.sessionId;
        this.seatBySession.set(client.sessionId, existing);
        this.markConnected(existing, true);
        client.view.add(existing.view);
        client.send("welcome", { playerId: existing.playerId, name: existing.view.name });
        return;
      }
      throw new ServerError(
        JoinErrorCode.NAME_TAKEN,
        `Someone here is already called ${existing.view.name}. Pick another name.`,
      );
    }
    if (this.bannedNameKeys.has(key)) {
      throw new ServerError(JoinErrorCode.KICKED, "The teacher removed you from this game.");
    }
    if (this.state.lobbyLocked) {
      throw new ServerError(JoinErrorCode.LOBBY_LOCKED, "The teacher has locked this game. Ask them to unlock it.");
    }
    if (this.seats.size >= this.setup.settings.maxPlayers) {
      throw new ServerError(JoinErrorCode.GAME_FULL, `This game is full (${this.setup.settings.maxPlayers} players).`);
    }

    const view = new PlayerState();
    view.name = auth.name;
    const inQuestion = this.state.phase === "question" || this.state.phase === "answering";
    const seat = newSeat({
      playerId: client.sessionId,
      sessionId: client.sessionId,
      deviceId: auth.deviceId,
      nameKey: key,
      view,
      now,
      firstQuestion: inQuestion ? this.state.questionIndex + 1 : Math.max(0, this.state.questionIndex),
    });
    this.seats.set(seat.playerId, seat);
    this.seatByNameKey.set(key, seat);
    this.seatBySession.set(client.sessionId, seat);
    this.state.players.set(seat.playerId, view);
    client.view.add(view);
    for (const host of this.hostClients()) host.view?.add(view);
    this.updateCounts();
    client.send("welcome", { playerId: seat.playerId, name: auth.name });
    roomServices().store.recordPlayer({
      gameId: this.setup.gameId,
      playerId: seat.playerId,
      name: auth.name,
      joinedAt: now,
    });
    if (this.state.leaderboard.length > 0) this.updateLeaderboard();
  }

  override async onDrop(client: Client) {
    const seat = this.seatBySession.get(client.sessionId);
    if (seat) this.markConnected(seat, false);
    try {
      await this.allowReconnection(client, roomServices().reconnectSeconds);
    } catch {
      // the seat stays (with its score) until the game ends; onLeave runs next
    }
  }

  override onReconnect(client: Client) {
    this.idleTimer?.clear();
    const seat = this.seatBySession.get(client.sessionId);
    if (seat) this.markConnected(seat, true);
  }

  override onLeave(client: Client) {
    this.hosts.delete(client.sessionId);
    const seat = this.seatBySession.get(client.sessionId);
    if (seat?.sessionId === client.sessionId) this.markConnected(seat, false);
    this.scheduleIdleDispose();
  }

  // ── message edge ─────────────────────────────────────────────────────────────────────────────

  /** Every message passes here: rate limit, schema, role, then its handler; refusals are answered. */
  private dispatch(type: ClientMessageType, client: Client, payload: unknown, ctx: { id?: number }) {
    const isRequest = ctx?.id !== undefined;
    try {
      const now = Date.now();
      const seat = this.seatBySession.get(client.sessionId);
      const host = this.hosts.get(client.sessionId);
      const sender = seat ?? host;
      if (!sender) throw new Refusal("not-found", "You are not part of this game any more.");
      if (!spendToken(sender, now)) throw new Refusal("rate-limited", "Too many messages: slow down a little.");
      const schema = CLIENT_MESSAGES[type] as z.ZodType;
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` (${issue.path.join(".")})` : "";
        throw new Refusal(
          "invalid",
          `That "${type}" message is not valid${where}: ${issue?.message ?? "bad payload"}.`,
        );
      }
      if (HOST_ONLY_MESSAGES.has(type) && !host) throw new Refusal("not-host", "Only the teacher can do that.");
      if (STUDENT_ONLY_MESSAGES.has(type) && !seat) throw new Refusal("not-student", "Only students can do that.");
      const phaseBefore = this.state.phase;
      const result = this.handle(type, client, parsed.data, now, seat, host) ?? {};
      // A phase change caused by a message (the teacher's "next", the last answer in) goes out at
      // once instead of waiting up to a patch interval; timer-driven changes already do.
      if (this.state.phase !== phaseBefore) this.broadcastPatch();
      return isRequest ? { ok: true, ...result } : undefined;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      if (isRequest) return { ok: false, code: error.code, message: error.message };
      this.refuse(client, type, error.code, error.message);
      return undefined;
    }
  }

  private refuse(client: Client, type: string, code: ErrorCode, message: string) {
    client.send("error", { type, code, message });
  }

  // biome-ignore lint/suspicious/noExplicitAny: payloads are already checked by their zod schema
  private handle(type: ClientMessageType, client: Client, msg: any, now: number, seat?: Seat, host?: HostConnection) {
    switch (type) {
      case "pong":
        if (!acceptPong((seat ?? host)!, msg.serverSentAt, msg.clientAt, now)) return undefined;
        this.sendClock(client, (seat ?? host)!);
        return undefined;
      case "questionShown":
        return this.onQuestionShown(seat!, msg.questionIndex, msg.shownAt);
      case "submitAnswer":
        return this.onSubmitAnswer(client, seat!, msg.questionIndex, msg.answer, msg.answeredAt, now);
      case "buzz":
        return this.onBuzz(client, seat!, msg.questionIndex, msg.pressedAt, now);
      case "startGame":
        return this.startGame();
      case "next":
        return this.next();
      case "pause":
        return this.pause();
      case "resume":
        return this.resume();
      case "skip":
        return this.skip();
      case "extendTime":
        return this.extendTime(msg.seconds);
      case "revealNow":
        return this.revealNow();
      case "markSpoken":
        return this.markSpoken(msg.correct);
      case "kick":
        return this.kick(msg.playerId);
      case "setLobbyLocked":
        this.state.lobbyLocked = msg.locked;
        return undefined;
      case "grantExtraTime":
        return this.grantExtraTime(msg as z.infer<typeof GrantExtraTimeSchema>);
      case "setShowPromptOnPhones":
        this.state.showPromptOnPhones = msg.show;
        return undefined;
      case "endGame":
        return this.endGame();
    }
  }

  // ── clock sync ───────────────────────────────────────────────────────────────────────────────

  private sendDuePings() {
    const now = Date.now();
    for (const client of this.clients) {
      const holder = this.seatBySession.get(client.sessionId) ?? this.hosts.get(client.sessionId);
      if (!holder || now < holder.nextPingAt) continue;
      holder.pendingPings = [...holder.pendingPings.slice(-3), now];
      schedulePing(holder, now);
      client.send("ping", { serverSentAt: now });
    }
  }

  private sendClock(client: Client, holder: { clock: Seat["clock"]; sentOffsetMs?: number }) {
    if (!holder.clock) return;
    // Only a moved estimate is news: an unchanged one would cost a socket write per pong.
    if (holder.sentOffsetMs !== undefined && Math.abs(holder.clock.offsetMs - holder.sentOffsetMs) < 2) return;
    holder.sentOffsetMs = holder.clock.offsetMs;
    // The estimate is client minus server; the phone computes server time as its own minus this.
    client.send("clock", { offsetMs: holder.clock.offsetMs, rttMs: holder.clock.rttMs });
  }

  // ── students ─────────────────────────────────────────────────────────────────────────────────

  private currentQuestion(questionIndex: number): PlayedQuestion {
    if (questionIndex !== this.state.questionIndex) {
      throw new Refusal("stale-question", "That question is over; look at the current one.");
    }
    const played = this.questions[questionIndex];
    if (!played) throw new Refusal("stale-question", "There is no such question.");
    return played;
  }

  private onQuestionShown(seat: Seat, questionIndex: number, shownAt: number) {
    this.currentQuestion(questionIndex);
    if (this.state.phase !== "question" || seat.shownAt !== undefined || this.state.paused) return undefined;
    if (questionIndex < seat.firstQuestion) return undefined;
    seat.shownAt = fairShownAt({
      openedAtServerMs: this.state.questionOpenedAt,
      reportedShownClientMs: shownAt,
      clock: seat.clock,
    });
    this.setSeatDeadline(seat);
    if (this.state.roundMode === "everyone") this.scheduleEveryoneClose();
    return undefined;
  }

  private setSeatDeadline(seat: Seat) {
    const played = this.questions[this.state.questionIndex];
    if (!played) return;
    const shownAt = seat.shownAt ?? this.state.questionOpenedAt;
    seat.view.deadline =
      studentDeadline(shownAt, played.prepared.public.timeLimitMs, seat.view.extraTime) + this.extendedMs;
  }

  private onSubmitAnswer(
    client: Client,
    seat: Seat,
    questionIndex: number,
    rawAnswer: unknown,
    answeredAt: number | undefined,
    now: number,
  ) {
    const played = this.currentQuestion(questionIndex);
    const parsed = AnswerInputSchema.safeParse(rawAnswer);
    if (!parsed.success) {
      throw new Refusal("invalid", "That answer is not in a form this question accepts.");
    }
    const answer = asBooleanIfTrueFalse(parsed.data, played.prepared);
    if (!answerFitsQuestion(answer, played.prepared)) {
      throw new Refusal("invalid", `That kind of answer does not fit a ${played.prepared.public.type} question.`);
    }
    if (this.state.paused) throw new Refusal("wrong-phase", "The teacher has paused the game.");
    if (played.mode === "buzzer") {
      if (this.state.phase !== "answering" || this.state.answeringPlayerId !== seat.playerId) {
        throw new Refusal("not-your-turn", "It is not your turn to answer: buzz first.");
      }
      const correct = checkAnswer(played.prepared, answer);
      this.settleBuzzerAnswer(seat, answerToText(played.prepared, answer), correct, now, answer);
      client.send("answerAck", { questionIndex });
      return { questionIndex };
    }
    if (this.state.phase !== "question") throw new Refusal("wrong-phase", "Time is up for this question.");
    if (questionIndex < seat.firstQuestion) {
      throw new Refusal("wrong-phase", "You joined during this question: wait for the next one.");
    }
    if (seat.answer) throw new Refusal("already-answered", "You have already answered this question.");

    const press = fairPressTime({ claimedClientMs: answeredAt, clock: seat.clock, arrivalServerMs: now });
    if (seat.shownAt === undefined) {
      seat.shownAt = fairShownAt({ openedAtServerMs: this.state.questionOpenedAt, clock: seat.clock });
      this.setSeatDeadline(seat);
    }
    if (press.pressServerMs > seat.view.deadline) throw new Refusal("wrong-phase", "Time is up for this question.");
    const correct = checkAnswer(played.prepared, answer);
    const responseMs = responseTimeMs(seat.shownAt, press.pressServerMs);
    const scored = scoreEveryoneAnswer({
      correct,
      basePoints: played.prepared.public.basePoints,
      responseMs,
      // Time counts against the student's own limit, so extra time scales scoring too.
      timeLimitMs: played.prepared.public.timeLimitMs * seat.view.extraTime,
      previousStreak: seat.view.streak,
      settings: this.setup.settings,
    });
    const text = answerToText(played.prepared, answer);
    const recorded = roomServices().store.recordAnswer({
      gameId: this.setup.gameId,
      questionIndex,
      playerId: seat.playerId,
      answerText: text,
      correct,
      responseMs: Math.round(responseMs),
      points: scored.points,
      answeredAt: now,
      mode: "everyone",
    });
    if (!recorded) throw new Refusal("already-answered", "You have already answered this question.");
    seat.answer = {
      input: answer,
      text,
      correct,
      points: scored.points,
      bonus: scored.bonus,
      streakAfter: scored.streak,
      responseMs,
      bucket: distributionBucket(played.prepared, answer),
    };
    seat.view.answered = true;
    this.answersIn += 1;
    this.countersDirty = true;
    this.bumpLiveDistribution(seat.answer.bucket);
    client.send("answerAck", { questionIndex });
    this.scheduleEveryoneClose();
    return { questionIndex };
  }

  private onBuzz(client: Client, seat: Seat, questionIndex: number, pressedAt: number, now: number) {
    const played = this.currentQuestion(questionIndex);
    if (played.mode !== "buzzer") throw new Refusal("wrong-phase", "This question is not a buzzer question.");
    if (this.state.paused) throw new Refusal("wrong-phase", "The teacher has paused the game.");
    if (questionIndex < seat.firstQuestion) {
      throw new Refusal("wrong-phase", "You joined during this question: wait for the next one.");
    }
    if (this.state.phase === "getReady") {
      // Buzzing before the question opens costs a short lockout, so hammering the button gains nothing.
      seat.earlyLockUntil = earlyBuzzLockedUntil(now, this.state.phaseEndsAt) ?? now;
      seat.view.lockedOutUntil = seat.earlyLockUntil;
      client.send("buzzAck", { questionIndex, lockedOutUntil: seat.earlyLockUntil });
      return { questionIndex, lockedOutUntil: seat.earlyLockUntil };
    }
    if (this.state.phase !== "question" && this.state.phase !== "answering") {
      throw new Refusal("wrong-phase", "Buzzing is closed for this question.");
    }
    if (seat.view.lockedOut) throw new Refusal("locked-out", "You are locked out of this question.");
    if (seat.buzz) throw new Refusal("already-answered", "You have already buzzed.");
    const press = fairPressTime({ claimedClientMs: pressedAt, clock: seat.clock, arrivalServerMs: now });
    const early = earlyBuzzLockedUntil(press.pressServerMs, this.state.questionOpenedAt);
    if (early !== undefined || now < seat.earlyLockUntil) {
      seat.earlyLockUntil = Math.max(seat.earlyLockUntil, early ?? 0);
      seat.view.lockedOutUntil = seat.earlyLockUntil;
      throw new Refusal("locked-out", "Too early! Wait for the question before buzzing.");
    }
    seat.buzz = { playerId: seat.playerId, pressServerMs: press.pressServerMs, arrivalServerMs: now };
    this.buzzes.push(seat.buzz);
    client.send("buzzAck", { questionIndex });
    if (this.state.phase === "question" && !this.arbitrationTimer) {
      const latencies = [...this.seats.values()].filter((s) => s.connected).map((s) => (s.clock?.rttMs ?? 0) / 2);
      this.arbitrationTimer = this.clock.setTimeout(() => this.decideBuzzTurn(), arbitrationWindowMs(latencies));
    } else if (this.state.phase === "answering") {
      this.publishBuzzQueue();
    }
    return { questionIndex };
  }

  // ── buzzer turns ─────────────────────────────────────────────────────────────────────────────

  /** Buzzes in fair order, with their gap to the first press, into the shared state. */
  private publishBuzzQueue(): BuzzRecord[] {
    const ordered = [...this.buzzes].sort(
      (a, b) =>
        a.pressServerMs - b.pressServerMs ||
        a.arrivalServerMs - b.arrivalServerMs ||
        (a.playerId < b.playerId ? -1 : 1),
    );
    const gaps = buzzGapsMs(ordered);
    const queue = new ArraySchema<InstanceType<typeof BuzzEntryState>>();
    ordered.forEach((buzz, index) => {
      const seat = this.seats.get(buzz.playerId);
      const entry = new BuzzEntryState();
      entry.playerId = buzz.playerId;
      entry.name = seat?.view.name ?? "?";
      entry.gapMs = Math.round(gaps[index] ?? 0);
      entry.status =
        this.state.answeringPlayerId === buzz.playerId && this.state.phase === "answering"
          ? "answering"
          : seat?.view.lastResult === "correct" && this.triedThisQuestion.has(buzz.playerId)
            ? "right"
            : this.triedThisQuestion.has(buzz.playerId)
              ? "wrong"
              : "waiting";
      queue.push(entry);
    });
    this.state.buzzQueue = queue;
    return ordered;
  }

  private decideBuzzTurn() {
    this.arbitrationTimer?.clear();
    this.arbitrationTimer = undefined;
    if (this.state.phase !== "question" && this.state.phase !== "answering") return;
    const ordered = this.publishBuzzQueue();
    const next = nextToAnswer(ordered, this.triedThisQuestion);
    if (!next) return;
    const seat = this.seats.get(next);
    if (!seat) return;
    const now = Date.now();
    if (this.state.phase === "question") this.remainingQuestionMs = Math.max(0, this.state.phaseEndsAt - now);
    this.state.phase = "answering";
    this.state.answeringPlayerId = seat.playerId;
    this.state.answeringName = seat.view.name;
    this.state.answeringStartedAt = now;
    this.state.answeringEndsAt = now + this.setup.settings.answerWindowSec * 1000;
    this.publishBuzzQueue();
    this.setPhaseTimer(this.state.answeringEndsAt - now, () => {
      this.settleBuzzerAnswer(seat, "(no answer)", false, Date.now());
    });
  }

  /** The student whose turn it is answered (or the teacher marked them, or their time ran out). */
  private settleBuzzerAnswer(seat: Seat, text: string, correct: boolean, now: number, input?: AnswerInput) {
    const played = this.questions[this.state.questionIndex]!;
    const bucket = buzzerBucket(played.prepared, correct, input);
    const scored = scoreBuzzerAnswer({
      correct,
      basePoints: played.prepared.public.basePoints,
      wrongPenaltyFraction: this.setup.settings.wrongPenalty,
      previousStreak: seat.view.streak,
      settings: this.setup.settings,
    });
    roomServices().store.recordAnswer({
      gameId: this.setup.gameId,
      questionIndex: this.state.questionIndex,
      playerId: seat.playerId,
      answerText: text,
      correct,
      responseMs: Math.round(Math.max(0, now - this.state.questionOpenedAt)),
      points: scored.points,
      answeredAt: now,
      mode: "buzzer",
    });
    this.triedThisQuestion.add(seat.playerId);
    seat.answer = {
      input,
      text,
      correct,
      points: scored.points,
      bonus: scored.bonus,
      streakAfter: scored.streak,
      responseMs: 0,
      bucket,
    };
    this.applyScore(seat, scored.points, scored.bonus, scored.streak, correct ? "correct" : "wrong");
    seat.view.answered = true;
    this.answersIn += 1;
    this.countersDirty = true;
    this.bumpLiveDistribution(bucket);
    if (!correct) seat.view.lockedOut = true;
    this.state.answeringPlayerId = "";
    this.state.answeringName = "";
    this.state.answeringEndsAt = 0;
    if (correct) {
      this.publishBuzzQueue();
      this.reveal();
      return;
    }
    this.updateLeaderboard();
    const ordered = this.publishBuzzQueue();
    if (nextToAnswer(ordered, this.triedThisQuestion)) {
      this.decideBuzzTurn();
      return;
    }
    const anyoneLeft = [...this.seats.values()].some((s) => s.connected && !s.view.lockedOut);
    if (this.remainingQuestionMs <= 0 || !anyoneLeft) {
      this.reveal();
      return;
    }
    this.state.phase = "question";
    this.state.phaseEndsAt = now + this.remainingQuestionMs;
    this.setPhaseTimer(this.remainingQuestionMs, () => this.closeBuzzerQuestion());
  }

  private markSpoken(correct: boolean) {
    if (this.state.phase !== "answering" || this.state.paused) {
      throw new Refusal("wrong-phase", "Nobody is answering right now.");
    }
    const seat = this.seats.get(this.state.answeringPlayerId);
    if (!seat) throw new Refusal("not-found", "That student has left.");
    this.settleBuzzerAnswer(seat, SPOKEN_ANSWER_TEXT, correct, Date.now());
    return undefined;
  }

  private closeBuzzerQuestion() {
    if (this.buzzes.some((buzz) => !this.triedThisQuestion.has(buzz.playerId))) {
      this.remainingQuestionMs = 0;
      this.decideBuzzTurn();
      if (this.state.phase === "answering") return;
    }
    this.reveal();
  }

  // ── host actions and phases ──────────────────────────────────────────────────────────────────

  private startGame() {
    if (this.state.phase !== "lobby") throw new Refusal("wrong-phase", "The game has already started.");
    if (this.questions.length === 0) throw new Refusal("wrong-phase", "This game has no questions.");
    this.beginQuestion(0);
    return undefined;
  }

  private next() {
    switch (this.state.phase) {
      case "lobby":
        return this.startGame();
      case "getReady":
        this.openQuestion();
        return undefined;
      case "question":
      case "answering":
        return this.revealNow();
      case "reveal":
        this.showLeaderboard();
        return undefined;
      case "leaderboard":
        this.advanceAfterLeaderboard();
        return undefined;
      case "podium":
        return this.endGame();
      default:
        throw new Refusal("wrong-phase", "The game is over.");
    }
  }

  private beginQuestion(index: number) {
    const played = this.questions[index]!;
    const state = this.state;
    const now = Date.now();
    state.questionIndex = index;
    state.roundIndex = played.roundIndex;
    state.roundMode = played.mode;
    writePublicQuestion(state.question, played.prepared.public);
    clearReveal(state.reveal);
    state.answersIn = 0;
    this.answersIn = 0;
    state.buzzQueue = new ArraySchema();
    state.answeringPlayerId = "";
    state.answeringName = "";
    state.answeringEndsAt = 0;
    state.hostSecret.correctText = revealOf(played.prepared).correctText;
    state.hostSecret.liveDistribution = new ArraySchema(...distributionLabels(played.prepared).map(() => 0));
    this.buzzes = [];
    this.triedThisQuestion = new Set();
    this.extendedMs = 0;
    for (const seat of this.seats.values()) {
      seat.shownAt = undefined;
      seat.answer = undefined;
      seat.buzz = undefined;
      seat.view.answered = false;
      seat.view.lockedOut = false;
      seat.view.lastResult = "none";
      seat.view.lastPoints = 0;
      seat.view.lastBonus = 0;
    }
    state.paused = false;
    state.pausedRemainingMs = 0;
    state.phase = "getReady";
    state.phaseEndsAt = now + GET_READY_MS;
    this.setPhaseTimer(GET_READY_MS, () => this.openQuestion());
  }

  private extendedMs = 0;

  private openQuestion() {
    const played = this.questions[this.state.questionIndex]!;
    const now = Date.now();
    this.state.questionOpenedAt = now;
    this.state.phase = "question";
    this.state.phaseEndsAt = now + played.prepared.public.timeLimitMs;
    for (const seat of this.seats.values()) this.setSeatDeadline(seat);
    roomServices().store.recordQuestion({
      gameId: this.setup.gameId,
      index: this.state.questionIndex,
      bankId: played.prepared.bankId,
      questionId: played.prepared.public.id,
      type: played.prepared.public.type,
      prompt: played.prepared.public.prompt,
      correctText: revealOf(played.prepared).correctText,
      openedAt: now,
    });
    if (played.mode === "buzzer") {
      this.setPhaseTimer(played.prepared.public.timeLimitMs, () => this.closeBuzzerQuestion());
    } else {
      this.scheduleEveryoneClose();
    }
  }

  /**
   * An `everyone` question closes when every connected student who can answer has answered, or at the
   * latest personal deadline among those still thinking (each student's clock started on their screen).
   */
  private scheduleEveryoneClose() {
    if (this.state.phase !== "question" || this.state.paused) return;
    const now = Date.now();
    const waiting = [...this.seats.values()].filter(
      (seat) => seat.connected && !seat.answer && seat.firstQuestion <= this.state.questionIndex,
    );
    if (waiting.length === 0 && this.answersIn > 0) {
      this.reveal();
      return;
    }
    const latest = Math.max(this.state.phaseEndsAt, ...waiting.map((seat) => seat.view.deadline));
    this.setPhaseTimer(Math.max(0, latest - now), () => this.reveal());
  }

  private revealNow() {
    if (this.state.phase !== "question" && this.state.phase !== "answering" && this.state.phase !== "getReady") {
      throw new Refusal("wrong-phase", "There is no open question to reveal.");
    }
    if (this.state.phase === "getReady") this.openQuestion();
    this.reveal();
    return undefined;
  }

  private reveal() {
    this.flushCounters();
    this.clearTimers();
    const played = this.questions[this.state.questionIndex]!;
    const state = this.state;
    state.paused = false;
    state.phase = "reveal";
    state.answeringPlayerId = "";
    state.answeringName = "";
    state.answeringEndsAt = 0;
    const info = revealOf(played.prepared);
    const labels = distributionLabels(played.prepared);
    const distribution = labels.map(() => 0);
    let answered = 0;
    let correctCount = 0;
    for (const seat of this.seats.values()) {
      const given = seat.answer;
      if (given) {
        answered += 1;
        if (given.correct) correctCount += 1;
        if (given.bucket >= 0 && given.bucket < distribution.length) distribution[given.bucket]! += 1;
      }
      if (played.mode === "buzzer") continue; // buzzer scores were applied as each turn was settled
      if (given) {
        this.applyScore(seat, given.points, given.bonus, given.streakAfter, given.correct ? "correct" : "wrong");
      } else if (seat.firstQuestion <= state.questionIndex) {
        this.applyScore(seat, 0, 0, 0, "missed");
      }
    }
    writeReveal(state.reveal, info, { distribution, answered, correct: correctCount });
    this.updateLeaderboard();
    if (this.setup.settings.autoAdvance) {
      state.phaseEndsAt = Date.now() + AUTO_ADVANCE_MS;
      this.setPhaseTimer(AUTO_ADVANCE_MS, () => this.showLeaderboard());
    } else {
      state.phaseEndsAt = 0;
    }
  }

  private showLeaderboard() {
    this.clearTimers();
    this.state.phase = "leaderboard";
    if (this.setup.settings.autoAdvance) {
      this.state.phaseEndsAt = Date.now() + AUTO_ADVANCE_MS;
      this.setPhaseTimer(AUTO_ADVANCE_MS, () => this.advanceAfterLeaderboard());
    } else {
      this.state.phaseEndsAt = 0;
    }
  }

  private advanceAfterLeaderboard() {
    this.clearTimers();
    const nextIndex = this.state.questionIndex + 1;
    const phase = nextPhaseAfter("leaderboard", { hasMoreQuestions: nextIndex < this.questions.length });
    if (phase === "getReady") {
      this.beginQuestion(nextIndex);
      return;
    }
    this.state.phase = phase;
    this.state.paused = false;
    this.state.phaseEndsAt = 0;
    clearReveal(this.state.reveal);
  }

  private skip() {
    const phase = this.state.phase;
    if (phase !== "getReady" && phase !== "question" && phase !== "answering" && phase !== "reveal") {
      throw new Refusal("wrong-phase", "There is no question to skip.");
    }
    // A skipped question scores nothing for anyone; answers already given stay in the results.
    for (const seat of this.seats.values()) seat.answer = undefined;
    this.advanceAfterLeaderboard();
    return undefined;
  }

  private pause() {
    const phase = this.state.phase;
    if (this.state.paused) throw new Refusal("wrong-phase", "The game is already paused.");
    if (phase !== "getReady" && phase !== "question" && phase !== "answering") {
      throw new Refusal("wrong-phase", "Nothing is running to pause.");
    }
    const now = Date.now();
    this.pausedAt = now;
    this.clearTimers();
    this.state.paused = true;
    const endsAt = phase === "answering" ? this.state.answeringEndsAt : this.state.phaseEndsAt;
    this.state.pausedRemainingMs = Math.max(0, endsAt - now);
    return undefined;
  }

  private resume() {
    if (!this.state.paused) throw new Refusal("wrong-phase", "The game is not paused.");
    const shift = Date.now() - this.pausedAt;
    this.state.paused = false;
    this.state.pausedRemainingMs = 0;
    this.shiftClocks(shift);
    this.restartPhaseTimer();
    return undefined;
  }

  /** Moves every running deadline later by `ms` (after a pause, or when the teacher adds time). */
  private shiftClocks(ms: number) {
    const state = this.state;
    state.phaseEndsAt += ms;
    if (state.phase === "answering") {
      state.answeringStartedAt += ms;
      state.answeringEndsAt += ms;
    }
    if (state.phase === "question" || state.phase === "answering") {
      state.questionOpenedAt += ms;
      for (const seat of this.seats.values()) {
        if (seat.shownAt !== undefined) seat.shownAt += ms;
        seat.view.deadline += ms;
      }
    }
  }

  private restartPhaseTimer() {
    const now = Date.now();
    switch (this.state.phase) {
      case "getReady":
        this.setPhaseTimer(this.state.phaseEndsAt - now, () => this.openQuestion());
        break;
      case "question":
        if (this.state.roundMode === "buzzer") {
          this.setPhaseTimer(this.state.phaseEndsAt - now, () => this.closeBuzzerQuestion());
          if (this.buzzes.some((buzz) => !this.triedThisQuestion.has(buzz.playerId))) this.decideBuzzTurn();
        } else {
          this.scheduleEveryoneClose();
        }
        break;
      case "answering": {
        const seat = this.seats.get(this.state.answeringPlayerId);
        this.setPhaseTimer(this.state.answeringEndsAt - now, () => {
          if (seat) this.settleBuzzerAnswer(seat, "(no answer)", false, Date.now());
        });
        break;
      }
    }
  }

  private extendTime(seconds: number) {
    if (this.state.phase !== "question" && this.state.phase !== "answering") {
      throw new Refusal("wrong-phase", "There is no running question to extend.");
    }
    const ms = seconds * 1000;
    this.state.phaseEndsAt += ms;
    if (this.state.phase === "answering") {
      this.state.answeringEndsAt += ms;
    } else {
      this.extendedMs += ms;
      for (const seat of this.seats.values()) seat.view.deadline += ms;
    }
    if (!this.state.paused) this.restartPhaseTimer();
    return undefined;
  }

  private grantExtraTime({ playerId, factor }: { playerId: string; factor: 1 | 1.5 | 2 }) {
    const seat = this.seats.get(playerId);
    if (!seat) throw new Refusal("not-found", "There is no such student in this game.");
    seat.view.extraTime = factor;
    if (this.state.phase === "question" && !seat.answer) {
      this.setSeatDeadline(seat);
      if (this.state.roundMode === "everyone") this.scheduleEveryoneClose();
    }
    return undefined;
  }

  private kick(playerId: string) {
    const seat = this.seats.get(playerId);
    if (!seat) throw new Refusal("not-found", "There is no such student in this game.");
    if (seat.deviceId) this.bannedDevices.add(seat.deviceId);
    this.bannedNameKeys.add(seat.nameKey);
    this.seats.delete(playerId);
    this.seatByNameKey.delete(seat.nameKey);
    this.seatBySession.delete(seat.sessionId);
    this.state.players.delete(playerId);
    this.buzzes = this.buzzes.filter((buzz) => buzz.playerId !== playerId);
    const client = this.clients.getById(seat.sessionId);
    if (client) {
      client.send("kicked", { reason: "The teacher removed you from this game." });
      client.leave(CLOSE_KICKED);
    }
    this.updateCounts();
    this.updateLeaderboard();
    if (this.state.answeringPlayerId === playerId) {
      this.state.answeringPlayerId = "";
      this.decideBuzzTurn();
    }
    if (this.state.phase === "question" && this.state.roundMode === "everyone") this.scheduleEveryoneClose();
    return undefined;
  }

  private endGame() {
    this.clearTimers();
    this.state.phase = "ended";
    this.state.phaseEndsAt = 0;
    roomServices().store.finishGame(this.setup.gameId, Date.now());
    // Let the final state reach everyone, then close; reports stay available over HTTP.
    this.clock.setTimeout(() => {
      for (const client of this.clients) client.leave(CLOSE_GAME_ENDED);
      this.scheduleIdleDispose();
    }, 30_000);
    return undefined;
  }

  // ── state helpers ────────────────────────────────────────────────────────────────────────────

  private applyScore(seat: Seat, points: number, bonus: number, streak: number, result: string) {
    const view = seat.view;
    view.lastResult = result;
    view.lastPoints = points;
    view.lastBonus = bonus;
    view.streak = streak;
    if (result === "correct") view.correctCount += 1;
    if (points !== 0) {
      view.score += points;
      seat.reachedAt = ++this.scoreSequence;
    }
  }

  private updateLeaderboard() {
    const ranked = rankStandings(
      [...this.seats.values()].map((seat) => ({
        playerId: seat.playerId,
        name: seat.view.name,
        score: seat.view.score,
        reachedAt: seat.reachedAt,
      })),
    );
    for (const standing of ranked) {
      const seat = this.seats.get(standing.playerId);
      if (seat && seat.view.rank !== standing.rank) seat.view.rank = standing.rank;
    }
    this.state.leaderboard = leaderboardRows(topN(ranked, LEADERBOARD_SIZE));
  }

  private bumpLiveDistribution(bucket: number) {
    const live = this.state.hostSecret.liveDistribution;
    if (bucket >= 0 && bucket < live.length) live[bucket] = (live[bucket] ?? 0) + 1;
  }

  private markConnected(seat: Seat, connected: boolean) {
    if (seat.connected === connected) return;
    seat.connected = connected;
    seat.view.connected = connected;
    this.updateCounts();
    if (!connected && this.state.phase === "question" && this.state.roundMode === "everyone") {
      this.scheduleEveryoneClose();
    }
  }

  /** Marks the live counters as changed; flushCounters() writes them to the state on its next tick. */
  private updateCounts() {
    this.countersDirty = true;
  }

  private flushCounters() {
    if (!this.countersDirty) return;
    this.countersDirty = false;
    this.state.answersIn = this.answersIn;
    this.state.playerCount = this.seats.size;
    let connected = 0;
    for (const seat of this.seats.values()) if (seat.connected) connected += 1;
    this.state.connectedCount = connected;
  }

  private hostClients(): Client[] {
    return [...this.hosts.keys()].map((id) => this.clients.getById(id)).filter((c): c is Client => c !== undefined);
  }

  private setPhaseTimer(ms: number, run: () => void) {
    this.phaseTimer?.clear();
    this.phaseTimer = this.clock.setTimeout(run, Math.max(0, ms));
  }

  private clearTimers() {
    this.phaseTimer?.clear();
    this.phaseTimer = undefined;
    this.arbitrationTimer?.clear();
    this.arbitrationTimer = undefined;
  }

  /** Names already taken in this game (for "suggest a name"). */
  takenNameKeys(): string[] {
    return [...this.seats.values()].map((seat) => seat.nameKey);
  }

  /** A quick summary for `GET /api/games/:code`. */
  summary() {
    return {
      code: this.state.code,
      title: this.state.title,
      phase: this.state.phase,
      playerCount: this.state.playerCount,
      lobbyLocked: this.state.lobbyLocked,
    };
  }
}
