/**
 * A minimal Hands Up student bot (docs/protocol.md). It needs only `@colyseus/sdk` and Node 22+.
 *
 *   node bot.ts <server-url> [join-code] [name]
 *
 * Without a join code it creates a game over HTTP from the server's first question bank and prints
 * the code and host key, so a teacher can start it from the host page. It joins as a student,
 * answers the server's clock pings, reports when each question is on screen, answers every
 * multiple-choice and true/false question with a random option (and buzzes in buzzer rounds),
 * prints its result after each reveal and its final rank, and exits when the game ends.
 */
import { Client, MatchMakeError, type Room } from "@colyseus/sdk";

/** The parts of the synchronised state this bot reads (the full list is in docs/protocol.md). */
interface PlayerView {
  name: string;
  score: number;
  rank: number;
  lastResult: string;
  lastPoints: number;
}
interface GameView {
  code: string;
  title: string;
  phase: string;
  questionIndex: number;
  questionCount: number;
  roundMode: string;
  playerCount: number;
  answeringPlayerId: string;
  question: { type: string; prompt: string; options: { length: number } };
  reveal: { correctText: string };
  /** A student sees only their own entry, so this map holds exactly one player. */
  players: { forEach(callback: (player: PlayerView, playerId: string) => void): void };
}
type ErrorReply = { type: string; code: string; message: string };
type RequestReply = { ok: true } | { ok: false; code: string; message: string };

const NAME_TAKEN = 4102;

const [serverUrl = "http://localhost:2567", givenCode, givenName] = process.argv.slice(2);
const code = givenCode?.toUpperCase() ?? (await createGame(serverUrl));
const room = await joinAsStudent(serverUrl, code, givenName ?? (await suggestName(serverUrl, code)));
play(room);

