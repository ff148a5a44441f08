import type { RecordedEvent } from '@ikrar/event-store';
import type { DocumentChange, ProjectionFailure, ReadDocument } from '@ikrar/read-store';
import { UndeclaredReadError } from '../errors';
import type { DocumentKey, DocumentLookup, Projection } from '../projection';

/** What one projection makes of one batch: committed together with its checkpoint. */
export interface BatchOutcome {
  readonly projection: string;
  /** One change per document: its state after the batch. */
  readonly changes: DocumentChange[];
  readonly failures: ProjectionFailure[];
  /** The new checkpoint: the batch's last global position. */
  readonly position: number;
  /** Events past the projection's checkpoint that it went through. */
  readonly events: number;
}

/** One round trip for many ids of one collection (the read store's getMany). */
export type FetchDocuments = (collection: string, ids: readonly string[]) => Promise<readonly ReadDocument[]>;

/** Checkpoints by projection name; null: nothing projected yet. */
export type Checkpoints = ReadonlyMap<string, number | null>;

export interface BatchOptions {
  /** Event types some projection knows; default: those of `projections` (a test running one projection passes all). */
  readonly knownEventTypes?: Iterable<string>;
  /** Clock for `failedAt`. */
  readonly now?: () => string;
}

/** Reads may follow links found in fetched documents; a few rounds cover every chain the reducers use. */
const MAX_PREFETCH_ROUNDS = 4;

/**
 * Runs a batch of events through the projections: prefetches what their `reads()` name (one
 * getMany per collection per round), then folds each projection's events over an in-memory
 * overlay. An event a projection cannot project (unknown type, bad payload, any throw) becomes a
 * recorded failure and the batch goes on. Events at or below a projection's checkpoint are skipped.
 */
export async function projectBatch(
  projections: readonly Projection[],
  events: readonly RecordedEvent[],
  fetch: FetchDocuments,
  checkpoints: Checkpoints,
  options: BatchOptions = {},
): Promise<BatchOutcome[]> {
  if (events.length === 0) return [];
  const now = options.now ?? (() => new Date().toISOString());
  const known = new Set(options.knownEventTypes ?? projections.flatMap((projection) => projection.knownEventTypes));
  const pending = new Map(projections.map((p) => [p, pastCheckpoint(events, checkpoints.get(p.name) ?? null)]));
  const fetched = await prefetch(projections, pending, known, fetch);
  const position = events[events.length - 1].globalPosition;
  const outcomes: BatchOutcome[] = [];
  for (const projection of projections) {
    const mine = pending.get(projection)!;
    if (mine.length === 0) continue;
    outcomes.push({ projection: projection.name, position, events: mine.length, ...fold(projection, mine, fetched, known, now) });
  }
  return outcomes;
}

function pastCheckpoint(events: readonly RecordedEvent[], checkpoint: number | null): RecordedEvent[] {
  return checkpoint === null ? [...events] : events.filter((event) => event.globalPosition > checkpoint);
}

/** collection -> id -> document (null: fetched and absent). */
type Fetched = Map<string, Map<string, ReadDocument | null>>;

async function prefetch(
  projections: readonly Projection[],
  pending: ReadonlyMap<Projection, RecordedEvent[]>,
  known: ReadonlySet<string>,
  fetch: FetchDocuments,
): Promise<Fetched> {
  const fetched: Fetched = new Map();
  for (let round = 0; round < MAX_PREFETCH_ROUNDS; round++) {
    const wanted = new Map<string, Set<string>>();
    for (const projection of projections) {
      const owned = new Set(projection.collections);
      const lookup: DocumentLookup = { get: (collection, id) => (owned.has(collection) ? (fetched.get(collection)?.get(id) ?? null) : null) };
      for (const event of pending.get(projection)!) {
        if (!known.has(event.type)) continue;
        for (const key of safeReads(projection, event, lookup)) {
          if (!owned.has(key.collection) || fetched.get(key.collection)?.has(key.id)) continue;
          const ids = wanted.get(key.collection) ?? new Set<string>();
          ids.add(key.id);
          wanted.set(key.collection, ids);
        }
      }
    }
    if (wanted.size === 0) break;
    await Promise.all(
      [...wanted].map(async ([collection, ids]) => {
        const list = [...ids];
        const docs = await fetch(collection, list);
        const byId = fetched.get(collection) ?? new Map<string, ReadDocument | null>();
        for (const id of list) byId.set(id, null);
        for (const doc of docs) byId.set(doc.id, deepFreeze(doc));
        fetched.set(collection, byId);
      }),
    );
  }
  return fetched;
}

/** `reads()` is lenient by contract; should one throw anyway, `project()` reports the event. */
function safeReads(projection: Projection, event: RecordedEvent, lookup: DocumentLookup): DocumentKey[] {
  try {
    return projection.reads(event, lookup);
  } catch {
    return [];
  }
}

function fold(
  projection: Projection,
  events: readonly RecordedEvent[],
  fetched: Fetched,
  known: ReadonlySet<string>,
  now: () => string,
): { changes: DocumentChange[]; failures: ProjectionFailure[] } {
  const owned = new Set(projection.collections);
  const overlay = new Map<string, ReadDocument | null>();
  const finals = new Map<string, DocumentChange>();
  const failures: ProjectionFailure[] = [];
  const docs: DocumentLookup = {
    get(collection, id) {
      if (!owned.has(collection)) throw new Error(`projection ${projection.name} read ${collection}, a collection it does not own`);
      const key = keyOf(collection, id);
      if (overlay.has(key)) return overlay.get(key)!;
      const byId = fetched.get(collection);
      if (byId?.has(id)) return byId.get(id)!;
      throw new UndeclaredReadError(projection.name, collection, id);
    },
  };
  const fail = (event: RecordedEvent, error: string) =>
    failures.push({ projection: projection.name, globalPosition: event.globalPosition, eventId: event.eventId, eventType: event.type, error, failedAt: now() });

  for (const event of events) {
    if (!known.has(event.type)) {
      fail(event, `unknown event type "${event.type}"`);
      continue;
    }
    let changes: DocumentChange[];
    try {
      changes = projection.project(event, docs);
      for (const change of changes) checkChange(projection, owned, change);
    } catch (error) {
      fail(event, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      continue;
    }
    for (const change of changes) {
      const key = change.op === 'upsert' ? keyOf(change.collection, change.doc.id) : keyOf(change.collection, change.id);
      overlay.set(key, change.op === 'upsert' ? deepFreeze(change.doc) : null);
      finals.delete(key);
      finals.set(key, change);
    }
  }
  return { changes: [...finals.values()], failures };
}

/** A change outside the projection's collections or without an id is a bug in the reducer, reported like a bad event. */
function checkChange(projection: Projection, owned: ReadonlySet<string>, change: DocumentChange): void {
  if (!owned.has(change.collection)) throw new Error(`projection ${projection.name} wrote ${change.collection}, a collection it does not own`);
  const id = change.op === 'upsert' ? change.doc?.id : change.id;
  if (typeof id !== 'string' || id.length === 0) throw new Error(`projection ${projection.name} wrote a ${change.collection} document without an id`);
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

/** Documents handed to reducers are frozen, so a reducer that mutates instead of copying fails loudly. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
