import { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventSubscription, RecordedEvent } from '../port';
import { mapError } from './errors';
import { comparePositions, hasPosition, isSystemEvent, toRecordedEvent } from './mapping';

const CLOSED = Symbol('closed');

/**
 * Wraps the client's catch-up subscription to $all as our EventSubscription.
 *
 * The client's subscription is a Node stream that only yields events (confirmation,
 * checkpoints and caught-up markers are consumed inside the client), but it never
 * ends after `unsubscribe()`: the cancelled gRPC call is swallowed as a "client
 * cancellation" and nothing closes the stream. So iteration races every read
 * against our own close signal.
 */
export class EsdbSubscription implements EventSubscription {
  private closed = false;
  private iterating = false;
  private readonly closeSignal: Promise<typeof CLOSED>;
  private signalClose!: () => void;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly after: number | undefined,
    private readonly onClose: (subscription: EsdbSubscription) => void,
  ) {
    this.closeSignal = new Promise((resolve) => {
      this.signalClose = () => resolve(CLOSED);
    });
    // Errors surface through iteration; an error nobody iterates for must not crash the process.
    source.on('error', () => undefined);
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.iterating) throw new Error('an EventStoreDB subscription can be iterated only once');
    this.iterating = true;
    return this.iterate();
  }

  private async *iterate(): AsyncGenerator<RecordedEvent> {
    const events = this.source[Symbol.asyncIterator]() as AsyncIterator<AllStreamResolvedEvent>;
    let last = this.after === undefined ? undefined : { commit: BigInt(this.after), prepare: BigInt(this.after) };
    try {
      while (!this.closed) {
        let next: IteratorResult<AllStreamResolvedEvent> | typeof CLOSED;
        try {
          next = await Promise.race([events.next(), this.closeSignal]);
        } catch (error) {
          if (this.closed) return;
          throw mapError(error, 'subscription to $all');
        }
        if (next === CLOSED || next.done) return;
        const event = next.value.event;
        if (!event || isSystemEvent(event) || !hasPosition(event.position)) continue;
        // Catch-up from a position is exclusive on the server; stay strictly increasing regardless.
        if (last && comparePositions(event.position, last) <= 0) continue;
        last = event.position;
        yield toRecordedEvent(event);
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClose();
    this.onClose(this);
    try {
      await this.source.unsubscribe();
    } catch {
      // already gone: nothing to release
    }
    this.source.destroy();
  }
}
