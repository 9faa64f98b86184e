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
  readonly errorKinds: Record<string, number> = {};
  readonly echoRttMs: number[] = [];

  /** Counts an error and keeps the first few descriptions for the report. */
  error(what: string, detail: unknown): void {
    this.counters.errors++;
    this.countKind(`${what}: ${kindOf(detail)}`);
    if (this.errorSamples.length < 20) this.errorSamples.push(`${what}: ${describe(detail)}`);
  }

  /** Counts a connection that closed when it should not have; `code` is its close code. */
  disconnect(what: string, code?: number): void {
    this.counters.disconnects++;
    this.countKind(`disconnect${code === undefined ? "" : ` ${code}`}`);
    if (this.errorSamples.length < 20) this.errorSamples.push(`disconnect: ${what}`);
  }

  private countKind(kind: string): void {
    this.errorKinds[kind] = (this.errorKinds[kind] ?? 0) + 1;
  }

  /** Records a time under `${roomIndex}:${questionIndex}`. */
  stamp(into: TimesByQuestion, roomIndex: number, questionIndex: number, at: number): void {
    const key = `${roomIndex}:${questionIndex}`;
    const list = into[key] ?? [];
    list.push(at);
    into[key] = list;
  }
}

/** A short label to group errors by: the error's code if it has one, else its first words. */
function kindOf(detail: unknown): string {
  const withCode = detail as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = withCode?.code ?? withCode?.cause?.code;
  if (code !== undefined) return String(code);
  return describe(detail).slice(0, 40);
}

function describe(detail: unknown): string {
  if (detail instanceof Error) {
    const code = (detail as { code?: unknown }).code;
    return code === undefined ? detail.message : `${code} ${detail.message}`;
  }
  return typeof detail === "string" ? detail : JSON.stringify(detail);
}
