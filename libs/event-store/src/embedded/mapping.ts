import { CanonicalizationError, canonicalize } from '@ikrar/ledger-proof';
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

/** A stored row without the two timestamps: what verification reads of each event. */
export type StoredRow = Omit<EventRow, 'occurred_at' | 'recorded_at'>;

/**
 * An event validated and serialised before it is queued, so a bad payload fails only its own caller.
 * `data` and `metadata` are stored as RFC 8785 canonical JSON of what a JSON round trip gives back,
 * which is also exactly the text the event hash covers: the hash is computed by splicing them into
 * the canonical envelope, and a verifier can check a stored row without parsing it.
 */
export interface SerializedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: string;
  readonly occurredAt: string;
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
    return {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: canonicalJson(event.data),
      metadata: canonicalJson(event.metadata),
      occurredAt: event.metadata.occurredAt,
    };
  });
}

/**
 * Canonical JSON of the value as a JSON round trip gives it back. Plain JSON data (the usual case)
 * is canonicalised directly; anything JSON would change first (undefined in arrays, NaN, class
 * instances, functions) goes through the round trip, so the stored text is the same either way.
 */
function canonicalJson(value: Record<string, unknown>): string {
  try {
    return canonicalize(value);
  } catch (error) {
    if (!(error instanceof CanonicalizationError)) throw error;
    return canonicalize(JSON.parse(JSON.stringify(value)));
  }
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
