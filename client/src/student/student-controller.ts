import type { AnswerInput } from "@handsup/shared/protocol/answer-input.ts";
import { CLOSE_GAME_ENDED, CLOSE_KICKED } from "@handsup/shared/protocol/close-codes.ts";
import { normalizeJoinCode } from "@handsup/shared/protocol/join-code.ts";
import type { ErrorMessage } from "@handsup/shared/protocol/server-messages.ts";
import { createClient, describeJoinError, firstState, type QuizRoom, watchRoom } from "../net/connection.ts";
import { FINAL_CLOSE_CODES, rejoinUntilBack } from "../net/rejoin.ts";
import type { GameSnapshot } from "../net/snapshot.ts";
import {
  deviceId,
  forgetStudentSeat,
  lastFinish,
  lastName,
  lastStudentSeat,
  saveFinish,
  saveName,
  saveStudentSeat,
} from "../net/storage.ts";
import { myPlayer, studentStore } from "./student-model.ts";
import { optionsOf } from "./student-view.ts";

/** The phone's actions: join, rejoin after a reload, answer, buzz. Scenes call these; they decide nothing. */

const client = createClient();
let room: QuizRoom | undefined;
let shownQuestion = -1;
/** the last question this phone saw revealed: a question left for a later one without a reveal was skipped */
let revealedQuestion = -1;

const OPEN_PHASES = new Set(["getReady", "question", "answering"]);

/** Takes in a new state: notes a skipped question and how this phone finished. */
function onState(game: GameSnapshot, sessionId: string): void {
  const model = studentStore.get();
  const before = model.game;
  let skipped = model.skipped;
  if (game.phase === "reveal") revealedQuestion = game.questionIndex;
  if (
    before &&
    OPEN_PHASES.has(before.phase) &&
    before.questionIndex >= 0 &&
    revealedQuestion !== before.questionIndex &&
    (game.questionIndex > before.questionIndex || game.phase === "podium" || game.phase === "ended") &&
    !skipped.includes(before.questionIndex)
  ) {
    skipped = [...skipped, before.questionIndex];
  }
  studentStore.set({ game, sessionId, skipped });
  const me = myPlayer(studentStore.get());
  if ((game.phase === "podium" || game.phase === "ended") && me && me.rank > 0) {
    const record = {
      code: game.code,
      name: me.name,
      rank: me.rank,
      score: me.score,
      correct: me.correctCount,
      played: Math.max(0, game.questionCount - skipped.length),
    };
    saveFinish(record);
    studentStore.set({ lastFinish: record });
  }
}

/** How long the SDK's own reconnection (same token, same server process) gets before the phone rejoins by name. */
const TOKEN_GRACE_MS = 3000;
let dropTimer: ReturnType<typeof setTimeout> | undefined;

function attach(joined: QuizRoom): void {
  room = joined;
  shownQuestion = -1;
  saveStudentSeat(joined.roomId, joined.reconnectionToken);
  watchRoom(joined, {
    onState: (game) => onState(game, joined.sessionId),
    onConnection: (status, closeCode) => {
      clearTimeout(dropTimer);
      if (status === "online") saveStudentSeat(joined.roomId, joined.reconnectionToken);
      if (status === "reconnecting") dropTimer = setTimeout(() => void rejoinByName(joined), TOKEN_GRACE_MS);
      if (status !== "closed") return studentStore.set({ connection: status });
      const over = studentStore.get().game?.phase === "ended" || studentStore.get().stage === "removed";
      if (!over && !FINAL_CLOSE_CODES.includes(closeCode ?? 0)) return void rejoinByName(joined);
      leftRoom(joined.roomId, closeCode ?? 0);
    },
  });
  joined.onMessage("answerAck", (ack: { questionIndex: number }) =>
    studentStore.set({ answeredQuestion: ack.questionIndex, notice: "" }),
  );
  joined.onMessage("buzzAck", (ack: { questionIndex: number }) =>
    studentStore.set({ buzzedQuestion: ack.questionIndex }),
  );
  joined.onMessage("error", (error: ErrorMessage) => {
    // A refused answer gives the controls back, with the reason underneath.
    const model = studentStore.get();
    const answeredQuestion = error.type === "submitAnswer" ? -1 : model.answeredQuestion;
    studentStore.set({ notice: error.message, noticeFor: model.game?.questionIndex ?? -1, answeredQuestion });
  });
  joined.onMessage("kicked", () => {
    // The phone says it in its own words, the same whether the message or only the close code arrives.
    forgetStudentSeat(joined.roomId);
    studentStore.set({ stage: "removed", farewell: REMOVED });
  });
}

