import { type Counters, emptyCounters, type TimesByQuestion } from "./worker-protocol.ts";

/** What the bots of one worker process measure, gathered in one place. */
export class WorkerMetrics {
  readonly counters: Counters = emptyCounters();
  readonly joinMs: number[] = [];
  readonly answerAckMs: number[] = [];
  readonly questionOpenFanoutMs: number[] = [];
  readonly leaderboardSeenAt: TimesByQuestion = {};
  readonly nextSentAt: TimesByQuestion = {};
  readonly wireBytesPerQuestion: number[] = [];
  readonly payloadBytesPerQuestion: number[] = [];
  readonly framesPerQuestion: number[] = [];
  readonly clockOffsetsMs: number[] = [];
  readonly errorSamples: string[] = [];
  readonly echoRttMs: number[] = [];

  /** Counts an error and keeps the first few descriptions for the report. */
  error(what: string, detail: unknown): void {
    this.counters.errors++;
    if (this.errorSamples.length < 20) this.errorSamples.push(`${what}: ${describe(detail)}`);
  }

  /** Counts a connection that closed when it should not have. */
  disconnect(what: string): void {
    this.counters.disconnects++;
    if (this.errorSamples.length < 20) this.errorSamples.push(`disconnect: ${what}`);
  }

  /** Records a time under `${roomIndex}:${questionIndex}`. */
  stamp(into: TimesByQuestion, roomIndex: number, questionIndex: number, at: number): void {
    const key = `${roomIndex}:${questionIndex}`;
    const list = into[key] ?? [];
    list.push(at);
    into[key] = list;
  }
}

function describe(detail: unknown): string {
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    return code === undefined ? detail.message : `${code} ${detail.message}`;
  }
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}
