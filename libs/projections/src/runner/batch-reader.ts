import type { RecordedEvent } from '@ikrar/event-store';

const NOT_READY = Symbol('not-ready');

/**
 * Turns a subscription into batches: waits for one event, then takes whatever else is already
 * available (resolved before the next turn of the event loop), up to `maxSize`. A catching-up
 * subscription fills whole batches; a live one hands over each event without delay.
 */
export class BatchReader {
  private readonly iterator: AsyncIterator<RecordedEvent>;
  /** A `next()` that did not settle in time: the next batch starts with it, so no event is lost. */
  private pending: Promise<IteratorResult<RecordedEvent>> | null = null;
  private ended = false;

  private readonly takeAvailable: ((max: number) => RecordedEvent[]) | null;

  constructor(
    source: AsyncIterable<RecordedEvent> & { takeAvailable?: (max: number) => RecordedEvent[] },
    private readonly maxSize: number,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
    this.takeAvailable = typeof source.takeAvailable === 'function' ? source.takeAvailable.bind(source) : null;
  }

  /** The next batch; null once the source has ended (closed). */
  async next(): Promise<RecordedEvent[] | null> {
    if (this.ended) return null;
    const first = await this.take();
    if (first.done) {
      this.ended = true;
      return null;
    }
    const batch = [first.value];
    // A source that can hand over what it already has synchronously (the embedded store's
    // subscription) fills the batch in one call: no promise and no timer per event.
    if (this.takeAvailable) {
      for (const event of this.takeAvailable(this.maxSize - 1)) batch.push(event);
      return batch;
    }
    // Otherwise: whatever settles before the next turn of the event loop (one timer per batch).
    const tick = new Promise<typeof NOT_READY>((resolve) => setImmediate(resolve, NOT_READY));
    while (batch.length < this.maxSize) {
      const next = await this.takeIfReady(tick);
      if (next === NOT_READY) break;
      if (next.done) {
        this.ended = true;
        break;
      }
      batch.push(next.value);
    }
    return batch;
  }

  private take(): Promise<IteratorResult<RecordedEvent>> {
    const next = this.pending ?? this.iterator.next();
    this.pending = null;
    return next;
  }

  private async takeIfReady(tick: Promise<typeof NOT_READY>): Promise<IteratorResult<RecordedEvent> | typeof NOT_READY> {
    this.pending ??= this.iterator.next();
    const result = await Promise.race([this.pending, tick]);
    if (result !== NOT_READY) this.pending = null;
    return result;
  }
}