const REMOVED = "You were removed from this game by the teacher.";

let rejoining = false;

/**
 * The connection is gone and its token no longer works (e.g. the server restarted: tokens do not survive a
 * process). Keep "Reconnecting…" on screen and join again with this phone's device id and nickname: the server
 * gives the same seat back, with its score.
 */
async function rejoinByName(old: QuizRoom): Promise<void> {
  if (rejoining || room !== old) return;
  rejoining = true;
  old.reconnection.maxRetries = 0;
  old.removeAllListeners();
  studentStore.set({ connection: "reconnecting" });
  const name = lastName();
  const back = await rejoinUntilBack({
    join: async () => (await client.joinById(old.roomId, { name, deviceId: deviceId() })) as QuizRoom,
  });
  rejoining = false;
  if (!back.ok) return leftRoom(old.roomId, 0);
  attach(back.value);
  const game = await firstState(back.value);
  studentStore.set({ stage: "game", game, sessionId: back.value.sessionId, connection: "online" });
}

function leftRoom(code: string, closeCode: number): void {
  room = undefined;
  if (studentStore.get().stage === "removed") return;
  if (closeCode === CLOSE_KICKED) {
    forgetStudentSeat(code);
    studentStore.set({ stage: "removed", farewell: REMOVED });
  } else if (closeCode === CLOSE_GAME_ENDED || studentStore.get().game?.phase === "ended") {
    forgetStudentSeat(code);
    studentStore.set({ stage: "left", farewell: "The game is over. Thanks for playing!" });
  } else {
    studentStore.set({ stage: "left", connection: "closed", farewell: "Lost the connection to the game." });
  }
}

/** On page load: go straight back into the game this phone was in, or show the join form. */
export async function resumeOrShowJoin(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const typedCode = (params.get("code") ?? "").toUpperCase();
  studentStore.set({ typedCode, typedName: lastName(), lastFinish: lastFinish() });
  const seat = lastStudentSeat();
  if (!seat || (typedCode && typedCode !== seat.code)) return;
  studentStore.set({ joining: true });
  try {
    const rejoined = (await client.reconnect(seat.token)) as QuizRoom;
    attach(rejoined);
    const game = await firstState(rejoined);
    studentStore.set({ stage: "game", game, sessionId: rejoined.sessionId, joining: false, connection: "online" });
  } catch {
    // The token died with the server process that issued it: come back by device and name if the game reopened.
    const name = lastName();
    const back = name
      ? await rejoinUntilBack({
          join: async () => (await client.joinById(seat.code, { name, deviceId: deviceId() })) as QuizRoom,
          giveUpAfterMs: 20_000,
        })
      : { ok: false as const, error: undefined };
    if (back.ok) {
      attach(back.value);
      const game = await firstState(back.value);
      studentStore.set({ stage: "game", game, sessionId: back.value.sessionId, joining: false, connection: "online" });
      return;
    }
    forgetStudentSeat(seat.code);
    studentStore.set({ stage: "join", game: undefined, joining: false, typedCode: typedCode || seat.code });
  }
}

