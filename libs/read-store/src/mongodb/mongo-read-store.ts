import { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import { checkChanges, checkFailures, netChanges } from '../changes';
import { InvalidQueryError } from '../errors';
import { encodeCursor, normalizeFind } from '../find-query';
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
import { guardedBulkWrite } from './guarded-bulk-write';
import { MongoGenerations } from './mongo-generations';
import { mongoField, sortValueOf, toMongoFilter, toMongoSort } from './mongo-query';
import {
  checkpointId,
  checkpointUpdate,
  databaseFromUrl,
  documentWrites,
  FailureDocument,
  failureWrites,
  fromStored,
  POSITION_FIELD,
  StoredDocument,
  supportsTransactions,
} from './mongo-writes';

export interface MongoReadStoreOptions {
  /** Database name; default: the one in the URL's path, else `ikrar`. */
  readonly database?: string;
  /**
   * `auto` (default): multi-document transactions when the server is a replica set or mongos, otherwise
   * per-document position guards. `never` forces the guards (used to exercise that path on a replica set).
   */
  readonly transactions?: 'auto' | 'never';
}

interface IndexSpecDoc {
  _id: string;
  collection: string;
  fields: string[];
}

interface CheckpointDoc {
  _id: string;
  generation: number;
  projection: string;
  position: number;
  updatedAt: string;
}

const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;

/**
 * The MongoDB read store: one collection `g<N>_<collection>` per generation and collection, `_id` = the
 * document id, indexes created when a generation's collection is first used and by `ensureIndexes`.
 * Bookkeeping lives in `readStoreMeta` (active pointer, generation counter), `readStoreGenerations`,
 * `readStoreIndexSpecs`, `readStoreCheckpoints` and `readStoreFailures`.
 *
 * Commit: on a replica set (or mongos) one multi-document transaction holds the documents, the failures and
 * the checkpoint. On a standalone server each document write is guarded by its position, so a replayed or
 * partially applied batch converges to the same documents; readers may then briefly see a batch half applied.
 *
 * Reads of a dropped generation throw `GenerationGoneError`. To keep reads at one round trip, the generation
 * is only checked when a read comes back empty or fails (a dropped collection reads as empty).
 */
export class MongoReadStore implements ReadStore {
  private readonly generations: MongoGenerations;
  private readonly indexSpecs: Collection<IndexSpecDoc>;
  private readonly checkpoints: Collection<CheckpointDoc>;
  private readonly failureLog: Collection<FailureDocument>;
  /** `<generation>:<collection>` known to exist with their declared indexes (in this process). */
  private readonly prepared = new Set<string>();
  private closed = false;

  static async connect(url: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    // ignoreUndefined: documents round-trip through JSON anyway; this keeps bookkeeping writes equally clean.
    const client = new MongoClient(url, { ignoreUndefined: true });
    await client.connect();
    try {
      const db = client.db(options.database ?? databaseFromUrl(url) ?? 'ikrar');
      const hello = await db.command({ hello: 1 });
      const transactions = options.transactions !== 'never' && supportsTransactions(hello);
      const store = new MongoReadStore(client, db, transactions);
      await store.bootstrap();
      return store;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  private constructor(
    private readonly client: MongoClient,
    /** The database holding the read models. */
    readonly db: Db,
    /** Whether commits run in multi-document transactions (else per-document guards). */
    readonly usesTransactions: boolean,
  ) {
    this.generations = new MongoGenerations(db);
    this.indexSpecs = db.collection<IndexSpecDoc>('readStoreIndexSpecs');
    this.checkpoints = db.collection<CheckpointDoc>('readStoreCheckpoints');
    this.failureLog = db.collection<FailureDocument>('readStoreFailures');
  }

  private async bootstrap(): Promise<void> {
    await this.generations.bootstrap();
    await createCollectionIfMissing(this.db, this.checkpoints.collectionName);
    await this.failureLog.createIndex({ generation: 1, projection: 1, globalPosition: 1 }, { name: 'ix:generation,projection,globalPosition' });
  }

  async ensureIndexes(indexes: readonly IndexSpec[]): Promise<void> {
    this.assertOpen();
    const specs = checkIndexSpecs(indexes);
    if (specs.length === 0) return;
    await this.indexSpecs.bulkWrite(
      specs.map((spec) => ({
        updateOne: {
          filter: { _id: JSON.stringify([spec.collection, spec.fields]) },
          update: { $setOnInsert: { collection: spec.collection, fields: [...spec.fields] } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    for (const generation of await this.generations.live()) {
      for (const spec of specs) await this.createIndex(generation, spec);
    }
  }

  async activeGeneration(): Promise<number> {
    this.assertOpen();
    return this.generations.active();
  }

  async createGeneration(): Promise<number> {
    this.assertOpen();
    const generation = await this.generations.allocate();
    const collections = await this.indexSpecs.distinct('collection');
    for (const collection of collections) await this.prepareCollection(generation, collection);
    return generation;
  }

  /**
   * Moves the active pointer (in a transaction with the state changes when available), then drops the older
   * generations' collections, checkpoints and failures. Readers of the old generation then get
   * `GenerationGoneError`; a commit to it is refused.
   */
  async activateGeneration(generation: number): Promise<void> {
    this.assertOpen();
    assertGeneration(generation);
    let switched = false;
    await this.inTransaction(async (session) => {
      switched = await this.generations.switchTo(generation, session);
    });
    if (switched) await this.dropDeadGenerations();
  }

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
    const checked = netChanges(checkChanges(changes));
    const checkedFailures = checkFailures(failures);
    await this.generations.assertLive(generation);
    // Collections and indexes are created outside the transaction: DDL inside one is restricted.
    for (const collection of new Set(checked.map((change) => change.collection))) await this.prepareCollection(generation, collection);
    const checkpoint = { _id: checkpointId(generation, projection) };
    const update = checkpointUpdate(generation, projection, position, now());

    if (this.usesTransactions) {
      const writes = documentWrites(checked, position, false);
      await this.inTransaction(async (session) => {
        const current = await this.checkpoints.findOne(checkpoint, { session });
        if (current && current.position >= position) return;
        // Re-checked inside: an activation that committed meanwhile must not get documents written to the old generation.
        await this.generations.assertLive(generation, session);
        for (const [collection, operations] of writes) {
          await this.documents(generation, collection).bulkWrite(operations, { session, ordered: true });
        }
        if (checkedFailures.length) await this.failureLog.bulkWrite(failureWrites(generation, checkedFailures), { session, ordered: true });
        await this.checkpoints.updateOne(checkpoint, update, { session, upsert: true });
      });
      return;
    }

    const current = await this.checkpoints.findOne(checkpoint);
    if (current && current.position >= position) return;
    for (const [collection, operations] of documentWrites(checked, position, true)) {
      await guardedBulkWrite(this.documents(generation, collection), operations);
    }
    if (checkedFailures.length) await this.failureLog.bulkWrite(failureWrites(generation, checkedFailures), { ordered: false });
    // Last: until it moves, a crash replays the batch, and the guards make the replay converge.
    await this.checkpoints.updateOne(checkpoint, update, { upsert: true });
  }

  async checkpoint(generation: number, projection: string): Promise<ProjectionCheckpoint> {
    this.assertOpen();
    assertGeneration(generation);
    assertProjectionName(projection);
    const row = await this.checkpoints.findOne({ _id: checkpointId(generation, projection) });
    if (!row) await this.generations.assertLive(generation);
    return { projection, position: row?.position ?? null, updatedAt: row?.updatedAt ?? null };
  }

  async failures(generation: number, projection?: string): Promise<ProjectionFailure[]> {
    this.assertOpen();
    assertGeneration(generation);
    if (projection !== undefined) assertProjectionName(projection);
    const rows = await this.failureLog
      .find(projection === undefined ? { generation } : { generation, projection: { $eq: projection } })
      .sort({ globalPosition: 1, projection: 1, eventId: 1 })
      .toArray();
    if (rows.length === 0) await this.generations.assertLive(generation);
    return rows.map((row) => ({
      projection: row.projection,
      globalPosition: row.globalPosition,
      eventId: row.eventId,
      eventType: row.eventType,
      error: row.error,
      failedAt: row.failedAt,
    }));
  }

  async get<T extends ReadDocument>(generation: number, collection: string, id: string): Promise<T | null> {
    this.assertOpen();
    assertDocumentId(id);
    const stored = await this.readDocuments(generation, collection, (documents) => documents.findOne({ _id: { $eq: id } }));
    if (!stored) await this.generations.assertLive(generation);
    return stored ? fromStored<T>(stored) : null;
  }

  /** One `$in` query; results in the order of `ids`, each once. */
  async getMany<T extends ReadDocument>(generation: number, collection: string, ids: readonly string[]): Promise<T[]> {
    this.assertOpen();
    if (!Array.isArray(ids)) throw new InvalidQueryError('ids must be an array');
    ids.forEach(assertDocumentId);
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) {
      assertGeneration(generation);
      assertCollectionName(collection);
      await this.generations.assertLive(generation);
      return [];
    }
    const rows = await this.readDocuments(generation, collection, (documents) => documents.find({ _id: { $in: wanted } }).toArray());
    if (rows.length === 0) await this.generations.assertLive(generation);
    const byId = new Map(rows.map((row) => [row._id, row]));
    return wanted.filter((id) => byId.has(id)).map((id) => fromStored<T>(byId.get(id)!));
  }

  async find<T extends ReadDocument>(generation: number, collection: string, query: FindQuery): Promise<FindPage<T>> {
    this.assertOpen();
    const find = normalizeFind(query);
    const rows = await this.readDocuments(generation, collection, (documents) =>
      documents.find(toMongoFilter(find), { sort: toMongoSort(find.sort), limit: find.limit + 1, projection: { [POSITION_FIELD]: 0 } }).toArray(),
    );
    if (rows.length === 0) await this.generations.assertLive(generation);
    const items = rows.slice(0, find.limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > find.limit
        ? encodeCursor(
            find.sort,
            find.sort.slice(0, -1).map((key) => sortValueOf(last, key.field)),
            last[mongoField('id')] as string,
          )
        : null;
    return { items: items.map((row) => fromStored<T>(row)), nextCursor };
  }

  async all<T extends ReadDocument>(generation: number, collection: string): Promise<T[]> {
    this.assertOpen();
    const rows = await this.readDocuments(generation, collection, (documents) => documents.find({}, { sort: { _id: 1 } }).toArray());
    if (rows.length === 0) await this.generations.assertLive(generation);
    return rows.map((row) => fromStored<T>(row));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private documents(generation: number, collection: string): Collection<StoredDocument> {
    return this.db.collection<StoredDocument>(`g${generation}_${collection}`);
  }

  /** Runs a read; when it fails (e.g. the collection was dropped under a cursor) and the generation is gone, says so. */
  private async readDocuments<R>(generation: number, collection: string, read: (documents: Collection<StoredDocument>) => Promise<R>): Promise<R> {
    assertGeneration(generation);
    assertCollectionName(collection);
    try {
      return await read(this.documents(generation, collection));
    } catch (error) {
      await this.generations.assertLive(generation);
      throw error;
    }
  }

  /** Creates the collection (if missing) and its declared indexes, once per process. */
  private async prepareCollection(generation: number, collection: string): Promise<void> {
    const key = `${generation}:${collection}`;
    if (this.prepared.has(key)) return;
    await createCollectionIfMissing(this.db, `g${generation}_${collection}`);
    for (const spec of await this.indexSpecs.find({ collection }).toArray()) {
      await this.createIndex(generation, { collection, fields: spec.fields });
    }
    this.prepared.add(key);
  }

  /** Index on the fields then `_id`, so a sort on the fields plus the `_id` tie-breaker reads the index in order. */
  private async createIndex(generation: number, spec: IndexSpec): Promise<void> {
    const key: Record<string, 1> = {};
    for (const field of spec.fields) key[mongoField(field)] = 1;
    key._id = 1;
    await this.documents(generation, spec.collection).createIndexes([{ key, name: `ix:${spec.fields.join(',')}` }]);
  }

  /** Drops collections, checkpoints and failures of generations that are not live (also strays of crashed processes). */
  private async dropDeadGenerations(): Promise<void> {
    const live = await this.generations.live();
    const collections = await this.db.listCollections({ name: { $regex: '^g[0-9]+_' } }, { nameOnly: true }).toArray();
    for (const { name } of collections) {
      const generation = Number(/^g(\d+)_/.exec(name)![1]);
      if (live.includes(generation)) continue;
      try {
        await this.db.dropCollection(name);
      } catch (error) {
        if ((error as { code?: unknown }).code !== NAMESPACE_NOT_FOUND) throw error;
      }
      for (const key of [...this.prepared]) if (key.startsWith(`${generation}:`)) this.prepared.delete(key);
    }
    await this.checkpoints.deleteMany({ generation: { $nin: live } });
    await this.failureLog.deleteMany({ generation: { $nin: live } });
  }

  /** `fn` in a multi-document transaction when the server has them, else plainly (the caller's steps are ordered to be safe). */
  private async inTransaction(fn: (session: ClientSession | undefined) => Promise<void>): Promise<void> {
    if (!this.usesTransactions) return fn(undefined);
    const session = this.client.startSession();
    try {
      await session.withTransaction(() => fn(session));
    } finally {
      await session.endSession();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The read store is closed');
  }
}

async function createCollectionIfMissing(db: Db, name: string): Promise<void> {
  try {
    await db.createCollection(name);
  } catch (error) {
    if ((error as { code?: unknown }).code !== NAMESPACE_EXISTS) throw error;
  }
}

function now(): string {
  return new Date().toISOString();
}
