import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkFailures, documentJson, netChanges, ValidChange, validateChanges } from '../changes';
import { GenerationGoneError, InvalidQueryError } from '../errors';
import { encodeCursor, normalizeFind, NormalizedFind, CursorValue } from '../find-query';
import { checkIndexSpecs } from '../index-specs';
import {
  DocumentChange,
  FindPage,
  FindQuery,
  IndexSpec,
  ProjectionCheckpoint,
  ProjectionFailure,
  ReadDocument,
  ReadStore,
} from '../port';
import { assertCollectionName, assertDocumentId, assertGeneration, assertPosition, assertProjectionName } from '../validation';
import { migrate } from './schema';
import { buildFind, fold, FOLD_FUNCTION } from './sql-find';
import { deleteSql, ensureIndex, ensureTable, generationOfTable, quote, tableExists, tableName, upsertSql } from './tables';
import { StatementCache } from './statement-cache';
import { WriteBehind, WriterCommit } from './write-behind';

export interface SqliteReadStoreOptions {
  /** Path of the SQLite file (parent directories are created), or `:memory:`. */
  readonly file: string;
  /**
   * Commits run on a worker thread with its own connection (default for a file; a `:memory:` store always
   * commits inline). `commit()` then resolves once the transaction is committed, as inline, but the
   * calling thread is free meanwhile: a projector folds its next batch while the previous one is written.
   */
  readonly writeBehind?: boolean;
}

const BUSY_TIMEOUT_MS = 5000;
const WAL_AUTOCHECKPOINT_PAGES = 16384;
const CACHE_SIZE = -65536;
const INDEXING_CACHE_SIZE = -8192;
/** The writer thread's page cache (32 MiB): it writes, the store's own connection serves the reads. */
const WRITER_CACHE_SIZE = -32768;
/**
 * Rows ANALYZE samples per index: enough for the planner to tell a partner's ten commitments from a
 * forum's four hundred, and bounded (about 0.1 s for every index of a million-event read store).
 */
const ANALYSIS_LIMIT = 1000;
/** How often a store refreshes its planner statistics (SQLite re-analyzes only the tables that changed a lot). */
const OPTIMIZE_EVERY_MS = 10 * 60_000;
/** After the statistics could not be refreshed because another connection was writing. */
const OPTIMIZE_RETRY_MS = 5_000;
const RECORD_FAILURE_SQL = `INSERT OR IGNORE INTO projection_failures (generation, projection, global_position, event_id, event_type, error, failed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`;
const MOVE_CHECKPOINT_SQL = `INSERT INTO checkpoints (generation, projection, position, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (generation, projection) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`;

interface FailureRow {
  readonly projection: string;
  readonly global_position: number;
  readonly event_id: string;
  readonly event_type: string;
  readonly error: string;
  readonly failed_at: string;
}

interface GenerationRow {
  readonly generation: number;
  readonly state: 'building' | 'active' | 'dropped';
}

/**
 * The embedded read store: JSON documents in one SQLite file, one table per (generation, collection),
 * expression indexes on the declared fields.
 *
 * Concurrency: the API and a separate projector process may open the same file. Writes are immediate
 * transactions; every read runs in one (deferred) transaction, so the generation check and the query see the
 * same snapshot. Reading a generation that an activation dropped throws `GenerationGoneError` (a reader that
 * started before the activation committed finishes on its snapshot), never "no such table".
 */
export class SqliteReadStore implements ReadStore {
  private readonly statements: StatementCache;
  /** One transaction wrapper for every read and write (better-sqlite3 transactions are synchronous). */
  private readonly transaction: Database.Transaction<(fn: () => unknown) => unknown>;
  private closed = false;
  /** When the planner statistics are next refreshed (see refreshStatistics). */
  private nextOptimize = 0;
  /**
   * Generations created with `deferIndexes` by this process: filled without their indexes (a bulk load:
   * one sort per index at the end instead of index maintenance on every write) and indexed when activated.
   */
  private readonly deferredIndexes = new Set<number>();
  /** The writer thread (write-behind), started by the first commit. */
  private writer: WriteBehind | null = null;
  /** Document tables this store created or saw, so a commit checks the schema only for a new one. */
  private readonly knownTables = new Set<string>();
  /** Write-behind commits accepted and not settled yet. */
  private readonly committing = new Set<Promise<void>>();

