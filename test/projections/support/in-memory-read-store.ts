import {
  GenerationGoneError,
  type DocumentChange,
  type FieldFilter,
  type FindPage,
  type FindQuery,
  type IndexSpec,
  type ProjectionCheckpoint,
  type ProjectionFailure,
  type ReadDocument,
  type ReadStore,
} from '@ikrar/read-store';

interface Generation {
  readonly collections: Map<string, Map<string, string>>;
  readonly checkpoints: Map<string, ProjectionCheckpoint>;
  readonly failures: ProjectionFailure[];
}

/**
 * A small, faithful-enough ReadStore for projector tests: generations (the newest activated one is
 * read, older ones dropped), atomic commits (one synchronous step) that ignore a replay at or below
 * the checkpoint, documents kept as JSON so nothing is shared with the caller, and find with
 * eq / in / comparison filters, sort and an offset cursor.
 */
export class InMemoryReadStore implements ReadStore {
  private readonly generations = new Map<number, Generation>([[1, emptyGeneration()]]);
  private active = 1;
  private highest = 1;
  readonly indexes: IndexSpec[] = [];
  /** Every commit, in order (tests look at batch sizes). */
  readonly commits: Array<{ generation: number; projection: string; position: number; changes: number; failures: number }> = [];

  async ensureIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    for (const spec of indexes) {
      if (!this.indexes.some((known) => known.collection === spec.collection && known.fields.join() === spec.fields.join())) this.indexes.push(spec);
    }
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
    this.active = generation;
    for (const older of [...this.generations.keys()]) if (older < generation) this.generations.delete(older);
  }

  async commit(generation: number, projection: string, changes: readonly DocumentChange[], position: number, failures: readonly ProjectionFailure[] = []): Promise<void> {
    const target = this.live(generation);
    const current = target.checkpoints.get(projection)?.position ?? null;
    if (current !== null && current >= position) return;
    // Serialise everything first: a bad change fails the commit before anything is written.
    const staged = changes.map((change) => (change.op === 'upsert' ? { ...change, json: JSON.stringify(change.doc) } : change));
    for (const change of staged) {
      const collection = target.collections.get(change.collection) ?? new Map<string, string>();
      target.collections.set(change.collection, collection);
      if (change.op === 'upsert') collection.set(change.doc.id, (change as { json: string }).json);
      else collection.delete(change.id);
    }
    for (const failure of failures) {
      if (!target.failures.some((f) => f.projection === failure.projection && f.globalPosition === failure.globalPosition && f.eventId === failure.eventId)) {
        target.failures.push({ ...failure });
      }
    }
    target.checkpoints.set(projection, { projection, position, updatedAt: new Date().toISOString() });
    this.commits.push({ generation, projection, position, changes: changes.length, failures: failures.length });
  }

  async checkpoint(generation: number, projection: string): Promise<ProjectionCheckpoint> {
    return { ...(this.live(generation).checkpoints.get(projection) ?? { projection, position: null, updatedAt: null }) };
  }

  async failures(generation: number, projection?: string): Promise<ProjectionFailure[]> {
    return this.live(generation)
      .failures.filter((failure) => projection === undefined || failure.projection === projection)
      .sort((a, b) => a.globalPosition - b.globalPosition)
      .map((failure) => ({ ...failure }));
  }

  async get<T extends ReadDocument>(generation: number, collection: string, id: string): Promise<T | null> {
    const json = this.live(generation).collections.get(collection)?.get(id);
    return json === undefined ? null : (JSON.parse(json) as T);
  }

  async getMany<T extends ReadDocument>(generation: number, collection: string, ids: readonly string[]): Promise<T[]> {
    const docs = this.live(generation).collections.get(collection);
    return [...new Set(ids)].flatMap((id) => {
      const json = docs?.get(id);
      return json === undefined ? [] : [JSON.parse(json) as T];
    });
  }

  async find<T extends ReadDocument>(generation: number, collection: string, query: FindQuery): Promise<FindPage<T>> {
    const sort = [...(query.sort ?? []), { field: 'id', direction: 'asc' as const }];
    const matching = (await this.all<T>(generation, collection))
      .filter((doc) => (query.where ?? []).every((filter) => matches(doc, filter)))
      .sort((a, b) => {
        for (const key of sort) {
          const order = compare(valueAt(a, key.field), valueAt(b, key.field));
          if (order !== 0) return key.direction === 'asc' ? order : -order;
        }
        return 0;
      });
    const offset = query.cursor ? Number(query.cursor) : 0;
    const limit = query.limit ?? 100;
    const items = matching.slice(offset, offset + limit);
    return { items, nextCursor: offset + limit < matching.length ? String(offset + limit) : null };
  }

  async all<T extends ReadDocument>(generation: number, collection: string): Promise<T[]> {
    const docs = this.live(generation).collections.get(collection) ?? new Map<string, string>();
    return [...docs.keys()].sort().map((id) => JSON.parse(docs.get(id)!) as T);
  }

  async close(): Promise<void> {}

  private live(generation: number): Generation {
    const found = this.generations.get(generation);
    if (!found) throw new GenerationGoneError(generation);
    return found;
  }
}

function emptyGeneration(): Generation {
  return { collections: new Map(), checkpoints: new Map(), failures: [] };
}

function valueAt(doc: ReadDocument, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), doc);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

function matches(doc: ReadDocument, filter: FieldFilter): boolean {
  const value = valueAt(doc, filter.field);
  switch (filter.op) {
    case 'eq':
      return (value ?? null) === filter.value;
    case 'ne':
      return (value ?? null) !== filter.value;
    case 'lt':
      return value != null && compare(value, filter.value) < 0;
    case 'lte':
      return value != null && compare(value, filter.value) <= 0;
    case 'gt':
      return value != null && compare(value, filter.value) > 0;
    case 'gte':
      return value != null && compare(value, filter.value) >= 0;
    case 'in':
      return filter.values.includes(value as string | number);
    case 'prefix':
      return typeof value === 'string' && (value === filter.value || value.startsWith(`${filter.value}.`));
    case 'contains':
      return typeof value === 'string' && value.toLowerCase().includes(filter.value.toLowerCase());
  }
}
