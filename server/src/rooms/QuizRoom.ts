import { type Client, type Delayed, Room, ServerError } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import {
  CLIENT_MESSAGES,
  CLOSE_GAME_ENDED,
  CLOSE_KICKED,
  CLOSE_TAKEN_OVER,
  type Effect,
  type GameEvent,
  JoinErrorCode,
} from "@handsup/shared";
import { QuizState } from "@handsup/shared/state/quiz-state.ts";
import { hostKeyMatches } from "../results/host-key.ts";
import { createClockPeers } from "./clock-peers.ts";
import { carryOut, type EffectPorts } from "./effects.ts";
import { GameRunner, type Outcome } from "./game-runner.ts";
import { joinRefusal, startGameLog } from "./game-setup.ts";
import { JOIN_CODES_KEY as CODES_KEY } from "./local-games.ts";
import { isClientMessageType, MessageEdge, parseJoinOptions } from "./message-edge.ts";
import { Projection } from "./projection.ts";
import { roomServices } from "./room-services.ts";
import {
  COUNTER_FLUSH_MS,
  ENDED_CLOSE_MS,
  HEARTBEAT_MS,
  IDLE_DISPOSE_MS,
  MAX_SOCKETS,
  PING_TICK_MS,
  RESTORE_GRACE_MS,
  RETRY_MS,
} from "./room-timing.ts";
import { Seats } from "./seats.ts";
import { admitRoom } from "./setup-tickets.ts";

type Auth = { role: "host" } | { role: "student"; playerId: string; effects: Effect[] };

/**
 * One live game: adapts sockets to the pure reducer (DESIGN.md). A message is checked at the edge and becomes an
 * event; the runner steps it and commits it to the log; then its effects are carried out and the game is projected
 * into the schema state. One timer wakes the game at its next deadline.
 */
export class QuizRoom extends Room<{ state: QuizState }> {
  override state = new QuizState();
  private readonly seats = new Seats();
  private readonly clocks = createClockPeers();
  private readonly edge = new MessageEdge({
    seats: this.seats,
    clocks: this.clocks,
    submit: (event) => this.submit(event),
    arbitrationMs: () => this.clocks.arbitrationMs(this.seats.studentSessions()),
  });
  private readonly projection = new Projection(this.state, (view) => {
    for (const id of this.seats.hostSessions()) this.clients.getById(id)?.view?.add(view);
  });
  private runner: GameRunner | undefined;
  private wakeTimer: Delayed | undefined;
  private idleTimer: Delayed | undefined;
  private codeClaimed = false;
  private countersDirty = false;
  private closing = false;

  override async onCreate(options: unknown) {
    const services = roomServices();
    const claim = { fresh: (code: string) => this.claimCode(code), reclaim: (code: string) => this.reclaimCode(code) };
    const admitted = await admitRoom(this, options); // only POST /api/games (a one-time ticket) or a restore
    const { events, restoredFrom } = await startGameLog(admitted, services, claim, Date.now());
    const runner = GameRunner.fromLog(events, services.store);
    this.runner = runner;
    this.roomId = runner.current.code;
    this.maxClients = MAX_SOCKETS(runner.current.settings.maxPlayers);
    this.autoDispose = false; // an empty game waits a while (a reload, a Wi-Fi outage), then closes
    this.seatReservationTimeout = 60; // a join storm on a busy loop: a late WebSocket keeps its seat (default 15 s)
    await this.setMetadata({ title: runner.current.title });
    for (const type of Object.keys(CLIENT_MESSAGES)) {
      if (!isClientMessageType(type)) continue;
      this.onMessage(type, (client: Client, payload: unknown, ctx?: { id?: number }) =>
        this.edge.receive(client, type, payload, ctx?.id !== undefined),
      );
    }
    this.onMessage("*", (client: Client, type: unknown, third: unknown) => this.edge.unknown(client, type, third));
    this.clock.setInterval(() => this.sendPings(), PING_TICK_MS);
    this.clock.setInterval(() => this.flushCounters(), COUNTER_FLUSH_MS);
    this.clock.setInterval(() => this.heartbeat(), HEARTBEAT_MS);
    if (restoredFrom !== undefined) await this.reopen(restoredFrom);
    this.projection.full(runner.current);
    this.armWake(runner.current.wakeAt);
    this.scheduleIdleDispose();
  }

