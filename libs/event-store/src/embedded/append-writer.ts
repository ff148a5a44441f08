import { WrongExpectedRevisionError } from '../errors';
import { eventHashOfCanonicalParts } from '@ikrar/ledger-proof';
import { AppendResult, ExpectedRevision } from '../port';
import { SerializedEvent } from './mapping';
import { Statements } from './statements';

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly SerializedEvent[];
  readonly expected: ExpectedRevision;
}

/**
 * Writes one append request inside the current transaction (the group
 * committer wraps it in a savepoint). Throws WrongExpectedRevisionError on a
 * revision mismatch or a reuse of stored event ids; an exact retry returns the
 * original result without writing.
 */
export interface WriteOutcome {
  readonly result: AppendResult;
  /** Event rows written: 0 for an exact retry. */
  readonly written: number;
}

export function writeAppend(statements: Statements, request: AppendRequest, recordedAt: string): WriteOutcome {
  const { streamId, events, expected } = request;
  const streamRow = statements.streamLastRevision.get(streamId);
  const lastRevision = streamRow?.last_revision;
  const actual = lastRevision ?? 'no_stream';

  const stored = events.map((event) => statements.eventById.get(event.eventId));
  if (stored.some((row) => row !== undefined)) {
    const retry = exactRetryResult(streamId, expected, stored);
    if (retry) return { result: retry, written: 0 };
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }

  if (!revisionMatches(expected, lastRevision)) {
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }

  let revision = lastRevision ?? -1;
  let position = 0;
  // Chained inside the transaction: a later request of the same batch on this stream reads this last_hash.
  let previousHash = streamRow?.last_hash ?? null;
  const hashed = events.map((event, index) => {
    const hash = eventHashOfCanonicalParts(
      {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamId,
        streamRevision: revision + 1 + index,
        dataJson: event.data,
        metadataJson: event.metadata,
      },
      previousHash,
    );
    const link = { hash, previousHash };
    previousHash = hash;
    return link;
  });
  try {
    statements.upsertStream.run(streamId, revision + events.length, previousHash!);
    for (const [index, event] of events.entries()) {
      revision += 1;
      const { lastInsertRowid } = statements.insertEvent.run(
        event.eventId,
        streamId,
        revision,
        event.type,
        event.schemaVersion,
        event.data,
        event.metadata,
        event.occurredAt,
        recordedAt,
        hashed[index].hash,
        hashed[index].previousHash,
      );
      position = Number(lastInsertRowid);
    }
  } catch (error) {
    // The checks above make this unreachable in a consistent file; a constraint
    // hit still means "someone else wrote here", never a raw SQLite error.
    if (isConstraintError(error)) throw new WrongExpectedRevisionError(streamId, expected, actual);
    throw error;
  }
  return { result: { nextExpectedRevision: revision, position }, written: events.length };
}

function revisionMatches(expected: ExpectedRevision, lastRevision: number | undefined): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return lastRevision === undefined;
    case 'stream_exists':
      return lastRevision !== undefined;
    default:
      return lastRevision === expected;
  }
}

type StoredEvent = { stream_id: string; stream_revision: number; global_position: number } | undefined;

/** The stream already holds exactly these event ids, in order, right after `expected`. */
function exactRetryResult(streamId: string, expected: ExpectedRevision, stored: StoredEvent[]): AppendResult | null {
  const first = stored[0];
  if (!first || first.stream_id !== streamId) return null;
  const expectedFirst = expected === 'no_stream' ? 0 : typeof expected === 'number' ? expected + 1 : first.stream_revision;
  if (first.stream_revision !== expectedFirst) return null;
  for (let i = 1; i < stored.length; i++) {
    const row = stored[i];
    if (!row || row.stream_id !== streamId || row.stream_revision !== first.stream_revision + i) return null;
  }
  const last = stored[stored.length - 1]!;
  return { nextExpectedRevision: last.stream_revision, position: last.global_position };
}

function isConstraintError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}
