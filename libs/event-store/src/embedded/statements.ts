import type { Database, Statement } from 'better-sqlite3';
import { EventRow } from './mapping';

/** Every statement the store runs, prepared once per connection and reused. */
export interface Statements {
  readonly begin: Statement<[]>;
  readonly commit: Statement<[]>;
  readonly rollback: Statement<[]>;
  readonly savepoint: Statement<[]>;
  readonly release: Statement<[]>;
  readonly rollbackToSavepoint: Statement<[]>;
  readonly streamLastRevision: Statement<[string], { last_revision: number; last_hash: string | null }>;
  readonly upsertStream: Statement<[string, number, string]>;
  readonly insertEvent: Statement<[string, string, number, string, number, string, string, string, string, string, string | null]>;
  readonly eventById: Statement<[string], { stream_id: string; stream_revision: number; global_position: number }>;
  /** (streamId, fromRevision, limit); limit -1 means no limit. */
  readonly readStreamForwards: Statement<[string, number, number], EventRow>;
  readonly readStreamBackwards: Statement<[string, number, number], EventRow>;
  /** (after, before, limit), both bounds exclusive. */
  readonly readAllForwards: Statement<[number, number, number], EventRow>;
  readonly readAllBackwards: Statement<[number, number, number], EventRow>;
  /** (after, limit) in raw mode (arrays): every column but the two timestamps, for verification. */
  readonly readStoredRaw: Statement<[number, number], unknown[]>;
  /** (after, limit): ids, places and hashes only, for index checks. */
  readonly readHeadsForwards: Statement<[number, number], EventRowHead>;
  readonly readByPosition: Statement<[number], EventRow>;
}

export type EventRowHead = Pick<EventRow, 'global_position' | 'event_id' | 'stream_id' | 'stream_revision' | 'hash'>;

const COLUMNS =
  'global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at, hash, previous_hash';

export function prepareStatements(db: Database): Statements {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT append_request'),
    release: db.prepare('RELEASE append_request'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO append_request'),
    streamLastRevision: db.prepare('SELECT last_revision, last_hash FROM streams WHERE stream_id = ?'),
    upsertStream: db.prepare(
      `INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash`,
    ),
    insertEvent: db.prepare(
      `INSERT INTO events
         (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at, hash, previous_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    eventById: db.prepare('SELECT stream_id, stream_revision, global_position FROM events WHERE event_id = ?'),
    readStreamForwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision ASC LIMIT ?`,
    ),
    readStreamBackwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND stream_revision <= ? ORDER BY stream_revision DESC LIMIT ?`,
    ),
    readAllForwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position < ? ORDER BY global_position ASC LIMIT ?`,
    ),
    readStoredRaw: db
      .prepare(
        `SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata, hash, previous_hash
           FROM events WHERE global_position > ? ORDER BY global_position ASC LIMIT ?`,
      )
      .raw() as unknown as Statement<[number, number], unknown[]>,
    readHeadsForwards: db.prepare(
      'SELECT global_position, event_id, stream_id, stream_revision, hash FROM events WHERE global_position > ? ORDER BY global_position ASC LIMIT ?',
    ),
    readByPosition: db.prepare(`SELECT ${COLUMNS} FROM events WHERE global_position = ?`),
    readAllBackwards: db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE global_position > ? AND global_position < ? ORDER BY global_position DESC LIMIT ?`,
    ),
  };
}
