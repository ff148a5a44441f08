import { EventMetadata, EventToAppend, ExpectedRevision, RecordedEvent } from '../port';

/** A row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  readonly global_position: number;
  readonly event_id: string;
  readonly stream_id: string;
  readonly stream_revision: number;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly metadata: string;
  readonly occurred_at: string;
  readonly recorded_at: string;
  readonly hash: string;
  readonly previous_hash: string | null;
}

/** An event validated and serialised before it is queued, so a bad payload fails only its own caller. */
export interface SerializedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly occurredAt: string;
  /** `data` and `metadata` exactly as they will read back (JSON round trip), for the hash. */
  readonly stored: { readonly data: Record<string, unknown>; readonly metadata: EventMetadata };
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    globalPosition: row.global_position,
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}

/** Throws a plain Error for programming errors (empty batch, malformed event, bad expected revision). */
export function serializeAppend(
  streamId: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): SerializedEvent[] {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new Error('append: streamId must be a non-empty string');
  }
  if (!isExpectedRevision(expected)) {
    throw new Error(`append: invalid expected revision ${String(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(`append: no events to append to stream ${streamId}`);
  }
  const seen = new Set<string>();
  return events.map((event, index) => {
    const where = `append to ${streamId}, event #${index}`;
    if (typeof event?.eventId !== 'string' || event.eventId.length === 0) throw new Error(`${where}: eventId is required`);
    if (seen.has(event.eventId)) throw new Error(`${where}: eventId ${event.eventId} appears twice in one append`);
    seen.add(event.eventId);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new Error(`${where}: type is required`);
    if (!Number.isSafeInteger(event.schemaVersion)) throw new Error(`${where}: schemaVersion must be an integer`);
    if (!isPlainObject(event.data)) throw new Error(`${where}: data must be an object`);
    if (!isPlainObject(event.metadata) || typeof event.metadata.occurredAt !== 'string') {
      throw new Error(`${where}: metadata with occurredAt is required`);
    }
    const data = JSON.stringify(event.data);
    const metadata = JSON.stringify(event.metadata);
    return {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data,
      metadata,
      occurredAt: event.metadata.occurredAt,
      stored: { data: JSON.parse(data) as Record<string, unknown>, metadata: JSON.parse(metadata) as EventMetadata },
    };
  });
}

function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'no_stream' ||
    value === 'stream_exists' ||
    value === 'any' ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
