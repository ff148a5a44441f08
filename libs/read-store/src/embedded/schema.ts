import type { Database } from 'better-sqlite3';

/**
 * Bookkeeping tables of the embedded read store. Document tables are not here: they are created per
 * (generation, collection) on first use, see `tables.ts`. Versioned like the event store's schema
 * (`PRAGMA user_version`); append migrations, never edit a shipped one.
 */
const MIGRATIONS: ReadonlyArray<{ readonly version: number; readonly up: string }> = [
  {
    version: 1,
    up: `
      -- The active pointer is the one row in state 'active' (a partial unique index keeps it unique).
      -- Rows of dropped generations stay, so a generation number is never reused.
      CREATE TABLE generations (
        generation   INTEGER NOT NULL PRIMARY KEY,
        state        TEXT    NOT NULL CHECK (state IN ('building', 'active', 'dropped')),
        created_at   TEXT    NOT NULL,
        activated_at TEXT,
        dropped_at   TEXT
      );
      CREATE UNIQUE INDEX generations_one_active ON generations (state) WHERE state = 'active';
      INSERT INTO generations (generation, state, created_at, activated_at)
      VALUES (1, 'active', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      CREATE TABLE checkpoints (
        generation INTEGER NOT NULL,
        projection TEXT    NOT NULL,
        position   INTEGER NOT NULL,
        updated_at TEXT    NOT NULL,
        PRIMARY KEY (generation, projection)
      );

      -- The primary key makes recording the same failure twice (a replayed batch) a no-op.
      CREATE TABLE projection_failures (
        generation      INTEGER NOT NULL,
        projection      TEXT    NOT NULL,
        global_position INTEGER NOT NULL,
        event_id        TEXT    NOT NULL,
        event_type      TEXT    NOT NULL,
        error           TEXT    NOT NULL,
        failed_at       TEXT    NOT NULL,
        PRIMARY KEY (generation, projection, global_position, event_id)
      );

      -- Index declarations, kept so that a generation created later (by any process) gets them too.
      CREATE TABLE index_specs (
        collection TEXT NOT NULL,
        fields     TEXT NOT NULL CHECK (json_valid(fields)),
        PRIMARY KEY (collection, fields)
      );
    `,
  },
];

const LATEST = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Applies missing migrations in one immediate transaction (safe when the API and the projector open the file at once). */
export function migrate(db: Database): void {
  if (version(db) === LATEST) return;
  db.transaction(() => {
    const from = version(db);
    if (from > LATEST) throw new Error(`Read store file has schema version ${from}, newer than this build supports (${LATEST})`);
    for (const migration of MIGRATIONS) {
      if (migration.version <= from) continue;
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

function version(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
