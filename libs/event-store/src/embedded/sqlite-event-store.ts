import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EventStoreUnavailableError } from '../errors';
import {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../port';
import { GroupCommitStats, GroupCommitter } from './group-committer';
import { EventRow, serializeAppend, StoredRow, toRecordedEvent } from './mapping';
import { migrate } from './schema';
import { EventRowHead, prepareStatements, Statements } from './statements';
import { StreamEnds } from './stream-ends';
import { SqliteSubscription } from './subscription';

export interface SqliteEventStoreOptions {
  /** Path of the SQLite file (parent directories are created), or `:memory:`. */
  readonly file: string;
  /** How often a caught-up subscription looks for appends made by other processes. Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** Events read per query while a subscription catches up. Default 512. */
  readonly catchUpBatchSize?: number;
}

export type SqliteEventStoreStats = GroupCommitStats;

const NO_LIMIT = -1;
const END = Number.MAX_SAFE_INTEGER;

/** The embedded event store: one SQLite file (WAL, synchronous=FULL) with group commit. */
export class SqliteEventStore implements EventStore {
  private readonly statements: Statements;
  private readonly committer: GroupCommitter;
  private readonly notifier = new EventEmitter();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly streamEnds: StreamEnds;
  private closing: Promise<void> | null = null;

  /** Opens (creating if needed) the store file and migrates its schema. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const file = options.file === ':memory:' ? options.file : resolve(options.file);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      // An acknowledged append must survive kill -9 and power loss: fsync the WAL on every commit.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db);
      return new SqliteEventStore(db, file, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private constructor(
    private readonly db: Database.Database,
    /** Absolute path of the store file. */
    readonly file: string,
    private readonly options: SqliteEventStoreOptions,
  ) {
    this.notifier.setMaxListeners(0);
    this.statements = prepareStatements(db);
    const dataVersion = db.prepare('PRAGMA data_version').pluck();
    this.streamEnds = new StreamEnds(() => dataVersion.get() as number);
    this.committer = new GroupCommitter(db, this.statements, () => this.notifier.emit('committed'), (streamId, lastRevision) =>
      this.streamEnds.learnedFromCommit(streamId, lastRevision),
    );
  }

  /** Counters of the group committer: how many transactions carried how many appends. */
  get stats(): SqliteEventStoreStats {
    return this.committer.stats;
  }

  append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.closing) return Promise.reject(new EventStoreUnavailableError('The event store is closed'));
    try {
      const serialized = serializeAppend(streamId, events, expected);
      return this.committer.submit({ streamId, events: serialized, expected });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = toLimit(options.maxCount);
    if (limit === 0) return [];
    if (options.direction === 'backwards') return this.statements.readStreamBackwards.all(streamId, options.fromRevision ?? END, limit).map(toRecordedEvent);
    const from = options.fromRevision ?? 0;
    if (this.streamEnds.noneFrom(streamId, from)) return [];
    const rows = this.statements.readStreamForwards.all(streamId, from, limit);
    if (limit === NO_LIMIT) this.streamEnds.learnedFromRead(streamId, from, rows.length > 0 ? rows[rows.length - 1].stream_revision : null);
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = toLimit(options.maxCount);
    if (limit === 0) return [];
    const after = options.after ?? 0;
    const before = options.before ?? END;
    const rows =
      options.direction === 'backwards'
        ? this.statements.readAllBackwards.all(after, before, limit)
        : this.statements.readAllForwards.all(after, before, limit);
    return rows.map(toRecordedEvent);
  }

  /**
   * Stored rows of the global log after `after`, oldest first, exactly as on disk (data and metadata as
   * their canonical JSON text, unparsed): what verification reads, so it can check hashes without
   * parsing every payload. Not part of the EventStore port.
   */
  readRows(after: number, limit: number): StoredRow[] {
    this.assertOpen();
    // Arrays from SQLite and plain object literals here: markedly cheaper than better-sqlite3's row objects.
    return (this.statements.readStoredRaw.all(after, toLimit(limit)) as unknown[][]).map(rowOfArray);
  }

  /** Like `readRows`, only the global position, event id, stream, revision and recorded hash of each row. */
  readRowHeads(after: number, limit: number): EventRowHead[] {
    this.assertOpen();
    return this.statements.readHeadsForwards.all(after, toLimit(limit));
  }

  /** One stored row by global position. */
  readRow(globalPosition: number): EventRow | undefined {
    this.assertOpen();
    return this.statements.readByPosition.get(globalPosition);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription = new SqliteSubscription(
      {
        readAfter: (after, limit) => this.statements.readAllForwards.all(after, END, limit).map(toRecordedEvent),
        notifier: this.notifier,
        pollIntervalMs: this.options.pollIntervalMs ?? 250,
        batchSize: this.options.catchUpBatchSize ?? 512,
      },
      options.after,
      (closed) => this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Lets queued appends commit, ends every subscription, then closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.committer.whenIdle();
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      this.db.close();
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new EventStoreUnavailableError('The event store is closed');
  }
}

function toLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return NO_LIMIT;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) throw new Error(`maxCount must be a non-negative integer, got ${maxCount}`);
  return maxCount;
}

/** A row of `readStoredRaw`. */
function rowOfArray(r: unknown[]): StoredRow {
  return {
    global_position: r[0] as number,
    event_id: r[1] as string,
    stream_id: r[2] as string,
    stream_revision: r[3] as number,
    type: r[4] as string,
    schema_version: r[5] as number,
    data: r[6] as string,
    metadata: r[7] as string,
    hash: r[8] as string,
    previous_hash: r[9] as string | null,
  };
}
