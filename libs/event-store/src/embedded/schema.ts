import type { Database } from 'better-sqlite3';
import { computeEventHash } from '../hashing';
import { EventMetadata } from '../port';

/**
 * Schema of the embedded event store, as an ordered list of migrations.
 *
 * The applied version is kept twice: in `PRAGMA user_version` (cheap to read on
 * open) and in the `schema_migrations` table (readable by an auditor, with the
 * time each step ran). Later issues append migrations; never edit a shipped one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  /** Runs after `up`, inside the same transaction (data migrations). */
  readonly after?: (db: Database) => void;
}

const APPEND_ONLY_TRIGGERS = `
  -- The ledger is append-only: a recorded fact is never changed or removed.
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create_streams_and_events',
    up: `
      CREATE TABLE streams (
        stream_id     TEXT    NOT NULL PRIMARY KEY,
        last_revision INTEGER NOT NULL CHECK (last_revision >= 0)
      );

      CREATE TABLE events (
        global_position INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        event_id        TEXT    NOT NULL UNIQUE,
        stream_id       TEXT    NOT NULL REFERENCES streams (stream_id),
        stream_revision INTEGER NOT NULL CHECK (stream_revision >= 0),
        type            TEXT    NOT NULL,
        schema_version  INTEGER NOT NULL,
        data            TEXT    NOT NULL CHECK (json_valid(data)),
        metadata        TEXT    NOT NULL CHECK (json_valid(metadata)),
        occurred_at     TEXT    NOT NULL,
        recorded_at     TEXT    NOT NULL,
        UNIQUE (stream_id, stream_revision)
      );

      -- The ledger is append-only: a recorded fact is never changed or removed.
      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TRIGGER events_no_delete BEFORE DELETE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'add_event_hash_chain',
    // The hashes of existing rows are filled in once, in stream order, with the append-only
    // triggers lifted for exactly that step and recreated before the transaction commits.
    up: `
      ALTER TABLE events ADD COLUMN hash TEXT;
      ALTER TABLE events ADD COLUMN previous_hash TEXT;
      ALTER TABLE streams ADD COLUMN last_hash TEXT;
      DROP TRIGGER IF EXISTS events_no_update;
      DROP TRIGGER IF EXISTS events_no_delete;
    `,
    after: (db) => {
      backfillHashes(db);
      db.exec(APPEND_ONLY_TRIGGERS);
    },
  },
];

/** Computes hash / previous_hash of every existing event, stream by stream in revision order, in pages. */
function backfillHashes(db: Database): void {
  const page = db.prepare<[string, string, number, number], {
    global_position: number; event_id: string; stream_id: string; stream_revision: number;
    type: string; schema_version: number; data: string; metadata: string;
  }>(
    `SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata
       FROM events WHERE stream_id > ? OR (stream_id = ? AND stream_revision > ?)
       ORDER BY stream_id, stream_revision LIMIT ?`,
  );
  const setHash = db.prepare('UPDATE events SET hash = ?, previous_hash = ? WHERE global_position = ?');
  const setLast = db.prepare('UPDATE streams SET last_hash = ? WHERE stream_id = ?');
  let cursor = { streamId: '', revision: -1 };
  let current: { streamId: string; hash: string | null } = { streamId: '', hash: null };
  for (;;) {
    const rows = page.all(cursor.streamId, cursor.streamId, cursor.revision, 1000);
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.stream_id !== current.streamId) {
        if (current.hash !== null) setLast.run(current.hash, current.streamId);
        current = { streamId: row.stream_id, hash: null };
      }
      const hash = computeEventHash(
        {
          eventId: row.event_id,
          type: row.type,
          schemaVersion: row.schema_version,
          streamId: row.stream_id,
          streamRevision: row.stream_revision,
          data: JSON.parse(row.data) as Record<string, unknown>,
          metadata: JSON.parse(row.metadata) as EventMetadata,
        },
        current.hash,
      );
      setHash.run(hash, current.hash, row.global_position);
      current.hash = hash;
    }
    const last = rows[rows.length - 1];
    cursor = { streamId: last.stream_id, revision: last.stream_revision };
  }
  if (current.hash !== null) setLast.run(current.hash, current.streamId);
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Applies the missing migrations in one write transaction (safe when several processes open the file at once). */
export function migrate(db: Database): void {
  if (currentVersion(db) === LATEST_SCHEMA_VERSION) return;
  db.transaction(() => {
    const from = currentVersion(db);
    if (from > LATEST_SCHEMA_VERSION) {
      throw new Error(
        `Event store file has schema version ${from}, newer than this build supports (${LATEST_SCHEMA_VERSION})`,
      );
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER NOT NULL PRIMARY KEY,
        name       TEXT    NOT NULL,
        applied_at TEXT    NOT NULL
      )
    `);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      db.exec(migration.up);
      migration.after?.(db);
      record.run(migration.version, migration.name, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

function currentVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
