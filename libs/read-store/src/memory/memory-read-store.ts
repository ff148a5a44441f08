import { checkChanges, checkFailures, netChanges } from '../changes';
import { GenerationGoneError, InvalidQueryError } from '../errors';
import { CursorPosition, CursorValue, encodeCursor, NormalizedFind, normalizeFind } from '../find-query';
import { checkIndexSpecs } from '../index-specs';
import {
  DocumentChange,
  FieldFilter,
  FindPage,
  FindQuery,
  IndexSpec,
  ProjectionCheckpoint,
  ProjectionFailure,
  ReadDocument,
  ReadStore,
  SortKey,
} from '../port';
import { assertCollectionName, assertDocumentId, assertGeneration, assertPosition, assertProjectionName } from '../validation';

interface Generation {
  /** collection -> id -> the document as JSON (nothing is shared with callers). */
  readonly collections: Map<string, Map<string, string>>;
  readonly checkpoints: Map<string, ProjectionCheckpoint>;
  /** Keyed by projection, position and event id, like the embedded store's primary key. */
  readonly failures: Map<string, ProjectionFailure>;
}

/**
 * A ReadStore held in memory: for throwaway read models (as-of replays) and tests. It follows the same
 * contract as the embedded and MongoDB adapters (`test/read-store`): generations (activating one drops
 * every older one), atomic commits that ignore a replay at or below the checkpoint, documents kept as
 * JSON, type-strict filters, the shared sort order (null/missing lowest, then numbers, then strings by
 * binary order; ties by id) and the shared keyset cursor. Nothing survives the process.
 */
export class MemoryReadStore implements ReadStore {
  private readonly generations = new Map<number, Generation>([[1, emptyGeneration()]]);
  private readonly indexSpecs = new Map<string, IndexSpec>();
  private active = 1;
  private highest = 1;

  async ensureIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    // Indexes change no result here; they are validated and remembered as declared.
    for (const spec of checkIndexSpecs(indexes)) this.indexSpecs.set(JSON.stringify([spec.collection, spec.fields]), spec);
  }

  /** The index declarations received so far (diagnostics and tests). */
  get indexes(): IndexSpec[] {
    return [...this.indexSpecs.values()];
  }

  async activeGeneration(): Promise<number> {
    return this.active;
  }

  async createGeneration(): Promise<number> {
    this.highest += 1;
    this.generations.set(this.highest, emptyGeneration());
    return this.highest;
  }

  async activateGeneration(generation: number): Promise<void> {
    this.live(generation);
    if (generation === this.active) return;
    if (generation < this.active) throw new InvalidQueryError(`Generation ${generation} is older than the active generation ${this.active}`);
    this.active = generation;
    for (const older of [...this.generations.keys()]) if (older < generation) this.generations.delete(older);
  }

  async commit(
    generation: number,
    projection: string,
    changes: readonly DocumentChange[],
    position: number,
    failures?: readonly ProjectionFailure[],
  ): Promise<void> {
    assertGeneration(generation);
    assertProjectionName(projection);
    assertPosition(position);
    // Checked and serialised before anything is written: a bad change fails the whole commit.
    const checked = netChanges(checkChanges(changes));
    const checkedFailures = checkFailures(failures);
    const target = this.live(generation);
    const current = target.checkpoints.get(projection)?.position ?? null;
    if (current !== null && current >= position) return;
    for (const change of checked) {
      const docs = target.collections.get(change.collection);
      if (change.op === 'upsert') {
        const collection = docs ?? new Map<string, string>();
        target.collections.set(change.collection, collection);
        collection.set(change.id, change.json);
      } else {
        docs?.delete(change.id);
      }
    }
    for (const failure of checkedFailures) {
      const key = JSON.stringify([failure.projection, failure.globalPosition, failure.eventId]);
      if (!target.failures.has(key)) target.failures.set(key, failure);
    }
    target.checkpoints.set(projection, { projection, position, updatedAt: new Date().toISOString() });
  }

  async checkpoint(generation: number, projection: string): Promise<ProjectionCheckpoint> {
    assertGeneration(generation);
    assertProjectionName(projection);
    return { ...(this.live(generation).checkpoints.get(projection) ?? { projection, position: null, updatedAt: null }) };
  }

  async failures(generation: number, projection?: string): Promise<ProjectionFailure[]> {
    assertGeneration(generation);
    if (projection !== undefined) assertProjectionName(projection);
    return [...this.live(generation).failures.values()]
      .filter((failure) => projection === undefined || failure.projection === projection)
      .sort((a, b) => a.globalPosition - b.globalPosition || compareStrings(a.projection, b.projection) || compareStrings(a.eventId, b.eventId))
      .map((failure) => ({ ...failure }));
  }

  async get<T extends ReadDocument>(generation: number, collection: string, id: string): Promise<T | null> {
    assertDocumentId(id);
    const json = this.collection(generation, collection)?.get(id);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async getMany<T extends ReadDocument>(generation: number, collection: string, ids: readonly string[]): Promise<T[]> {
    if (!Array.isArray(ids)) throw new InvalidQueryError('ids must be an array');
    ids.forEach(assertDocumentId);
    const docs = this.collection(generation, collection);
    return [...new Set(ids)].flatMap((id) => {
      const json = docs?.get(id);
      return json === undefined ? [] : [JSON.parse(json) as T];
    });
  }

  async find<T extends ReadDocument>(generation: number, collection: string, query: FindQuery): Promise<FindPage<T>> {
    const find = normalizeFind(query);
    const docs = this.collection(generation, collection);
    if (!docs) return { items: [], nextCursor: null };
    const rows: Array<{ doc: ReadDocument; key: SortValue[] }> = [];
    for (const json of docs.values()) {
      const doc = JSON.parse(json) as ReadDocument;
      if (!find.where.every((filter) => matches(doc, filter))) continue;
      const key = find.sort.map((sortKey) => sortValue(doc, sortKey.field));
      if (find.after && compareKeys(key, afterKey(find.after), find.sort) <= 0) continue;
      rows.push({ doc, key });
    }
    rows.sort((a, b) => compareKeys(a.key, b.key, find.sort));
    return page<T>(rows, find);
  }

  /** Every document of the collection, ordered by id. */
  async all<T extends ReadDocument>(generation: number, collection: string): Promise<T[]> {
    const docs = this.collection(generation, collection);
    if (!docs) return [];
    return [...docs.keys()].sort(compareStrings).map((id) => JSON.parse(docs.get(id)!) as T);
  }

  async close(): Promise<void> {
    // Nothing to release; the documents stay readable until the store is garbage.
  }

  private collection(generation: number, collection: string): Map<string, string> | undefined {
    assertGeneration(generation);
    assertCollectionName(collection);
    return this.live(generation).collections.get(collection);
  }

  private live(generation: number): Generation {
    assertGeneration(generation);
    const found = this.generations.get(generation);
    if (!found) throw new GenerationGoneError(generation);
    return found;
  }
}

