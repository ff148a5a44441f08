import { Inject, Injectable } from '@nestjs/common';
import { FieldFilter, FindPage, FindQuery, GenerationGoneError, InvalidCursorError, ReadDocument, ReadStore, SortKey } from '@ikrar/read-store';
import { calendarDay, CLOCK, Clock, LoadOptions, PROJECTOR, READ_STORE } from '../shared';
import { InvalidQueryParameterError, ProjectionNotCaughtUpError, ReadModelsUnavailableError } from './errors';
import { ProjectionProgress, ProjectionStatus } from './ports';

/** How long a query waits for `minPosition` before answering 503 (the issue says "bounded, ~3 s"). */
export const MIN_POSITION_WAIT_MS = 3000;
/** Page size used when a query needs every matching document (dashboards, obligations). */
const SCAN_PAGE = 200;
/** A post-filtered page stops after this many store round trips and hands back a cursor (possibly a short page). */
const MAX_ROUNDS = 10;
/** Attempts of one query when generations switch under it (a rebuild activating). */
const GENERATION_RETRIES = 3;

/** The read models of one active generation, as one query sees them. */
export interface ReadModelSnapshot {
  /** Today's calendar day in WIB, from the injected clock; for an as-of read, the as-of instant's day in WIB. */
  readonly today: string;
  get<T extends ReadDocument>(collection: string, id: string): Promise<T | null>;
  /**
   * One page in a stable order. `keep` filters what the store cannot express (an OR); such pages
   * may hold fewer than `limit` items, and only `nextCursor: null` means the end.
   */
  page<T extends ReadDocument>(collection: string, query: FindQuery & { limit: number }, keep?: (doc: T) => boolean): Promise<FindPage<T>>;
  /** Every matching document, fetched in pages. */
  all<T extends ReadDocument>(collection: string, where: readonly FieldFilter[], sort?: readonly SortKey[]): Promise<T[]>;
}

/** Shared access for the query handlers: waiting for `minPosition`, today, the active generation. */
@Injectable()
export class ReadModels {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore | null,
    @Inject(PROJECTOR) private readonly projector: ProjectionProgress | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Waits (bounded) until the projections cover `minPosition`, then runs `read` on the active generation.
   * A rebuild may switch generations mid-query; the read then starts over on the new one.
   * With `asOf` limits, `read` runs on the read models as of that instant instead (see `readAsOf`).
   */
  async read<T>(minPosition: number | null | undefined, read: (models: ReadModelSnapshot) => Promise<T>, asOf: LoadOptions = {}): Promise<T> {
    if (asOf.recordedUntil || asOf.occurredUntil) return this.readAsOf(asOf, read);
    await this.caughtUp(minPosition);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await read(await this.snapshot());
      } catch (error) {
        if (!(error instanceof GenerationGoneError) || attempt >= GENERATION_RETRIES) throw error;
      }
    }
  }

  /**
   * The read models as they stood at a past instant: the log replayed up to it with the live reducers
   * into a throwaway store (`minPosition` does not apply: the replay reads the log itself). "Today" is
   * the as-of instant's day in WIB, so overdue, due soon and the reporting light are judged on that day.
   */
  private async readAsOf<T>(asOf: LoadOptions, read: (models: ReadModelSnapshot) => Promise<T>): Promise<T> {
    const store = await this.requireProjector().replayAsOf(asOf);
    try {
      return await read(await snapshotOf(store, calendarDay((asOf.recordedUntil ?? asOf.occurredUntil)!)));
    } finally {
      await store.close();
    }
  }

  private async snapshot(): Promise<ReadModelSnapshot> {
    return snapshotOf(this.requireStore(), calendarDay(this.clock.now()));
  }

  async status(minPosition: number | null | undefined): Promise<readonly ProjectionStatus[]> {
    await this.caughtUp(minPosition);
    return this.requireProjector().status();
  }

  private async caughtUp(minPosition: number | null | undefined): Promise<void> {
    if (minPosition === null || minPosition === undefined) return;
    const reached = await this.requireProjector().waitFor(minPosition, MIN_POSITION_WAIT_MS);
    if (!reached) throw new ProjectionNotCaughtUpError(minPosition, MIN_POSITION_WAIT_MS);
  }

  private requireStore(): ReadStore {
    if (!this.store) throw new ReadModelsUnavailableError('read store');
    return this.store;
  }

  private requireProjector(): ProjectionProgress {
    if (!this.projector) throw new ReadModelsUnavailableError('projector');
    return this.projector;
  }
}

async function snapshotOf(store: ReadStore, today: string): Promise<ReadModelSnapshot> {
  const generation = await store.activeGeneration();
  return {
    today,
    get: (collection, id) => store.get(generation, collection, id),
    page: (collection, query, keep) => pageOf(store, generation, collection, query, keep),
    all: (collection, where, sort) => allOf(store, generation, collection, where, sort),
  };
}

async function pageOf<T extends ReadDocument>(
  store: ReadStore,
  generation: number,
  collection: string,
  query: FindQuery & { limit: number },
  keep?: (doc: T) => boolean,
): Promise<FindPage<T>> {
  if (!keep) return findOrRefuseCursor<T>(store, generation, collection, query);
  // Ask only for as many as are still missing, so every store cursor we hand back lies exactly
  // after an item we examined: nothing is skipped or repeated across pages.
  const items: T[] = [];
  let cursor = query.cursor ?? null;
  for (let round = 0; round < MAX_ROUNDS && items.length < query.limit; round += 1) {
    const page = await findOrRefuseCursor<T>(store, generation, collection, { ...query, cursor, limit: query.limit - items.length });
    items.push(...page.items.filter(keep));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return { items, nextCursor: cursor };
}

async function allOf<T extends ReadDocument>(
  store: ReadStore,
  generation: number,
  collection: string,
  where: readonly FieldFilter[],
  sort?: readonly SortKey[],
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: FindPage<T> = await store.find<T>(generation, collection, { where, sort, limit: SCAN_PAGE, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

async function findOrRefuseCursor<T extends ReadDocument>(store: ReadStore, generation: number, collection: string, query: FindQuery): Promise<FindPage<T>> {
  try {
    return await store.find<T>(generation, collection, query);
  } catch (error) {
    if (error instanceof InvalidCursorError) {
      throw new InvalidQueryParameterError('cursor', 'must be the nextCursor of a previous page of the same query');
    }
    throw error;
  }
}
