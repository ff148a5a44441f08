import type { Database } from 'better-sqlite3';
import { EventStoreUnavailableError } from '../errors';
import { AppendResult } from '../port';
import { AppendRequest, writeAppend } from './append-writer';
import { Statements } from './statements';

export interface GroupCommitStats {
  /** Write transactions committed (one per flushed batch). */
  readonly transactions: number;
  /** Append requests resolved successfully (exact retries included). */
  readonly appendsCommitted: number;
  /** Append requests rejected inside a committed batch (e.g. wrong expected revision). */
  readonly appendsRejected: number;
  /** Event rows written. */
  readonly eventsWritten: number;
  /** Batches whose transaction could not be committed; every request in them was rejected. */
  readonly failedTransactions: number;
}

interface Pending {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult; written: number } | { ok: false; error: unknown };

/** Thrown out of a batch when SQLite has already rolled the whole transaction back. */
class TransactionLost extends Error {
  constructor(readonly reason: unknown) {
    super('SQLite rolled back the group commit transaction');
  }
}

/**
 * Group commit: every append submitted in one event-loop turn is written in a
 * single transaction (one fsync), flushed from setImmediate. Each request runs
 * under its own savepoint, so a rejected request rolls back only itself, and
 * requests later in the batch see the earlier ones. Promises settle only after
 * COMMIT has returned.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  private counters = { transactions: 0, appendsCommitted: 0, appendsRejected: 0, eventsWritten: 0, failedTransactions: 0 };

  constructor(
    private readonly db: Database,
    private readonly statements: Statements,
    private readonly onCommitted: () => void,
    /** Once the transaction is committed, for every stream an accepted append wrote to. */
    private readonly onStreamWritten: (streamId: string, lastRevision: number) => void = () => undefined,
  ) {}

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Resolves once every submitted append has settled. */
  whenIdle(): Promise<void> {
    if (!this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length > 0) this.commitBatch(batch);
    if (!this.scheduled && this.queue.length === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const wake of waiters) wake();
    }
  }

  private commitBatch(batch: Pending[]): void {
    const { db, statements } = this;
    const recordedAt = new Date().toISOString();
    const outcomes: Outcome[] = [];
    try {
      statements.begin.run();
      try {
        for (const pending of batch) outcomes.push(this.writeOne(pending.request, recordedAt));
        statements.commit.run();
      } catch (error) {
        if (db.inTransaction) statements.rollback.run();
        throw error;
      }
    } catch (error) {
      this.counters.failedTransactions += 1;
      const cause = error instanceof TransactionLost ? error.reason : error;
      const failure = new EventStoreUnavailableError(`Event store commit failed: ${messageOf(cause)}`, cause);
      for (const pending of batch) pending.reject(failure);
      return;
    }

    this.counters.transactions += 1;
    let written = 0;
    batch.forEach((pending, index) => {
      const outcome = outcomes[index];
      if (outcome.ok) {
        this.counters.appendsCommitted += 1;
        written += outcome.written;
        if (outcome.written > 0) this.onStreamWritten(pending.request.streamId, outcome.result.nextExpectedRevision);
        pending.resolve(outcome.result);
      } else {
        this.counters.appendsRejected += 1;
        pending.reject(outcome.error);
      }
    });
    this.counters.eventsWritten += written;
    if (written > 0) this.onCommitted();
  }

  private writeOne(request: AppendRequest, recordedAt: string): Outcome {
    const { db, statements } = this;
    statements.savepoint.run();
    try {
      const { result, written } = writeAppend(statements, request, recordedAt);
      statements.release.run();
      return { ok: true, result, written };
    } catch (error) {
      if (!db.inTransaction) throw new TransactionLost(error);
      statements.rollbackToSavepoint.run();
      statements.release.run();
      return { ok: false, error };
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