  static open(options: SqliteReadStoreOptions): SqliteReadStore {
    const file = options.file === ':memory:' ? options.file : resolve(options.file);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      db.pragma('journal_mode = WAL');
      // NORMAL, not FULL: read models are disposable and rebuilt from the event log. In WAL mode NORMAL never
      // corrupts the file; a power loss may only lose the last commits, and since documents and checkpoint
      // commit together they are lost together and the projector re-projects them from the older checkpoint.
      db.pragma('synchronous = NORMAL');
      // A projector rewrites the same hot pages (documents, their index entries) batch after batch:
      // checkpoint the WAL less often (64 MiB instead of 4 MiB), so each page is copied back once per
      // checkpoint rather than once per few batches, and keep more of the file cached (64 MiB).
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      db.pragma(`cache_size = ${CACHE_SIZE}`);
      db.function(FOLD_FUNCTION, { deterministic: true }, (value: unknown) => (typeof value === 'string' ? fold(value) : null));
      db.pragma(`analysis_limit = ${ANALYSIS_LIMIT}`);
      migrate(db);
      const store = new SqliteReadStore(db, file, file !== ':memory:' && options.writeBehind !== false);
      store.refreshStatistics();
      return store;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    /** Absolute path of the store file. */
    readonly file: string,
    private readonly writeBehind: boolean,
  ) {
    this.statements = new StatementCache(db);
    this.transaction = db.transaction((fn: () => unknown) => fn());
  }

