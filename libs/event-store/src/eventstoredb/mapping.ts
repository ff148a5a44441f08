import {
  ANY,
  AppendExpectedRevision,
  EventData,
  jsonEvent,
  NO_STREAM,
  Position,
  RecordedEvent as EsdbRecordedEvent,
  STREAM_EXISTS,
} from '@eventstore/db-client';
import { computeEventHash } from '../hashing';
import { Actor, EventMetadata, EventToAppend, ExpectedRevision, RecordedEvent } from '../port';

/**
 * The metadata JSON stored beside each event. Our own fields, plus ESDB's
 * `$correlationId` / `$causationId` conventions so server-side projections
 * ($by_correlation_id) and tooling understand the causal chain.
 */
export interface StoredMetadata {
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly idempotencyKey: string | null;
  readonly requestHash?: string | null;
  readonly $correlationId: string;
  readonly $causationId?: string;
  /** The event's chained hash and the previous event's (null at revision 0), computed client-side. */
  readonly hash?: string;
  readonly previousHash?: string | null;
}

/** Programming errors (empty batch, malformed event, reserved names) fail before anything is sent. */
export function validateAppend(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new Error('append: streamId must be a non-empty string');
  }
  if (streamId.startsWith('$')) {
    throw new Error(`append: stream ids starting with "$" are reserved for EventStoreDB system streams (${streamId})`);
  }
  if (!isExpectedRevision(expected)) {
    throw new Error(`append: invalid expected revision ${String(expected)}`);
  }
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error(`append: no events to append to stream ${streamId}`);
  }
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const where = `append to ${streamId}, event #${index}`;
    if (typeof event?.eventId !== 'string' || event.eventId.length === 0) throw new Error(`${where}: eventId is required`);
    if (seen.has(event.eventId)) throw new Error(`${where}: eventId ${event.eventId} appears twice in one append`);
    seen.add(event.eventId);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new Error(`${where}: type is required`);
    if (event.type.startsWith('$')) throw new Error(`${where}: event types starting with "$" are reserved (${event.type})`);
    if (!Number.isSafeInteger(event.schemaVersion)) throw new Error(`${where}: schemaVersion must be an integer`);
    if (!isPlainObject(event.data)) throw new Error(`${where}: data must be an object`);
    if (!isPlainObject(event.metadata) || typeof event.metadata.occurredAt !== 'string') {
      throw new Error(`${where}: metadata with occurredAt is required`);
    }
  });
}

/** Always an explicit expected revision; `any` only when the caller asked for it. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      return BigInt(expected);
  }
}

/**
 * Maps a batch to ESDB events with their hashes: event i sits at `firstRevision + i` and chains on
 * the one before it (`previousHash` for the first). Hashes cover data and metadata exactly as they
 * read back (JSON round trip, metadata as `toRecordedEvent` rebuilds it).
 */
export function toEsdbEvents(
  streamId: string,
  events: readonly EventToAppend[],
  firstRevision: number,
  previousHash: string | null,
): EventData[] {
  let previous = previousHash;
  return events.map((event, index) => {
    const base = storedMetadata(event);
    const hash = computeEventHash(
      {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamId,
        streamRevision: firstRevision + index,
        data: JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>,
        metadata: metadataFromStored(JSON.parse(JSON.stringify(base)) as Record<string, unknown>, null),
      },
      previous,
    );
    const stored: StoredMetadata = { ...base, hash, previousHash: previous };
    previous = hash;
    return jsonEvent({
      id: event.eventId,
      type: event.type,
      data: event.data,
      metadata: stored as unknown as Record<string, unknown>,
    });
  });
}

export function toEsdbEvent(event: EventToAppend): EventData {
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data,
    metadata: storedMetadata(event) as unknown as Record<string, unknown>,
  });
}

function storedMetadata(event: EventToAppend): StoredMetadata {
  const { metadata } = event;
  const stored: StoredMetadata = {
    schemaVersion: event.schemaVersion,
    occurredAt: metadata.occurredAt,
    actor: metadata.actor,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
    idempotencyKey: metadata.idempotencyKey,
    ...(metadata.requestHash !== undefined ? { requestHash: metadata.requestHash } : {}),
    $correlationId: metadata.correlationId,
    ...(metadata.causationId ? { $causationId: metadata.causationId } : {}),
  };
  return stored;
}

/** Our metadata as read back from the stored JSON (`fallbackCorrelationId` when none was stored). */
function metadataFromStored(meta: Record<string, unknown>, fallback: { id: string; created: Date } | null): EventMetadata {
  return {
    occurredAt: typeof meta.occurredAt === 'string' ? meta.occurredAt : (fallback?.created.toISOString() ?? ''),
    actor: (meta.actor as Actor | undefined) ?? { userId: 'unknown', role: 'system' },
    correlationId: stringOr(meta.correlationId, stringOr(meta.$correlationId, fallback?.id ?? '')),
    causationId: stringOrNull(meta.causationId),
    idempotencyKey: stringOrNull(meta.idempotencyKey),
    ...('requestHash' in meta ? { requestHash: stringOrNull(meta.requestHash) } : {}),
  };
}

/** ESDB positions are signed 64-bit on the server; "no position" (-1) arrives as 2^64 - 1. */
const MAX_POSITION = (1n << 63n) - 1n;

/** A position the server actually reported (stream reads before ESDB 22.6 carry none). */
export function hasPosition(position: Position | undefined): position is Position {
  return position !== undefined && position.commit >= 0n && position.commit <= MAX_POSITION;
}

export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!hasPosition(event.position)) {
    throw new Error(
      `EventStoreDB returned ${event.streamId}@${event.revision} without its $all position; ` +
        'the adapter needs EventStoreDB 22.6 or later (stream reads carry commit positions)',
    );
  }
  const meta = asObject(event.metadata);
  const metadata = metadataFromStored(meta, event);
  return {
    eventId: event.id,
    type: event.type,
    schemaVersion: typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 1,
    data: event.isJson ? asObject(event.data) : {},
    metadata,
    streamId: event.streamId,
    streamRevision: Number(event.revision),
    globalPosition: Number(event.position.commit),
    recordedAt: event.created.toISOString(),
    hash: typeof meta.hash === 'string' ? meta.hash : '',
    previousHash: stringOrNull(meta.previousHash),
  };
}

/** Our single-number global position as an ESDB position (commit = prepare for non-transactional writes). */
export function toEsdbPosition(globalPosition: number): Position {
  if (!Number.isSafeInteger(globalPosition) || globalPosition < 0) {
    throw new Error(`invalid global position ${String(globalPosition)}: must be a non-negative integer`);
  }
  const value = BigInt(globalPosition);
  return { commit: value, prepare: value };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
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

function asObject(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