function emptyGeneration(): Generation {
  return { collections: new Map(), checkpoints: new Map(), failures: new Map() };
}

/** A field's value as the other adapters sort it: null for null or missing, booleans as 1/0, objects as their JSON. */
type SortValue = string | number | null;

function valueAt(doc: ReadDocument, field: string): unknown {
  let value: unknown = doc;
  for (const segment of field.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.prototype.hasOwnProperty.call(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}

function sortValue(doc: ReadDocument, field: string): SortValue {
  return toSortValue(valueAt(doc, field));
}

function toSortValue(value: unknown): SortValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}

function afterKey(after: CursorPosition): SortValue[] {
  return [...after.values.map(toSortValue), after.id];
}

function compareKeys(a: readonly SortValue[], b: readonly SortValue[], sort: readonly SortKey[]): number {
  for (let i = 0; i < sort.length; i++) {
    const order = compareSortValues(a[i], b[i]);
    if (order !== 0) return sort[i].direction === 'asc' ? order : -order;
  }
  return 0;
}

/** Null lowest, then numbers, then strings by binary (UTF-8) order. */
function compareSortValues(a: SortValue, b: SortValue): number {
  const rank = (v: SortValue) => (v === null ? 0 : typeof v === 'number' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === null) return 0;
  if (typeof a === 'number') return a - (b as number);
  return compareStrings(a, b as string);
}

/** Binary (UTF-8 byte) order, as SQLite and MongoDB compare strings. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** The filter semantics of the other adapters: type-strict, null matching null or missing, `ne` matching missing. */
function matches(doc: ReadDocument, filter: FieldFilter): boolean {
  const value = valueAt(doc, filter.field);
  switch (filter.op) {
    case 'eq':
      return equals(value, filter.value);
    case 'ne':
      return !equals(value, filter.value);
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const bound = filter.value as string | number;
      if (typeof value !== typeof bound || (typeof value !== 'string' && typeof value !== 'number')) return false;
      const order = typeof bound === 'number' ? (value as number) - bound : compareStrings(value as string, bound);
      return filter.op === 'lt' ? order < 0 : filter.op === 'lte' ? order <= 0 : filter.op === 'gt' ? order > 0 : order >= 0;
    }
    case 'in':
      return (typeof value === 'string' || typeof value === 'number') && filter.values.includes(value);
    case 'prefix':
      return typeof value === 'string' && (value === filter.value || value.startsWith(`${filter.value}.`));
    case 'contains':
      return typeof value === 'string' && value.toLowerCase().includes(filter.value.toLowerCase());
  }
}

function equals(value: unknown, target: string | number | boolean | null): boolean {
  if (target === null) return value === null || value === undefined;
  return value === target;
}

function page<T extends ReadDocument>(rows: Array<{ doc: ReadDocument; key: SortValue[] }>, find: NormalizedFind): FindPage<T> {
  const items = rows.slice(0, find.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > find.limit ? encodeCursor(find.sort, last.key.slice(0, -1) as CursorValue[], last.doc.id) : null;
  return { items: items.map((row) => row.doc as T), nextCursor };
}
