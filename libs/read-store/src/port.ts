/**
 * The read store port: disposable, rebuildable documents projected from the event log.
 * Every adapter (embedded SQLite, MongoDB) passes the contract suite in `test/read-store`.
 */

/** A projected document. `id` is unique within its collection. */
export interface ReadDocument {
  readonly id: string;
  readonly [field: string]: unknown;
}

export type DocumentChange =
  | { readonly op: 'upsert'; readonly collection: string; readonly doc: ReadDocument }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

/** Comparison on one (possibly dotted) field. `prefix` is for region codes (`52` matches `52.71`), `contains` a case-insensitive substring. */
export type FieldFilter =
  | { readonly field: string; readonly op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'; readonly value: string | number | boolean | null }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly (string | number)[] }
  | { readonly field: string; readonly op: 'prefix'; readonly value: string }
  | { readonly field: string; readonly op: 'contains'; readonly value: string };

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface FindQuery {
  /** All filters must hold (AND). */
  readonly where?: readonly FieldFilter[];
  /** Stable order: the adapter always appends `id asc` as the final tie-breaker. */
  readonly sort?: readonly SortKey[];
  readonly limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  readonly cursor?: string | null;
}

export interface FindPage<T extends ReadDocument = ReadDocument> {
  readonly items: T[];
  /** `null` on the last page. */
  readonly nextCursor: string | null;
}

/** An event the projector could not project; recorded, reported, never silently skipped. */
export interface ProjectionFailure {
  readonly projection: string;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly error: string;
  readonly failedAt: string;
}

export interface ProjectionCheckpoint {
  readonly projection: string;
  /** Global position of the last event covered; `null` before the first. */
  readonly position: number | null;
  readonly updatedAt: string | null;
}

/**
 * Documents live in generations: the API reads the active one while a rebuild fills the next,
 * then `activateGeneration` switches over in one step.
 */
export interface ReadStore {
  /** Index declarations are applied to every generation (at start-up and when a generation is created). */
  ensureIndexes(indexes: readonly IndexSpec[]): Promise<void>;

  activeGeneration(): Promise<number>;
  /** Creates an empty generation (numbered above every existing one) and returns its number. */
  createGeneration(): Promise<number>;
  /** Makes `generation` the one readers and the live projector use; older generations are dropped. */
  activateGeneration(generation: number): Promise<void>;

  /**
   * Applies the changes and moves the projection's checkpoint to `position`, atomically
   * (embedded: one transaction; MongoDB: a transaction, or per-document position guards so a
   * replayed batch is a no-op). Changes are applied in order.
   */
  commit(generation: number, projection: string, changes: readonly DocumentChange[], position: number, failures?: readonly ProjectionFailure[]): Promise<void>;
  checkpoint(generation: number, projection: string): Promise<ProjectionCheckpoint>;
  failures(generation: number, projection?: string): Promise<ProjectionFailure[]>;

  get<T extends ReadDocument>(generation: number, collection: string, id: string): Promise<T | null>;
  /** One round trip for many ids; missing ids are absent from the result. */
  getMany<T extends ReadDocument>(generation: number, collection: string, ids: readonly string[]): Promise<T[]>;
  find<T extends ReadDocument>(generation: number, collection: string, query: FindQuery): Promise<FindPage<T>>;
  /** Streams every document (for audit replay comparisons and rebuild checks). */
  all<T extends ReadDocument>(generation: number, collection: string): Promise<T[]>;

  close(): Promise<void>;
}

export interface IndexSpec {
  readonly collection: string;
  /** Fields in order; a compound index when several. */
  readonly fields: readonly string[];
}
