import type { Database } from 'better-sqlite3';

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
}

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
];

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
      record.run(migration.version, migration.name, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

function currentVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
