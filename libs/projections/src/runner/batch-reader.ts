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

  constructor(
    source: AsyncIterable<RecordedEvent>,
    private readonly maxSize: number,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
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
    while (batch.length < this.maxSize) {
      const next = await this.takeIfReady();
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

  private async takeIfReady(): Promise<IteratorResult<RecordedEvent> | typeof NOT_READY> {
    this.pending ??= this.iterator.next();
    const result = await Promise.race([this.pending, new Promise<typeof NOT_READY>((resolve) => setImmediate(resolve, NOT_READY))]);
    if (result !== NOT_READY) this.pending = null;
    return result;
  }
}