  async ensureIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    this.assertOpen();
    const specs = checkIndexSpecs(indexes);
    await this.writerIdle();
    this.write(() => {
      const record = this.statements.get('INSERT OR IGNORE INTO index_specs (collection, fields) VALUES (?, ?)');
      for (const spec of specs) record.run(spec.collection, JSON.stringify(spec.fields));
      for (const generation of this.liveGenerations()) {
        for (const spec of specs) {
          if (this.deferredIndexes.has(generation)) ensureTable(this.db, generation, spec.collection, false);
          else ensureIndex(this.db, generation, spec);
        }
      }
    });
  }

  async activeGeneration(): Promise<number> {
    this.assertOpen();
    const row = this.statements.get("SELECT generation FROM generations WHERE state = 'active'").get() as { generation: number } | undefined;
    if (!row) throw new Error('The read store has no active generation');
    return row.generation;
  }

  /**
   * `deferIndexes` (a rebuild in this process): the generation's tables get their declared indexes only
   * when `activateGeneration` switches to it, built once over the loaded documents.
   */
  async createGeneration(options: { readonly deferIndexes?: boolean } = {}): Promise<number> {
    this.assertOpen();
    await this.writerIdle();
    return this.write(() => {
      const { next } = this.statements.get('SELECT COALESCE(MAX(generation), 0) + 1 AS next FROM generations').get() as { next: number };
      this.statements.get("INSERT INTO generations (generation, state, created_at) VALUES (?, 'building', ?)").run(next, now());
      const collections = this.statements.get('SELECT DISTINCT collection FROM index_specs').all() as Array<{ collection: string }>;
      for (const { collection } of collections) ensureTable(this.db, next, collection, !options.deferIndexes);
      if (options.deferIndexes) this.deferredIndexes.add(next);
      return next;
    });
  }

  /**
   * Switches readers and the live projector to `generation` and, in the same transaction, drops every older
   * generation: its rows turn 'dropped', its tables, checkpoints and failures go. Activating the active
   * generation again is a no-op; activating one older than the active one is refused.
   */
  async activateGeneration(generation: number): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    await this.writerIdle();
    this.write(() => {
      const target = this.generationRow(generation);
      if (!target || target.state === 'dropped') throw new GenerationGoneError(generation);
      if (target.state === 'active') return;
      const active = this.statements.get("SELECT generation FROM generations WHERE state = 'active'").get() as { generation: number } | undefined;
      if (active && active.generation > generation) {
        throw new InvalidQueryError(`Generation ${generation} is older than the active generation ${active.generation}`);
      }
      if (this.deferredIndexes.has(generation)) {
        const specs = this.statements.get('SELECT collection, fields FROM index_specs ORDER BY collection, fields').all() as Array<{ collection: string; fields: string }>;
        // Building an index reads its table once and sorts: a large page cache only adds memory (and time)
        // on top of the sorter's. 8 MiB while indexing: faster here, and about 40 MB less at the peak.
        this.db.pragma(`cache_size = ${INDEXING_CACHE_SIZE}`);
        try {
          for (const spec of specs) ensureIndex(this.db, generation, { collection: spec.collection, fields: JSON.parse(spec.fields) as string[] });
        } finally {
          this.db.pragma(`cache_size = ${CACHE_SIZE}`);
        }
      }
      const at = now();
      this.statements.get("UPDATE generations SET state = 'dropped', dropped_at = ? WHERE generation < ? AND state <> 'dropped'").run(at, generation);
      this.statements.get("UPDATE generations SET state = 'active', activated_at = ? WHERE generation = ?").run(at, generation);
      this.dropDeadTables();
      this.statements.get("DELETE FROM checkpoints WHERE generation IN (SELECT generation FROM generations WHERE state = 'dropped')").run();
      this.statements.get("DELETE FROM projection_failures WHERE generation IN (SELECT generation FROM generations WHERE state = 'dropped')").run();
    });
    this.deferredIndexes.delete(generation);
    // The new generation's tables have never been analyzed: without statistics the planner guesses, and
    // on a large forum list it guesses an index that reads the whole programme.
    this.refreshStatistics();
    for (const table of this.knownTables) if ((generationOfTable(table) ?? generation) < generation) this.knownTables.delete(table);
  }

  /**
   * One immediate transaction: the changes (net of the batch: the last change per document), the failures and
   * the checkpoint. A commit at or below the projection's checkpoint is a replay and changes nothing.
   */
  async commit(
    generation: number,
    projection: string,
    changes: readonly DocumentChange[],
    position: number,
    failures?: readonly ProjectionFailure[],
  ): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    assertProjectionName(projection);
    assertPosition(position);
    // Checked and serialised before anything is written: a bad change fails the whole commit up front.
    const steps = writeSteps(generation, netChanges(validateChanges(changes)), position);
    const checkedFailures = checkFailures(failures);
    if (this.writeBehind) {
      const committing = this.commitBehind(generation, projection, steps, position, checkedFailures);
      // close() waits for it: a commit accepted before close() finishes.
      this.committing.add(committing);
      const forget = () => this.committing.delete(committing);
      committing.then(forget, forget);
      return committing;
    }
    const written = this.write(() => {
      this.assertLive(generation);
      const current = this.statements.get('SELECT position FROM checkpoints WHERE generation = ? AND projection = ?').get(generation, projection) as
        | { position: number }
        | undefined;
      if (current && current.position >= position) return [];
      const present = this.prepareTables(generation, steps);
      for (const step of steps) if (present.has(step.table)) this.statements.get(step.sql).run(step.json);
      const recordFailure = this.statements.get(RECORD_FAILURE_SQL);
      for (const f of checkedFailures) recordFailure.run(generation, f.projection, f.globalPosition, f.eventId, f.eventType, f.error, f.failedAt);
      this.statements.get(MOVE_CHECKPOINT_SQL).run(generation, projection, position, now());
      return present;
    });
    for (const table of written) this.knownTables.add(table);
  }

  /**
   * The commit on the writer thread: the same transaction (generation live, checkpoint not already there,
   * the same statements, failures, checkpoint). A table a change needs is created first, on this
   * connection, once the thread has nothing pending (creating tables is rare: once per collection and generation).
   */
  private async commitBehind(generation: number, projection: string, steps: readonly WriteStep[], position: number, failures: readonly ProjectionFailure[]): Promise<void> {
    const missing = steps.filter((step) => !this.knownTables.has(step.table));
    if (missing.length > 0) {
      await this.writerIdle();
      const present = this.write(() => {
        this.assertLive(generation);
        return this.prepareTables(generation, missing);
      });
      for (const table of present) this.knownTables.add(table);
    }
    // A table still unknown does not exist and only deletes touch it: nothing to delete there.
    const run = steps.filter((step) => this.knownTables.has(step.table));
    const commit: WriterCommit = {
      generation,
      projection,
      position,
      updatedAt: now(),
      sql: run.map((step) => step.sql),
      json: run.map((step) => step.json),
      failures,
    };
    if ((await this.writerThread().commit(commit)) === 'gone') throw new GenerationGoneError(generation);
  }

  /**
   * Inside a write transaction: creates the table of every upsert step that lacks one (a delete never
   * creates a table) and returns the steps' tables that now exist. The caller remembers them in
   * `knownTables` once the transaction has committed (a rolled-back CREATE TABLE leaves no table).
   */
  private prepareTables(generation: number, steps: readonly WriteStep[]): Set<string> {
    const present = new Set<string>();
    for (const step of steps) {
      if (step.upsert) ensureTable(this.db, generation, step.collection, !this.deferredIndexes.has(generation));
      else if (!tableExists(this.db, step.table)) continue;
      present.add(step.table);
    }
    return present;
  }

  private writerThread(): WriteBehind {
    if (this.writer === null || !this.writer.usable) {
      this.writer = new WriteBehind({
        file: this.file,
        walAutocheckpoint: WAL_AUTOCHECKPOINT_PAGES,
        cacheSize: WRITER_CACHE_SIZE,
        recordFailureSql: RECORD_FAILURE_SQL,
        moveCheckpointSql: MOVE_CHECKPOINT_SQL,
      });
    }
    return this.writer;
  }

  /** Writes on this connection wait for the writer thread's pending commits: they keep their order, and never wait on its lock. */
  private async writerIdle(): Promise<void> {
    if (this.writer !== null) await this.writer.idle();
  }

  async checkpoint(generation: number, projection: string): Promise<ProjectionCheckpoint> {
    this.assertOpen();
    assertGeneration(generation);
    assertProjectionName(projection);
    return this.read(() => {
      this.assertLive(generation);
      const row = this.statements.get('SELECT position, updated_at FROM checkpoints WHERE generation = ? AND projection = ?').get(generation, projection) as
        | { position: number; updated_at: string }
        | undefined;
      return { projection, position: row?.position ?? null, updatedAt: row?.updated_at ?? null };
    });
  }

  async failures(generation: number, projection?: string): Promise<ProjectionFailure[]> {
    this.assertOpen();
    assertGeneration(generation);
    if (projection !== undefined) assertProjectionName(projection);
    return this.read(() => {
      this.assertLive(generation);
      const rows = this.statements
        .get(
          `SELECT projection, global_position, event_id, event_type, error, failed_at FROM projection_failures
           WHERE generation = ? AND (? IS NULL OR projection = ?) ORDER BY global_position, projection, event_id`,
        )
        .all(generation, projection ?? null, projection ?? null) as FailureRow[];
      return rows.map((row) => ({
        projection: row.projection,
        globalPosition: row.global_position,
        eventId: row.event_id,
        eventType: row.event_type,
        error: row.error,
        failedAt: row.failed_at,
      }));
    });
  }

  async get<T extends ReadDocument>(generation: number, collection: string, id: string): Promise<T | null> {
    this.assertOpen();
    assertDocumentId(id);
    return this.readCollection(generation, collection, null, (table) => {
      const row = this.statements.get(`SELECT json(doc) AS doc FROM ${quote(table)} WHERE id = ?`).get(id) as { doc: string } | undefined;
      return row ? (JSON.parse(row.doc) as T) : null;
    });
  }

  /** One statement for any number of ids (bound as one JSON array); results in the order of `ids`, each once. */
  async getMany<T extends ReadDocument>(generation: number, collection: string, ids: readonly string[]): Promise<T[]> {
    this.assertOpen();
    if (!Array.isArray(ids)) throw new InvalidQueryError('ids must be an array');
    ids.forEach(assertDocumentId);
    const wanted = [...new Set(ids)];
    return this.readCollection(generation, collection, [], (table) => {
      if (!wanted.length) return [];
      // Rows as [id, json] arrays (raw): cheaper than an object per row.
      const rows = this.statements
        .get(`SELECT id, json(doc) FROM ${quote(table)} WHERE id IN (SELECT value FROM json_each(?))`)
        .raw(true)
        .all(JSON.stringify(wanted)) as Array<[string, string]>;
      const byId = new Map<string, string>();
      for (const [id, doc] of rows) byId.set(id, doc);
      const docs: T[] = [];
      for (const id of wanted) {
        const doc = byId.get(id);
        if (doc !== undefined) docs.push(JSON.parse(doc) as T);
      }
      return docs;
    });
  }

  async find<T extends ReadDocument>(generation: number, collection: string, query: FindQuery): Promise<FindPage<T>> {
    this.assertOpen();
    const find = normalizeFind(query);
    return this.readCollection(generation, collection, { items: [], nextCursor: null }, (table) => {
      const { sql, params } = buildFind(table, find);
      const rows = this.statements.get(sql).all(...params) as Array<Record<string, unknown> & { id: string; doc: string }>;
      return page<T>(rows, find);
    });
  }

  /** Every document of the collection, ordered by id. */
  async all<T extends ReadDocument>(generation: number, collection: string): Promise<T[]> {
    this.assertOpen();
    return this.readCollection(generation, collection, [], (table) =>
      (this.statements.get(`SELECT json(doc) AS doc FROM ${quote(table)} ORDER BY id`).all() as Array<{ doc: string }>).map((row) => JSON.parse(row.doc) as T),
    );
  }

  /**
   * Diagnostics (and the index tests): SQLite's EXPLAIN QUERY PLAN for the statement `find` would run,
   * one line per plan step. Empty when the collection has no table yet.
   */
  explainFind(generation: number, collection: string, query: FindQuery): string[] {
    this.assertOpen();
    const find = normalizeFind(query);
    return this.readCollectionSync(generation, collection, [], (table) => {
      const { sql, params } = buildFind(table, find);
      return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((row) => row.detail);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.committing]);
    const writer = this.writer;
    this.writer = null;
    if (writer !== null) await writer.close();
    this.statements.clear();
    this.db.close();
  }

  private readCollection<R>(generation: number, collection: string, empty: R, fn: (table: string) => R): Promise<R> {
    return Promise.resolve(this.readCollectionSync(generation, collection, empty, fn));
  }

  private readCollectionSync<R>(generation: number, collection: string, empty: R, fn: (table: string) => R): R {
    assertGeneration(generation);
    assertCollectionName(collection);
    return this.read(() => {
      this.assertLive(generation);
      const table = tableName(generation, collection);
      // A table exists for as long as its generation does (checked just above): looked up once.
      if (!this.knownTables.has(table)) {
        if (!tableExists(this.db, table)) return empty;
        this.knownTables.add(table);
      }
      return fn(table);
    });
  }

  /** A deferred transaction: its first read fixes the snapshot (WAL), schema included. */
  private read<R>(fn: () => R): R {
    if (Date.now() >= this.nextOptimize) this.refreshStatistics();
    return this.transaction.deferred(fn) as R;
  }

  /**
   * Planner statistics (`PRAGMA optimize`: ANALYZE of the tables never analyzed or grown or shrunk a lot
   * since), on this store's own connection, whose queries then use them at once; statistics another
   * connection gathered are only read when the schema changes. Never waits for another writer: if one
   * holds the lock, it is tried again a few seconds later.
   */
  private refreshStatistics(): void {
    this.nextOptimize = Date.now() + OPTIMIZE_EVERY_MS;
    if (this.db.inTransaction) return;
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.pragma('optimize = 0x10002');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      this.nextOptimize = Date.now() + OPTIMIZE_RETRY_MS;
    } finally {
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
  }

  private write<R>(fn: () => R): R {
    return this.transaction.immediate(fn) as R;
  }

  private generationRow(generation: number): GenerationRow | undefined {
    return this.statements.get('SELECT generation, state FROM generations WHERE generation = ?').get(generation) as GenerationRow | undefined;
  }

  private assertLive(generation: number): void {
    const row = this.generationRow(generation);
    if (!row || row.state === 'dropped') throw new GenerationGoneError(generation);
  }

  private liveGenerations(): number[] {
    return (this.statements.get("SELECT generation FROM generations WHERE state <> 'dropped' ORDER BY generation").all() as Array<{ generation: number }>).map(
      (row) => row.generation,
    );
  }

  /** Drops the document tables of every generation that is not live (also strays a crashed process left). */
  private dropDeadTables(): void {
    const live = new Set(this.liveGenerations());
    const tables = this.statements.get("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'g[0-9]*_*'").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const generation = generationOfTable(name);
      if (generation !== null && !live.has(generation)) {
        this.statements.forgetTable(name);
        this.db.exec(`DROP TABLE ${quote(name)}`);
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The read store is closed');
  }
}

