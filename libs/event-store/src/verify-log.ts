import { eventHashOfCanonicalParts } from '@ikrar/ledger-proof';
import { SqliteEventStore, StoredRow } from './embedded';
import { EventMetadata } from './port';
import { eventHashMatches } from './hashing';
import { EventStore, RecordedEvent } from './port';

export type VerifyProblem = 'content-changed' | 'chain-broken' | 'revision-gap' | 'order';

export interface VerifyFailure {
  readonly globalPosition: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly streamRevision: number;
  readonly problem: VerifyProblem;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly eventsChecked: number;
  readonly firstFailure: VerifyFailure | null;
}

export interface VerifyLogOptions {
  /** Events read per `readAll` page. Default 1000. */
  readonly pageSize?: number;
  /** Called after every page with the events checked so far and the global position reached. */
  readonly onProgress?: (eventsChecked: number, globalPosition: number) => void;
}

/**
 * Walks the whole log in global order, one page at a time (memory: one page plus the last hash and
 * revision of each stream), and names the first event that fails:
 *
 * - `order`: its global position does not strictly increase;
 * - `revision-gap`: its stream revision is not the one after the previous event of its stream
 *   (an event was removed or moved);
 * - `chain-broken`: its `previousHash` is not the hash of the previous event of its stream;
 * - `content-changed`: its hash does not recompute from its content.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<VerifyResult> {
  if (store instanceof SqliteEventStore) return verifyStoredRows(store, options);
  const pageSize = Math.max(1, options.pageSize ?? 1000);
  const streams = new Map<string, { revision: number; hash: string }>();
  let eventsChecked = 0;
  let lastPosition: number | undefined;
  for (;;) {
    const page = await store.readAll({ ...(lastPosition !== undefined ? { after: lastPosition } : {}), maxCount: pageSize });
    for (const event of page) {
      const problem = checkEvent(event, lastPosition, streams.get(event.streamId));
      if (problem) {
        return { ok: false, eventsChecked, firstFailure: failure(event, problem) };
      }
      eventsChecked += 1;
      lastPosition = event.globalPosition;
      streams.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
    }
    if (page.length > 0) options.onProgress?.(eventsChecked, lastPosition!);
    if (page.length < pageSize) return { ok: true, eventsChecked, firstFailure: null };
  }
}

function checkEvent(
  event: RecordedEvent,
  lastPosition: number | undefined,
  previous: { revision: number; hash: string } | undefined,
): VerifyProblem | null {
  if (lastPosition !== undefined && !(event.globalPosition > lastPosition)) return 'order';
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.streamRevision !== expectedRevision) return 'revision-gap';
  if (event.previousHash !== (previous ? previous.hash : null)) return 'chain-broken';
  if (!eventHashMatches(event, event.previousHash)) return 'content-changed';
  return null;
}

function failure(event: RecordedEvent, problem: VerifyProblem): VerifyFailure {
  return {
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    problem,
  };
}

/**
 * The same walk over the embedded store's rows as stored. The embedded store writes data and metadata
 * as canonical JSON, so a row's hash is first recomputed by splicing that text into the canonical
 * envelope (no parsing); only when that does not give the stored hash (a row written otherwise, or
 * changed) is the row parsed and checked exactly as above, which then decides.
 */
async function verifyStoredRows(store: SqliteEventStore, options: VerifyLogOptions): Promise<VerifyResult> {
  const pageSize = Math.max(1, options.pageSize ?? 1000);
  const checker = new StoredLogChecker();
  for (;;) {
    const page = store.readRows(checker.lastPosition ?? 0, pageSize);
    for (const row of page) if (!checker.feed(row)) return checker.result();
    if (page.length > 0) options.onProgress?.(checker.eventsChecked, checker.lastPosition!);
    if (page.length < pageSize) return checker.result();
    // Let the rest of the process run between pages (the API serves /audit/verify while it runs).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * `verifyLog`'s check, one stored row of the embedded store at a time, in global order (memory: the
 * last hash and revision of each stream). Used by `verifyLog` and by the full verification, which
 * walks the log once for both the chain and the ledger index.
 */
export class StoredLogChecker {
  private readonly streams = new Map<string, { revision: number; hash: string }>();
  eventsChecked = 0;
  lastPosition: number | undefined;
  private firstFailure: VerifyFailure | null = null;

  /** Checks the next row; false once a row failed (later rows are not checked). */
  feed(row: StoredRow): boolean {
    if (this.firstFailure) return false;
    const previous = this.streams.get(row.stream_id);
    const problem = checkRow(row, this.lastPosition, previous);
    if (problem) {
      this.firstFailure = { globalPosition: row.global_position, eventId: row.event_id, streamId: row.stream_id, streamRevision: row.stream_revision, problem };
      return false;
    }
    this.eventsChecked += 1;
    this.lastPosition = row.global_position;
    if (previous) {
      previous.revision = row.stream_revision;
      previous.hash = row.hash;
    } else {
      this.streams.set(row.stream_id, { revision: row.stream_revision, hash: row.hash });
    }
    return true;
  }

  result(): VerifyResult {
    return { ok: this.firstFailure === null, eventsChecked: this.eventsChecked, firstFailure: this.firstFailure };
  }
}

function checkRow(row: StoredRow, lastPosition: number | undefined, previous: { revision: number; hash: string } | undefined): VerifyProblem | null {
  if (lastPosition !== undefined && !(row.global_position > lastPosition)) return 'order';
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (row.stream_revision !== expectedRevision) return 'revision-gap';
  if (row.previous_hash !== (previous ? previous.hash : null)) return 'chain-broken';
  if (splicedHashMatches(row)) return null;
  return parsedHashMatches(row) ? null : 'content-changed';
}

/** The slow path: the row parsed and hashed exactly as `verifyLog` does for any store. */
function parsedHashMatches(row: StoredRow): boolean {
  let data: Record<string, unknown>;
  let metadata: EventMetadata;
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
    metadata = JSON.parse(row.metadata) as EventMetadata;
  } catch {
    return false;
  }
  const event = { eventId: row.event_id, type: row.type, schemaVersion: row.schema_version, streamId: row.stream_id, streamRevision: row.stream_revision, data, metadata, hash: row.hash };
  return eventHashMatches(event, row.previous_hash);
}

function splicedHashMatches(row: StoredRow): boolean {
  try {
    const hash = eventHashOfCanonicalParts(
      {
        eventId: row.event_id,
        type: row.type,
        schemaVersion: row.schema_version,
        streamId: row.stream_id,
        streamRevision: row.stream_revision,
        dataJson: row.data,
        metadataJson: row.metadata,
      },
      row.previous_hash,
    );
    return hash === row.hash;
  } catch {
    return false;
  }
}