/** Creates a game from the first bank the server offers; prints what a teacher needs to run it. */
async function createGame(url: string): Promise<string> {
  const banks = (await (await fetch(`${url}/api/banks`)).json()) as { id: string }[];
  const bankId = banks[0]?.id;
  if (bankId === undefined) throw new Error("The server has no question banks.");
  const response = await fetch(`${url}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ bankIds: [bankId], questionCount: 5 }),
  });
  const body = (await response.json()) as { code?: string; hostKey?: string; error?: string };
  if (response.status !== 201 || body.code === undefined) throw new Error(`Could not create a game: ${body.error}`);
  console.log(`Created game ${body.code}; host key ${body.hostKey} (start it from ${url}/host)`);
  return body.code;
}

/** A friendly free name from the server ("Brave Otter"). */
async function suggestName(url: string, joinCode: string): Promise<string> {
  const body = (await (await fetch(`${url}/api/suggest-name?code=${joinCode}`)).json()) as { name: string };
  return body.name;
}

/** Joins as a student; if the name is taken, asks the server for a free one and tries once more. */
async function joinAsStudent(url: string, joinCode: string, name: string): Promise<Room<unknown, GameView>> {
  const client = new Client(url);
  const deviceId = `bot-${crypto.randomUUID()}`; // lets this bot take its seat back after losing its token
  try {
    return await client.joinById<GameView>(joinCode, { name, deviceId });
  } catch (error) {
    if (!(error instanceof MatchMakeError)) throw error;
    if (error.code !== NAME_TAKEN) {
      console.error(`Could not join ${joinCode}: ${error.message} (${error.code})`);
      process.exit(1);
    }
    const other = await suggestName(url, joinCode);
    console.log(`${error.message} Joining as ${other}.`);
    return await client.joinById<GameView>(joinCode, { name: other, deviceId });
  }
}

/** Wires the messages and reacts to each state change until the game ends. */
function play(room: Room<unknown, GameView>) {
  let shownIndex = -1;
  let buzzedIndex = -1;
  let answeredIndex = -1;
  let revealedIndex = -1;
  let finished = false;

  // Clock sync: echo the server's stamp with our own clock, at once.
  room.onMessage("ping", (ping: { serverSentAt: number }) => {
    room.send("pong", { serverSentAt: ping.serverSentAt, clientAt: Date.now() });
  });
  room.onMessage("welcome", () => {}); // { playerId, name }: the key of our own entry in state.players
  room.onMessage("clock", () => {}); // { offsetMs, rttMs }: serverTime ≈ Date.now() − offsetMs
  room.onMessage("answerAck", () => {}); // also sent for request(); the request's reply is enough here
  room.onMessage("buzzAck", () => {});
  room.onMessage("error", (error: ErrorReply) => console.log(`Refused ${error.type}: ${error.code}: ${error.message}`));
  room.onMessage("kicked", (kicked: { reason: string }) => console.log(`Kicked: ${kicked.reason}`));
  room.onDrop((closeCode) => console.log(`Connection lost (${closeCode}); reconnecting…`));
  room.onReconnect(() => console.log("Reconnected."));
  room.onLeave((closeCode) => {
    console.log(`Left the game (${closeCode}).`);
    process.exit(closeCode === 4000 || closeCode === 4107 ? 0 : 1);
  });

  room.onStateChange((state) => {
    const mine = myEntry(state);
    if (mine === undefined) return; // the first patches may arrive before our entry
    const [playerId, me] = mine;
    const index = state.questionIndex;

    if (state.phase === "question" && shownIndex !== index) {
      shownIndex = index;
      console.log(`Q${index + 1}/${state.questionCount}: ${state.question.prompt}`);
      room.send("questionShown", { questionIndex: index, shownAt: Date.now() });
    }
    if (state.roundMode === "everyone" && state.phase === "question" && answeredIndex !== index) {
      answeredIndex = index;
      void answerSoon(room, state);
    }
    if (state.roundMode === "buzzer" && state.phase === "question" && buzzedIndex !== index) {
      buzzedIndex = index;
      room.send("buzz", { questionIndex: index, pressedAt: Date.now() });
    }
    if (state.phase === "answering" && state.answeringPlayerId === playerId && answeredIndex !== index) {
      answeredIndex = index;
      void answerSoon(room, state);
    }
    if (state.phase === "reveal" && revealedIndex !== index) {
      revealedIndex = index;
      console.log(
        `Result Q${index + 1}: ${me.lastResult} ${signed(me.lastPoints)} (answer: ${state.reveal.correctText}; score ${me.score}, rank ${me.rank})`,
      );
    }
    if ((state.phase === "podium" || state.phase === "ended") && !finished) {
      finished = true;
      console.log(`Final rank: ${me.rank} of ${state.playerCount} (${me.score} points)`);
    }
    if (state.phase === "ended") void room.leave();
  });
}

/** After a short "thinking" pause, answers the question on screen with a random option. */
async function answerSoon(room: Room<unknown, GameView>, state: GameView) {
  const index = state.questionIndex;
  const type = state.question.type;
  const optionCount = state.question.options.length;
  if (type !== "multiple-choice" && type !== "true-false") {
    console.log(`Skipping a ${type} question.`);
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 200 + Math.random() * 500));
  const answer =
    type === "true-false"
      ? { kind: "boolean", value: Math.random() < 0.5 }
      : { kind: "choice", choices: [Math.floor(Math.random() * optionCount)] };
  const reply: RequestReply = await room.request("submitAnswer", {
    questionIndex: index,
    answer,
    answeredAt: Date.now(),
  });
  console.log(
    reply.ok ? `Answered Q${index + 1}: ${JSON.stringify(answer)}` : `Answer refused: ${reply.code}: ${reply.message}`,
  );
}

/** This student's own entry: the only one in `players` (its key is the player id). */
function myEntry(state: GameView): [string, PlayerView] | undefined {
  let found: [string, PlayerView] | undefined;
  state.players?.forEach((player, playerId) => {
    found = [playerId, player];
  });
  return found;
}

function signed(points: number): string {
  return points >= 0 ? `+${points}` : String(points);
}