/** Joins game `typedCode` as `typedName`; on refusal keeps what was typed and shows why. */
export async function join(typedCode: string, typedName: string): Promise<void> {
  const code = normalizeJoinCode(typedCode);
  const name = typedName.trim();
  studentStore.set({ typedCode, typedName });
  if (!code) return studentStore.set({ joinError: "A game code has 6 letters and numbers, like K7PQ2M." });
  if (!name) return studentStore.set({ joinError: "Type a nickname, or press Suggest." });
  studentStore.set({ joining: true, joinError: "" });
  try {
    // Ask first whether the game exists: the server counts wrong codes per address and slows
    // down a script that guesses them (429), which a direct joinById would bypass.
    const lookup = await fetch(`/api/games/${code}`).catch(() => undefined);
    if (lookup?.status === 404 || lookup?.status === 429) {
      const body = (await lookup.json().catch(() => ({}))) as { error?: string };
      const message = lookup.status === 429 ? body.error : undefined;
      return studentStore.set({
        joining: false,
        joinError: message ?? "No game with that code. Check the code on the board.",
      });
    }
    const joined = (await client.joinById(code, { name, deviceId: deviceId() })) as QuizRoom;
    saveName(name);
    attach(joined);
    const game = await firstState(joined);
    studentStore.set({
      stage: "game",
      game,
      sessionId: joined.sessionId,
      joining: false,
      connection: "online",
      answeredQuestion: -1,
      buzzedQuestion: -1,
      skipped: [],
      lastFinish: undefined,
      farewell: "",
    });
    revealedQuestion = -1;
  } catch (error) {
    studentStore.set({ joining: false, joinError: describeJoinError(error) });
  }
}

/** Asks the server for a fresh, friendly nickname not yet taken in this game. */
export async function suggestName(typedCode: string): Promise<string | undefined> {
  const code = normalizeJoinCode(typedCode) ?? "";
  try {
    const response = await fetch(`/api/suggest-name?code=${encodeURIComponent(code)}`);
    if (!response.ok) return undefined;
    const body = (await response.json()) as { name?: string };
    return body.name;
  } catch {
    return undefined;
  }
}

/** Tells the server the question is now on screen (the student's own clock starts here). */
export function questionShown(questionIndex: number): void {
  if (!room || shownQuestion === questionIndex) return;
  shownQuestion = questionIndex;
  room.send("questionShown", { questionIndex, shownAt: Date.now() });
}

/** Sends an answer to the current question. */
export function submitAnswer(answer: AnswerInput): void {
  const game = studentStore.get().game;
  if (!room || !game) return;
  studentStore.set({
    answeredQuestion: game.questionIndex,
    notice: "",
    lastAnswer: { questionIndex: game.questionIndex, text: describeAnswer(answer, optionsOf(game)) },
  });
  room.send("submitAnswer", { questionIndex: game.questionIndex, answer, answeredAt: Date.now() });
}

/** Presses the buzzer (stamped with this phone's clock; the server converts it). */
export function buzz(): void {
  const model = studentStore.get();
  const game = model.game;
  // One press per question: a key held down, or a click after a key press, is not a second buzz.
  if (!room || !game || model.buzzedQuestion === game.questionIndex || model.connection !== "online") return;
  const pressedAt = Date.now();
  navigator.vibrate?.(50);
  studentStore.set({ buzzedQuestion: game.questionIndex });
  room.send("buzz", { questionIndex: game.questionIndex, pressedAt });
}

/** What the student sent, in words: "Beria and Malenkov", "one, two, three", "42". */
export function describeAnswer(answer: AnswerInput, options: readonly string[]): string {
  switch (answer.kind) {
    case "choice": {
      const picked = answer.choices.map((i) => options[i] ?? "?");
      return picked.length <= 1 ? (picked[0] ?? "") : `${picked.slice(0, -1).join(", ")} and ${picked.at(-1)}`;
    }
    case "boolean":
      return answer.value ? "True" : "False";
    case "order":
      return answer.order.map((i) => options[i] ?? "?").join(", ");
    case "text":
      return answer.text;
    case "number":
      return String(answer.value);
  }
}

/** Back to the join form (after a kick or game over). */
export function backToJoin(): void {
  studentStore.set({
    stage: "join",
    game: undefined,
    joinError: "",
    farewell: "",
    answeredQuestion: -1,
    buzzedQuestion: -1,
  });
}