  /**
   * After a restart: the downtime does not count (`restored`), and every student counts as present for a short
   * grace while the phones find their way back, so an open question does not close on an empty room. Whoever is
   * still missing after it is marked disconnected, as after any drop.
   */
  private async reopen(downSince: number) {
    await this.submit({ type: "restored", at: Date.now(), downSince });
    const players = Object.values(this.game.players).filter((player) => player.status === "active");
    for (const player of players) await this.submit({ type: "rejoin", at: Date.now(), playerId: player.id });
    this.clock.setTimeout(async () => {
      for (const player of players) {
        if (this.seats.sessionOf(player.id) !== undefined) continue;
        await this.submit({ type: "leave", at: Date.now(), playerId: player.id, consented: false });
      }
    }, RESTORE_GRACE_MS);
  }

  private get game() {
    if (!this.runner) throw new Error("the game is not loaded yet");
    return this.runner.current;
  }

  /** Claims a join code across processes (presence is shared through Redis); false when another game holds it. */
  private async claimCode(code: string): Promise<boolean> {
    if ((await this.presence.hincrby(CODES_KEY, code, 1)) !== 1) return false;
    this.codeClaimed = true;
    return true;
  }

  /** After a restart: this process's own game takes its code back (PROCESS_ID says the game is ours). */
  private async reclaimCode(code: string): Promise<boolean> {
    await this.presence.hset(CODES_KEY, code, "1");
    this.codeClaimed = true;
    return true;
  }

  override async onAuth(client: Client, options: unknown): Promise<Auth> {
    const join = parseJoinOptions(options, client.sessionId, Date.now());
    if (join.role === "host") {
      if (hostKeyMatches(join.hostKey, this.game.hostKeyHash)) return { role: "host" };
      throw new ServerError(JoinErrorCode.WRONG_HOST_KEY, "That host key does not belong to this game.");
    }
    const outcome = await this.submit(join.event);
    if (!outcome.ok) {
      const refused = joinRefusal(outcome.code);
      throw new ServerError(refused.code, outcome.code === "not-saved" ? refused.message : outcome.message);
    }
    const joined = outcome.effects.find((effect) => effect.type === "joined");
    return { role: "student", playerId: joined?.playerId ?? client.sessionId, effects: outcome.effects };
  }

  override onJoin(client: Client, _options: unknown, auth: Auth) {
    this.idleTimer?.clear();
    client.view = new StateView();
    this.clocks.add(client.sessionId, Date.now(), client.ref);
    if (auth.role === "host") {
      this.seats.addHost(client.sessionId);
      client.view.add(this.state.hostSecret);
      for (const view of this.projection.allViews()) client.view.add(view);
      return;
    }
    const replaced = this.seats.seat(client.sessionId, auth.playerId);
    if (replaced !== undefined) this.clients.getById(replaced)?.leave(CLOSE_TAKEN_OVER);
    this.projection.full(this.game);
    const own = this.projection.viewOf(auth.playerId);
    if (own) client.view.add(own);
    carryOut(auth.effects, this.ports);
  }

  override async onDrop(client: Client) {
    const playerId = this.seats.playerOf(client.sessionId);
    if (playerId !== undefined) await this.submit({ type: "leave", at: Date.now(), playerId, consented: false });
    if (!this.seats.mayReconnect(client.sessionId)) return;
    const reconnection = this.allowReconnection(client, roomServices().reconnectSeconds);
    this.seats.hold(client.sessionId, { reject: (reason) => reconnection.reject(reason) });
    try {
      await reconnection;
    } catch {
      // the window closed, or the seat was taken over / kicked: onLeave follows
    } finally {
      this.seats.unhold(client.sessionId);
    }
  }

  override async onReconnect(client: Client) {
    this.idleTimer?.clear();
    this.clocks.add(client.sessionId, Date.now(), client.ref); // a new socket: watch its ping frames
    const playerId = this.seats.playerOf(client.sessionId);
    if (playerId !== undefined) await this.submit({ type: "rejoin", at: Date.now(), playerId });
  }

  override async onLeave(client: Client) {
    const playerId = this.seats.playerOf(client.sessionId);
    this.seats.forget(client.sessionId);
    this.clocks.forget(client.sessionId);
    this.edge.forget(client.sessionId);
    // A student who leaves (or never came back) in the lobby frees the seat and the name; later their score stays.
    if (playerId !== undefined) await this.submit({ type: "leave", at: Date.now(), playerId, consented: true });
    this.scheduleIdleDispose();
  }

  override async onDispose() {
    this.wakeTimer?.clear();
    if (this.codeClaimed) await this.presence.hdel(CODES_KEY, this.roomId);
    // A shutdown leaves the game open in the log, so the next start reopens it; only an abandoned game closes.
    if (this.closing && this.runner && this.game.endedAt === null) await this.runner.close(Date.now());
  }