function page<T extends ReadDocument>(rows: Array<Record<string, unknown> & { id: string; doc: string }>, find: NormalizedFind): FindPage<T> {
  const items = rows.slice(0, find.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > find.limit
      ? encodeCursor(
          find.sort,
          find.sort.slice(0, -1).map((_, i) => last[`s${i}`] as CursorValue),
          last.id,
        )
      : null;
  return { items: items.map((row) => JSON.parse(row.doc) as T), nextCursor };
}

function now(): string {
  return new Date().toISOString();
}

/** One statement of a commit: all upserts, or all deletes, of one collection, bound to one JSON array. */
interface WriteStep {
  readonly table: string;
  readonly collection: string;
  readonly upsert: boolean;
  readonly sql: string;
  readonly json: string;
}

/**
 * The statements of a commit (net changes): per collection one upsert of `[id, position, document]`
 * entries and one delete of ids, in the changes' order. Serialised here, so a document JSON cannot hold
 * fails the commit before anything is written.
 */
function writeSteps(generation: number, changes: readonly ValidChange[], position: number): WriteStep[] {
  const upserts = new Map<string, Array<[string, number, object]>>();
  const deletes = new Map<string, string[]>();
  for (const change of changes) {
    if (change.op === 'upsert') {
      let entries = upserts.get(change.collection);
      if (entries === undefined) upserts.set(change.collection, (entries = []));
      entries.push([change.id, change.position ?? position, change.doc]);
    } else {
      let ids = deletes.get(change.collection);
      if (ids === undefined) deletes.set(change.collection, (ids = []));
      ids.push(change.id);
    }
  }
  const steps: WriteStep[] = [];
  for (const [collection, entries] of upserts) {
    const table = tableName(generation, collection);
    steps.push({ table, collection, upsert: true, sql: upsertSql(table), json: entriesJson(collection, entries) });
  }
  for (const [collection, ids] of deletes) {
    const table = tableName(generation, collection);
    steps.push({ table, collection, upsert: false, sql: deleteSql(table), json: JSON.stringify(ids) });
  }
  return steps;
}

/** One JSON text for all entries (much cheaper than one per document); a document JSON cannot hold is named. */
function entriesJson(collection: string, entries: ReadonlyArray<[string, number, object]>): string {
  // Only a toJSON method can make an object's JSON form not an object (inside an array it would read as null).
  for (const [id, , doc] of entries) if (typeof (doc as { toJSON?: unknown }).toJSON === 'function') documentJson(collection, id, doc);
  try {
    return JSON.stringify(entries);
  } catch (error) {
    for (const [id, , doc] of entries) documentJson(collection, id, doc);
    throw new InvalidQueryError(`Changes of ${collection}: not serialisable as JSON: ${(error as Error).message}`);
  }
}
