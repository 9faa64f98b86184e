/**
 * Group commit: writes queued in the same turn of the event loop are committed together in one
 * transaction, and each caller's promise settles only after that transaction has committed. Writes
 * are applied in the order they were queued, one batch at a time, so a later write never commits
 * before an earlier one (the game event log relies on that: seq N is durable before seq N+1).
 *
 * Why: on the answer path, one transaction per answer made the commit (a WAL append for SQLite, a
 * WAL flush and fsync for PostgreSQL) the per-answer cost. With 40 answers arriving in the same
 * tick, one commit now covers all of them, and none is acknowledged before it is durable.
 */

/** One queued write: runs inside the batch's transaction and returns its result. */
export type Write<Tx, T> = (tx: Tx) => T | Promise<T>;

/** How a store runs a batch: `inTransaction(run)` opens a transaction, calls `run`, and commits. */
export interface TransactionRunner<Tx> {
  inTransaction<T>(run: (tx: Tx) => Promise<T>): Promise<T>;
}

interface Pending<Tx> {
  write: Write<Tx, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class GroupCommitQueue<Tx> {
  private queue: Pending<Tx>[] = [];
  private flushing: Promise<void> | undefined;
  private scheduled = false;
  private readonly runner: TransactionRunner<Tx>;
  /** Largest batch so far and how many batches ran: for tests and the bench. */
  readonly stats = { batches: 0, writes: 0, largestBatch: 0 };

  constructor(runner: TransactionRunner<Tx>) {
    this.runner = runner;
  }

  /** Queues a write; resolves with its result once the transaction it ran in has committed. */
  enqueue<T>(write: Write<Tx, T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  /** Resolves once every write queued so far has settled. */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.flushing || this.scheduled) {
      if (this.flushing) await this.flushing;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn: every message that arrived in the
    // same read burst has queued its write by then and joins this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.stats.batches++;
    this.stats.writes += batch.length;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let results: unknown[];
    try {
      results = await this.runner.inTransaction(async (tx) => {
        const out: unknown[] = [];
        for (const item of batch) out.push(await item.write(tx));
        return out;
      });
    } catch {
      // One bad write (a foreign key, a duplicate event) must not fail its neighbours: the batch was
      // rolled back, so run each write again in a transaction of its own, still in order.
      for (const item of batch) {
        try {
          item.resolve(await this.runner.inTransaction(async (tx) => item.write(tx)));
        } catch (error) {
          item.reject(error);
        }
      }
      return;
    }
    for (const [index, item] of batch.entries()) item.resolve(results[index]);
  }
}
