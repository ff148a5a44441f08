import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  Position,
  ReadPosition,
  RecordedEvent as EsdbRecordedEvent,
  START,
  StreamNotFoundError,
} from '@eventstore/db-client';
import { Channel } from '@grpc/grpc-js';
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
} from '../port';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { mapAppendError, mapError } from './errors';
import {
  comparePositions,
  hasPosition,
  isSystemEvent,
  toEsdbEvents,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toRecordedEvent,
  validateAppend,
} from './mapping';
import { EsdbSubscription } from './subscription';

export interface EventStoreDbOptions {
  /** Events fetched per round trip when paging through $all (system events count towards a page). */
  readonly readAllPageSize?: number;
}

/**
 * The production adapter: EventStoreDB over gRPC, via the official client.
 *
 * Global positions are ESDB commit positions (byte offsets in the transaction
 * log: strictly increasing, far from dense). Stream revisions are ESDB event
 * numbers. System events ($-prefixed types or streams) never reach callers.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly pageSize: number;
  private closed = false;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    this.pageSize = Math.max(2, options.readAllPageSize ?? 512);
  }

  /** `esdb://host:2113?tls=false`; the connection is made lazily by the first call. */
  static connect(url: string, options?: EventStoreDbOptions): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), options);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    validateAppend(streamId, events, expected);
    let result;
    for (let attempt = 0; ; attempt++) {
      // The chain needs the stream's last hash. The append pins the revision that hash belongs to,
      // so a concurrent append in between fails with WrongExpectedRevision instead of forking the chain.
      const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
      const isRetry = last !== undefined && events.some((event) => event.eventId === last.eventId);
      let pinned: ExpectedRevision = expected;
      if (!isRetry && (expected === 'any' || (expected === 'stream_exists' && last))) {
        pinned = last ? last.streamRevision : 'no_stream';
      }
      const firstRevision = typeof pinned === 'number' ? pinned + 1 : last && pinned !== 'no_stream' ? last.streamRevision + 1 : 0;
      // When the expected revision does not match the last event, the server rejects the append (or replays it).
      const previousHash = last && last.streamRevision === firstRevision - 1 ? last.hash || null : null;
      try {
        result = await this.client.appendToStream(streamId, toEsdbEvents(streamId, events, firstRevision, previousHash), {
          expectedRevision: toEsdbExpectedRevision(pinned),
        });
        break;
      } catch (error) {
        const mapped = mapAppendError(error, streamId, expected);
        // Only an `any` / `stream_exists` append that we pinned ourselves is tried again on a race.
        if (mapped instanceof WrongExpectedRevisionError && pinned !== expected && attempt < 20) continue;
        throw mapped;
      }
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    if (hasPosition(result.position)) {
      return { nextExpectedRevision, position: Number(result.position.commit) };
    }
    // An idempotent replay may be acknowledged without a position: look the last event up.
    const [last] = await this.readStream(streamId, { direction: 'backwards', fromRevision: nextExpectedRevision, maxCount: 1 });
    if (!last) throw new Error(`append to ${streamId} succeeded but its last event could not be read back`);
    return { nextExpectedRevision, position: last.globalPosition };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const direction = options.direction ?? 'forwards';
    const { fromRevision, maxCount } = options;
    if (toLimit(maxCount) === 0) return [];
    if (fromRevision !== undefined && !(Number.isSafeInteger(fromRevision) && fromRevision >= 0)) {
      throw new Error(`readStream: fromRevision must be a non-negative integer, got ${String(fromRevision)}`);
    }
    const read = this.client.readStream(streamId, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision: fromRevision === undefined ? (direction === 'forwards' ? START : END) : BigInt(fromRevision),
      ...(maxCount !== undefined ? { maxCount } : {}),
    });
    // Drain the read before mapping: leaving the loop early would leave the gRPC call open.
    const received: EsdbRecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        if (resolved.event) received.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError || (error as { type?: unknown })?.type === ErrorType.STREAM_NOT_FOUND) {
        return [];
      }
      throw mapError(error, `read of stream ${streamId}`);
    }
    return received.map(toRecordedEvent);
  }

  /**
   * The client (6.x) cannot ask the server to filter a $all read, so system
   * events are dropped here and the read pages on until `maxCount` domain
   * events are found or the bounds / the log end are reached.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const { after, before } = options;
    const limit = toLimit(options.maxCount);
    if (limit === 0) return [];
    if (before !== undefined && before <= 0) return [];
    if (after !== undefined && before !== undefined && before <= after) return [];

    // Forwards reads from a position include it; backwards reads from a position exclude it.
    let from: ReadPosition = forwards
      ? after === undefined || after < 0
        ? START
        : toEsdbPosition(Math.floor(after))
      : before === undefined
        ? END
        : toEsdbPosition(Math.ceil(before));
    const pageSize = Number.isFinite(limit) ? Math.min(this.pageSize, Math.max(32, limit + 8)) : this.pageSize;

    const out: RecordedEvent[] = [];
    let last: Position | undefined;
    for (;;) {
      const page = await this.readAllPage(from, forwards, pageSize);
      for (const { event } of page) {
        if (!event || !hasPosition(event.position)) continue;
        // Paging restarts at the last position seen; never go back over it.
        if (last && (forwards ? comparePositions(event.position, last) <= 0 : comparePositions(event.position, last) >= 0)) {
          continue;
        }
        last = event.position;
        const position = Number(event.position.commit);
        if (forwards) {
          if (before !== undefined && position >= before) return out;
          if (after !== undefined && position <= after) continue;
        } else {
          if (after !== undefined && position <= after) return out;
          if (before !== undefined && position >= before) continue;
        }
        if (isSystemEvent(event)) continue;
        out.push(toRecordedEvent(event));
        if (out.length >= limit) return out;
      }
      if (page.length < pageSize || !last) return out;
      from = last;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    this.assertOpen();
    const { after } = options;
    const source = this.client.subscribeToAll({
      // Catch-up from a position is exclusive on the server: exactly "after".
      fromPosition: after === undefined || after < 0 ? START : toEsdbPosition(Math.floor(after)),
      filter: excludeSystemEvents(),
    });
    const subscription = new EsdbSubscription(source, after, (closed) => this.subscriptions.delete(closed));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    // dispose() waits for every open call to finish; never let a stuck call hang shutdown.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.client.dispose(),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000);
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
    // dispose() cancels streams but leaves the gRPC channel open; close it so nothing lingers.
    try {
      const channel = await (this.client as unknown as { getChannel(): Promise<Channel> }).getChannel();
      channel.close();
    } catch {
      // never connected (or already failed): nothing to close
    }
  }

  private async readAllPage(from: ReadPosition, forwards: boolean, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        direction: forwards ? FORWARDS : BACKWARDS,
        maxCount,
      })) {
        page.push(resolved);
      }
    } catch (error) {
      throw mapError(error, 'read of $all');
    }
    return page;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }
}

function toLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw new Error(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}