  /** Steps one event through the runner; carries out its effects once it is in the log. Never throws. */
  private async submit(event: GameEvent): Promise<Outcome> {
    if (!this.runner) return { ok: false, code: "wrong-phase", message: "The game is still loading." };
    const phaseBefore = this.game.phase.name;
    const outcome = await this.runner.submit(event);
    if (!outcome.ok) {
      if (outcome.code === "not-saved") this.storeTrouble(outcome.storeError ?? "unknown error");
      return outcome;
    }
    if (this.state.hostSecret.storeProblem !== "") this.storeTrouble(undefined);
    if (event.type !== "join") carryOut(outcome.effects, this.ports);
    const playerId = "playerId" in event && event.type !== "kick" ? event.playerId : undefined;
    const broad = outcome.effects.some((e) => e.type === "phaseChanged" || e.type === "ledger" || e.type === "voided");
    if (playerId !== undefined && !broad && event.type !== "join") this.projection.onePlayer(this.game, playerId);
    else this.projection.full(this.game);
    this.countersDirty = true;
    if (this.game.phase.name !== phaseBefore) {
      this.flushCounters();
      this.broadcastPatch(); // a phase change goes out at once, not up to a patch interval later
    }
    return outcome;
  }

  private readonly ports: EffectPorts = {
    notify: (playerId, notice) => this.toPlayer(playerId)?.send(notice.type, notice.body),
    evict: (playerId) => this.clients.getById(this.seats.evictPlayer(playerId) ?? "")?.leave(CLOSE_KICKED),
    wakeAt: (at) => this.armWake(at),
    ended: () => {
      void this.runner?.close(this.game.endedAt ?? Date.now());
      this.clock.setTimeout(() => {
        for (const client of this.clients) client.leave(CLOSE_GAME_ENDED);
        this.scheduleIdleDispose();
      }, ENDED_CLOSE_MS);
    },
  };

  private toPlayer(playerId: string): Client | undefined {
    const session = this.seats.sessionOf(playerId);
    return session === undefined ? undefined : this.clients.getById(session);
  }

  /** The room's one timer: wakes the game at its next deadline. */
  private armWake(at: number | null) {
    this.wakeTimer?.clear();
    this.wakeTimer = undefined;
    if (at === null) return;
    this.wakeTimer = this.clock.setTimeout(
      async () => {
        if (Date.now() < at) return this.armWake(at); // fired early: a future `at` would judge quick buzzes early
        const outcome = await this.submit({ type: "deadline", at: Date.now() });
        if (!outcome.ok && outcome.code === "not-saved") this.armWake(Date.now() + RETRY_MS);
      },
      Math.max(0, at - Date.now()),
    );
  }

  /** The teacher's banner: results cannot be saved (and why), or cleared once writes work again. */
  private storeTrouble(reason: string | undefined) {
    const text = this.projection.storeProblem(reason);
    if (text === undefined) return;
    for (const id of this.seats.hostSessions()) {
      this.clients.getById(id)?.send("error", { type: "store", code: "not-saved", message: text });
    }
  }

  private sendPings() {
    for (const { sessionId, ping } of this.clocks.due(Date.now())) this.clients.getById(sessionId)?.send("ping", ping);
  }

  private flushCounters() {
    if (!this.countersDirty || !this.runner) return;
    this.countersDirty = false;
    this.projection.counters(this.game);
  }

  private heartbeat() {
    if (this.runner && this.game.endedAt === null) void this.runner.heartbeat(Date.now());
  }

  /** Closes the game once nobody has been connected to it for a while (soon once it ended). */
  private scheduleIdleDispose() {
    this.idleTimer?.clear();
    if (this.clients.length > 0 || !this.runner) return;
    const wait = this.game.phase.name === "ended" ? 1000 : IDLE_DISPOSE_MS;
    this.idleTimer = this.clock.setTimeout(() => {
      if (this.clients.length > 0) return;
      this.closing = true;
      void this.disconnect();
    }, wait);
  }

  /** Names already taken in this game (for "suggest a name"). */
  takenNameKeys(): string[] {
    return Object.keys(this.game.playerByNameKey);
  }

  /** A quick summary for `GET /api/games/:code`. */
  summary() {
    const { code, title, phase, activeCount, lockedLobby } = this.game;
    return { code, title, phase: phase.name, playerCount: activeCount, lobbyLocked: lockedLobby };
  }
}
