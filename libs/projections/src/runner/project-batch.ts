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

function pastCheckpoint(events: readonly RecordedEvent[], checkpoint: number | null): readonly RecordedEvent[] {
  return checkpoint === null || events[0].globalPosition > checkpoint ? events : events.filter((event) => event.globalPosition > checkpoint);
}

/** collection -> id -> document (null: fetched and absent). */
type Fetched = Map<string, Map<string, ReadDocument | null>>;

async function prefetch(
  projections: readonly Projection[],
  pending: ReadonlyMap<Projection, readonly RecordedEvent[]>,
  known: ReadonlySet<string>,
  fetch: FetchDocuments,
): Promise<Fetched> {
  const fetched: Fetched = new Map();
  // Each round runs `reads()` again only for the events whose last answer may change: those that looked
  // up a document not fetched yet (a link to follow once it is). The others already named all they need.
  const again = new Map<Projection, RecordedEvent[]>();
  for (const projection of projections) again.set(projection, pending.get(projection)!.filter((event) => known.has(event.type)));
  for (let round = 0; round < MAX_PREFETCH_ROUNDS; round++) {
    const wanted = new Map<string, Set<string>>();
    for (const projection of projections) {
      const owned = new Set(projection.collections);
      let unfetched = false;
      const lookup: DocumentLookup = {
        get: (collection, id) => {
          if (!owned.has(collection)) return null;
          const doc = fetched.get(collection)?.get(id);
          if (doc !== undefined) return doc;
          unfetched = true;
          return null;
        },
      };
      const next: RecordedEvent[] = [];
      for (const event of again.get(projection)!) {
        unfetched = false;
        for (const key of safeReads(projection, event, lookup)) {
          if (!owned.has(key.collection) || fetched.get(key.collection)?.has(key.id)) continue;
          let ids = wanted.get(key.collection);
          if (ids === undefined) wanted.set(key.collection, (ids = new Set<string>()));
          ids.add(key.id);
        }
        if (unfetched) next.push(event);
      }
      again.set(projection, next);
    }
    if (wanted.size === 0) break;
    await Promise.all(
      [...wanted].map(async ([collection, ids]) => {
        const list = [...ids];
        const docs = await fetch(collection, list);
        let byId = fetched.get(collection);
        if (byId === undefined) fetched.set(collection, (byId = new Map<string, ReadDocument | null>()));
        for (const id of list) byId.set(id, null);
        for (const doc of docs) byId.set(doc.id, deepFreeze(doc));
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
  /** collection -> id -> the batch's latest document (null: deleted). */
  const overlay = new Map<string, Map<string, ReadDocument | null>>();
  /** Each document's latest change, in the order of those changes (null: superseded by a later one). */
  const finals: Array<DocumentChange | null> = [];
  /** collection -> id -> its entry in `finals`. */
  const finalAt = new Map<string, Map<string, number>>();
  const failures: ProjectionFailure[] = [];
  const docs: DocumentLookup = {
    get(collection, id) {
      if (!owned.has(collection)) throw new Error(`projection ${projection.name} read ${collection}, a collection it does not own`);
      const written = overlay.get(collection)?.get(id);
      if (written !== undefined) return written;
      const stored = fetched.get(collection)?.get(id);
      if (stored !== undefined) return stored;
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
      const id = change.op === 'upsert' ? change.doc.id : change.id;
      let written = overlay.get(change.collection);
      if (written === undefined) overlay.set(change.collection, (written = new Map()));
      written.set(id, change.op === 'upsert' ? deepFreeze(change.doc) : null);
      let at = finalAt.get(change.collection);
      if (at === undefined) finalAt.set(change.collection, (at = new Map()));
      const previous = at.get(id);
      if (previous !== undefined) finals[previous] = null;
      at.set(id, finals.push(change) - 1);
    }
  }
  return { changes: finals.filter((change): change is DocumentChange => change !== null), failures };
}

/** A change outside the projection's collections or without an id is a bug in the reducer, reported like a bad event. */
function checkChange(projection: Projection, owned: ReadonlySet<string>, change: DocumentChange): void {
  if (!owned.has(change.collection)) throw new Error(`projection ${projection.name} wrote ${change.collection}, a collection it does not own`);
  const id = change.op === 'upsert' ? change.doc?.id : change.id;
  if (typeof id !== 'string' || id.length === 0) throw new Error(`projection ${projection.name} wrote a ${change.collection} document without an id`);
}

/** Documents handed to reducers are frozen, so a reducer that mutates instead of copying fails loudly. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) deepFreeze(item);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const child = record[key];
      if (typeof child === 'object' && child !== null) deepFreeze(child);
    }
  }
  return value;
}
