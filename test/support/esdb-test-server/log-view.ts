import { EventStore, RecordedEvent } from '@ikrar/event-store';

/**
 * How the test server presents the backing store as an EventStoreDB transaction log.
 *
 * Positions: a backing event at global position g sits at ESDB commit = prepare
 * = OFFSET + g * SCALE, so positions are large and sparse, as byte offsets in a
 * real log are; an adapter that assumed dense positions (or confused positions
 * with counts or revisions) would fail.
 *
 * System events: a real $all also holds the server's own events ($-prefixed
 * streams and types). The view puts a few before everything else, as a fresh
 * server does, and one right after each domain event (half a SCALE later), so
 * that unfiltered reads and maxCount see them exactly as against a real server.
 */
export const POSITION_OFFSET = 1_000_000;
export const POSITION_SCALE = 1_000;

export function toEsdbPosition(globalPosition: number): number {
  return POSITION_OFFSET + globalPosition * POSITION_SCALE;
}

export function toBackingPosition(esdbPosition: number): number {
  return (esdbPosition - POSITION_OFFSET) / POSITION_SCALE;
}

/** One record of the presented log: either a backing (domain) event or a synthetic system event. */
export interface LogRecord {
  readonly position: number;
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly createdMs: number;
  /** The backing event this record is (or follows); undefined for the initial system events. */
  readonly backing?: RecordedEvent;
  readonly system: boolean;
}

const STARTED_AT = Date.now();

const INITIAL_SYSTEM_RECORDS: readonly LogRecord[] = [
  systemRecord(100, '$epoch-information', 0, '$epoch-information', { epochNumber: 0 }, '00000000-0000-4000-8000-000000000001'),
  systemRecord(200, '$users', 0, '$UserCreated', { LoginName: 'admin' }, '00000000-0000-4000-8000-000000000002'),
  systemRecord(300, '$projections-$all', 0, '$ProjectionsInitialized', {}, '00000000-0000-4000-8000-000000000003'),
];

function systemRecord(
  position: number,
  streamId: string,
  revision: number,
  type: string,
  data: Record<string, unknown>,
  eventId: string,
  backing?: RecordedEvent,
): LogRecord {
  return {
    position,
    streamId,
    revision,
    eventId,
    type,
    data: JSON.stringify(data),
    metadata: '',
    createdMs: backing ? Date.parse(backing.recordedAt) : STARTED_AT,
    backing,
    system: true,
  };
}

/** The ESDB record of a backing event: its custom metadata carries schemaVersion beside the metadata fields. */
export function domainRecord(event: RecordedEvent): LogRecord {
  const { schemaVersion, metadata } = event;
  return {
    position: toEsdbPosition(event.globalPosition),
    streamId: event.streamId,
    revision: event.streamRevision,
    eventId: event.eventId,
    type: event.type,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify({ schemaVersion, ...metadata }),
    createdMs: Date.parse(event.recordedAt),
    backing: event,
    system: false,
  };
}

function followerRecord(event: RecordedEvent): LogRecord {
  const id = event.eventId.replace(/^.{8}/, 'ffffffff');
  return systemRecord(
    toEsdbPosition(event.globalPosition) + POSITION_SCALE / 2,
    '$stats-127.0.0.1:2113',
    event.globalPosition,
    '$statsCollected',
    { 'proc-id': 1, 'sys-cpu': 0.5 },
    id,
    event,
  );
}

export class LogView {
  constructor(
    private readonly backing: EventStore,
    private readonly withSystemEvents: boolean,
    private readonly pageSize = 100,
  ) {}

  /** The records presented for one backing event, in log order. */
  recordsFor(event: RecordedEvent): LogRecord[] {
    return this.withSystemEvents ? [domainRecord(event), followerRecord(event)] : [domainRecord(event)];
  }

  /** Records with position >= from (inclusive) or > from (exclusive), in log order; `from` undefined: the start. */
  async *forwards(from: number | undefined, inclusive: boolean): AsyncGenerator<LogRecord> {
    const accept = (record: LogRecord) =>
      from === undefined || (inclusive ? record.position >= from : record.position > from);
    if (this.withSystemEvents) {
      for (const record of INITIAL_SYSTEM_RECORDS) if (accept(record)) yield record;
    }
    // One backing position below the bound, so a follower of an earlier event is not missed.
    let after = from === undefined ? undefined : toBackingPosition(from) - 1;
    for (;;) {
      const page = await this.backing.readAll({ after, maxCount: this.pageSize });
      if (page.length === 0) return;
      for (const event of page) {
        for (const record of this.recordsFor(event)) if (accept(record)) yield record;
        after = event.globalPosition;
      }
      if (page.length < this.pageSize) return;
    }
  }

  /** Records with position < before, newest first; `before` undefined: from the end. */
  async *backwards(before: number | undefined): AsyncGenerator<LogRecord> {
    const accept = (record: LogRecord) => before === undefined || record.position < before;
    let bound = before === undefined ? undefined : toBackingPosition(before);
    for (;;) {
      const page = await this.backing.readAll({ direction: 'backwards', before: bound, maxCount: this.pageSize });
      for (const event of page) {
        for (const record of this.recordsFor(event).reverse()) if (accept(record)) yield record;
        bound = event.globalPosition;
      }
      if (page.length < this.pageSize) break;
    }
    if (this.withSystemEvents) {
      for (const record of [...INITIAL_SYSTEM_RECORDS].reverse()) if (accept(record)) yield record;
    }
  }

  /** The backing position of the newest event, if any. */
  async lastBackingPosition(): Promise<number | undefined> {
    const [last] = await this.backing.readAll({ direction: 'backwards', maxCount: 1 });
    return last?.globalPosition;
  }
}
