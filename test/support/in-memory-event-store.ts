import {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  WrongExpectedRevisionError,
  computeEventHash,
} from '@ikrar/event-store';

/**
 * A simple, correct, in-memory EventStore for tests: the same rules as the
 * embedded store (atomic appends, expected revisions, exact-retry idempotency
 * on event ids) without any persistence. Global positions step by `positionStep`
 * (default 1) from `firstPosition` (default 1).
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly waiters = new Set<() => void>();
  private readonly subscriptions = new Set<InMemorySubscription>();
  private nextPosition: number;
  private closed = false;

  constructor(private readonly options: { firstPosition?: number; positionStep?: number } = {}) {
    this.nextPosition = options.firstPosition ?? 1;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    const stream = this.streams.get(streamId);
    const last = stream ? stream.length - 1 : undefined;
    const actual = last ?? 'no_stream';

    const stored = events.map((event) => this.byId.get(event.eventId));
    if (stored.some((event) => event !== undefined)) {
      const retry = exactRetry(streamId, expected, stored);
      if (retry) return retry;
      throw new WrongExpectedRevisionError(streamId, expected, actual);
    }
    if (!matches(expected, last)) throw new WrongExpectedRevisionError(streamId, expected, actual);

    const target = stream ?? [];
    const recordedAt = new Date().toISOString();
    let position = 0;
    for (const event of events) {
      position = this.nextPosition;
      this.nextPosition += this.options.positionStep ?? 1;
      const previousHash = target.length > 0 ? target[target.length - 1].hash : null;
      const content: EventToAppend = structuredClone({
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
      });
      const recorded: RecordedEvent = {
        ...content,
        streamId,
        streamRevision: target.length,
        globalPosition: position,
        recordedAt,
        // Hashed over a JSON copy: structuredClone builds its objects in another realm under jest.
        hash: computeEventHash(JSON.parse(JSON.stringify({ ...content, streamId, streamRevision: target.length })), previousHash),
        previousHash,
      };
      target.push(recorded);
      this.log.push(recorded);
      this.byId.set(recorded.eventId, recorded);
    }
    this.streams.set(streamId, target);
    for (const wake of [...this.waiters]) wake();
    return { nextExpectedRevision: target.length - 1, position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return [];
    let selected: RecordedEvent[];
    if ((options.direction ?? 'forwards') === 'forwards') {
      const from = options.fromRevision ?? 0;
      selected = stream.filter((event) => event.streamRevision >= from);
    } else {
      const from = options.fromRevision ?? Number.POSITIVE_INFINITY;
      selected = stream.filter((event) => event.streamRevision <= from).reverse();
    }
    return structuredClone(selected.slice(0, limit));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (limit <= 0) return [];
    const after = options.after ?? Number.NEGATIVE_INFINITY;
    const before = options.before ?? Number.POSITIVE_INFINITY;
    let selected = this.log.filter((event) => event.globalPosition > after && event.globalPosition < before);
    if (options.direction === 'backwards') selected = selected.reverse();
    return structuredClone(selected.slice(0, limit));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription = new InMemorySubscription(this, options.after, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
  }

  /** @internal events strictly after a position, in log order. */
  eventsAfter(position: number | undefined, limit: number): RecordedEvent[] {
    const from = position ?? Number.NEGATIVE_INFINITY;
    const out: RecordedEvent[] = [];
    for (const event of this.log) {
      if (event.globalPosition > from) out.push(structuredClone(event));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** @internal resolves at the next append (or when `cancel` is called). */
  nextAppend(): { promise: Promise<void>; cancel: () => void } {
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = () => {
        this.waiters.delete(wake);
        resolve();
      };
    });
    this.waiters.add(wake);
    return { promise, cancel: wake };
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('InMemoryEventStore is closed');
  }
}

class InMemorySubscription implements EventSubscription {
  private closed = false;
  private cancelWait: (() => void) | undefined;

  constructor(
    private readonly store: InMemoryEventStore,
    private readonly after: number | undefined,
    private readonly onClose: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    let cursor = this.after;
    try {
      while (!this.closed) {
        const batch = this.store.eventsAfter(cursor, 100);
        if (batch.length === 0) {
          const wait = this.store.nextAppend();
          this.cancelWait = wait.cancel;
          // Re-check after registering, so an append in between is not missed.
          if (this.store.eventsAfter(cursor, 1).length === 0 && !this.closed) await wait.promise;
          else wait.cancel();
          this.cancelWait = undefined;
          continue;
        }
        for (const event of batch) {
          if (this.closed) return;
          cursor = event.globalPosition;
          yield event;
        }
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelWait?.();
    this.onClose();
  }
}

function matches(expected: ExpectedRevision, last: number | undefined): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return last === undefined;
  if (expected === 'stream_exists') return last !== undefined;
  return last === expected;
}

function exactRetry(
  streamId: string,
  expected: ExpectedRevision,
  stored: readonly (RecordedEvent | undefined)[],
): AppendResult | null {
  const first = stored[0];
  if (!first || first.streamId !== streamId) return null;
  const expectedFirst =
    expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : first.streamRevision;
  if (first.streamRevision !== expectedFirst) return null;
  for (let i = 1; i < stored.length; i++) {
    const event = stored[i];
    if (!event || event.streamId !== streamId || event.streamRevision !== first.streamRevision + i) return null;
  }
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: last.streamRevision, position: last.globalPosition };
}

function validateAppend(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new Error('append: streamId must be a non-empty string');
  const validExpected =
    expected === 'no_stream' ||
    expected === 'stream_exists' ||
    expected === 'any' ||
    (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0);
  if (!validExpected) throw new Error(`append: invalid expected revision ${String(expected)}`);
  if (!Array.isArray(events) || events.length === 0) throw new Error(`append: no events to append to stream ${streamId}`);
  const seen = new Set<string>();
  for (const event of events) {
    if (typeof event?.eventId !== 'string' || event.eventId.length === 0) throw new Error('append: eventId is required');
    if (seen.has(event.eventId)) throw new Error(`append: eventId ${event.eventId} appears twice in one append`);
    seen.add(event.eventId);
  }
}
