import { EventEmitter } from 'node:events';
import { EventSubscription, RecordedEvent } from '../port';

export interface SubscriptionSource {
  /** Events with a global position greater than `after`, oldest first, at most `limit`. */
  readAfter(after: number, limit: number): RecordedEvent[];
  /** Emits `committed` after every transaction of this process that wrote events. */
  readonly notifier: EventEmitter;
  readonly pollIntervalMs: number;
  readonly batchSize: number;
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * Catch-up then live subscription to the global log. It reads batches after its
 * checkpoint until it is caught up, then waits to be woken by a commit in this
 * process or by the poll timer (appends made by other processes on the same
 * file). Positions only become visible in commit order (SQLite serialises
 * writers), so reading `> checkpoint` never skips an event.
 */
export class SqliteSubscription implements EventSubscription {
  private checkpoint: number;
  private buffer: RecordedEvent[] = [];
  private cursor = 0;
  private closed = false;
  private wake: (() => void) | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly onCommitted = () => this.wake?.();

  constructor(
    private readonly source: SubscriptionSource,
    after: number | undefined,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {
    this.checkpoint = after ?? 0;
    source.notifier.on('committed', this.onCommitted);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        await this.close();
        return DONE;
      },
    };
  }

  /** Calls are served one after another, so overlapping `next()` calls still get events in order. */
  next(): Promise<IteratorResult<RecordedEvent>> {
    const result = this.queue.then(() => this.pull());
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * The events available right now, without waiting: what is buffered, then further reads of the
   * log, up to `max`. For a batching consumer (the projector) between two `next()` calls; it must
   * not be called while a `next()` is pending. Empty once closed or caught up.
   */
  takeAvailable(max: number): RecordedEvent[] {
    const taken: RecordedEvent[] = [];
    while (taken.length < max && !this.closed) {
      if (this.cursor < this.buffer.length) {
        const end = Math.min(this.buffer.length, this.cursor + (max - taken.length));
        for (; this.cursor < end; this.cursor++) taken.push(this.buffer[this.cursor]);
        continue;
      }
      const batch = this.source.readAfter(this.checkpoint, Math.max(this.source.batchSize, max - taken.length));
      if (batch.length === 0) break;
      this.buffer = batch;
      this.cursor = 0;
      this.checkpoint = batch[batch.length - 1].globalPosition;
    }
    return taken;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.source.notifier.off('committed', this.onCommitted);
    this.buffer = [];
    this.cursor = 0;
    this.wake?.();
    this.onClose(this);
  }

  private async pull(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return DONE;
      if (this.cursor < this.buffer.length) {
        return { done: false, value: this.buffer[this.cursor++] };
      }
      const batch = this.source.readAfter(this.checkpoint, this.source.batchSize);
      if (batch.length > 0) {
        this.buffer = batch;
        this.cursor = 0;
        this.checkpoint = batch[batch.length - 1].globalPosition;
        continue;
      }
      await this.waitForNews();
    }
  }

  /** Settles on a local commit, the poll interval, or close(). */
  private waitForNews(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), this.source.pollIntervalMs);
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      this.wake = done;
    });
  }
}
