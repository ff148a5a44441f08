import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { computeEventHash, EventToAppend, SqliteEventStore } from '@ikrar/event-store';
import { reportResult } from '../support/processes';

/**
 * Scenario 2 and 3: `concurrency` writers, each appending one event at a time to its own stream with
 * an exact expected revision, for `seconds`. Modes:
 * - `ours`: through the EventStore port of the embedded store (WAL, synchronous=FULL, group commit);
 * - `raw`: the baseline, the same rows inserted by hand into the same schema on the same SQLite engine
 *   (better-sqlite3, WAL, synchronous=FULL), `concurrency` rows per transaction, hashes computed ahead;
 * - `emmett`: the peer, `@event-driven-io/emmett-sqlite` (node-sqlite3, WAL, synchronous=FULL).
 */
const [mode, dir, secondsArg, concurrencyArg] = process.argv.slice(2);
const seconds = Number(secondsArg);
const concurrency = Number(concurrencyArg);

function eventData(writer: number, n: number): Record<string, unknown> {
  return {
    commitmentId: `00000000-0000-4000-8000-${String(writer).padStart(12, '0')}`,
    rationale: 'Rincian kegiatan diperbarui setelah rapat koordinasi',
    changes: { description: `Dukungan PMT ibu hamil KEK, revisi ${n}` },
    previous: { description: `Dukungan PMT ibu hamil KEK, revisi ${n - 1}` },
  };
}

function metadata(): EventToAppend['metadata'] {
  return {
    occurredAt: new Date().toISOString(),
    actor: { userId: 'bench-secretariat', role: 'secretariat' },
    correlationId: randomUUID(),
    causationId: null,
    idempotencyKey: null,
    requestHash: null,
  };
}

async function ours(): Promise<{ events: number; seconds: number; transactions: number }> {
  const store = SqliteEventStore.open({ file: join(dir, 'ours.sqlite') });
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let events = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, writer) => {
      const streamId = `commitment-bench${writer}`;
      for (let revision = -1; performance.now() < deadline; revision++) {
        await store.append(streamId, [{ eventId: randomUUID(), type: 'CommitmentAmended', schemaVersion: 1, data: eventData(writer, revision + 1), metadata: metadata() }], revision === -1 ? 'no_stream' : revision);
        events++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const { transactions } = store.stats;
  await store.close();
  return { events, seconds: elapsed, transactions };
}

async function raw(): Promise<{ events: number; seconds: number; transactions: number }> {
  const file = join(dir, 'raw.sqlite');
  await SqliteEventStore.open({ file }).close(); // the same schema, created by the store's own migrations
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  const upsertStream = db.prepare(
    'INSERT INTO streams (stream_id, last_revision, last_hash) VALUES (?, ?, ?) ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_hash = excluded.last_hash',
  );
  const insert = db.prepare(
    'INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at, hash, previous_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  // The rows are prepared outside the timed loop: ids, JSON text and chained hashes, as the store would write them.
  const lastHash: Array<string | null> = Array.from({ length: concurrency }, () => null);
  const prepareRound = (revision: number) =>
    Array.from({ length: concurrency }, (_, writer) => {
      const streamId = `commitment-bench${writer}`;
      const eventId = randomUUID();
      const data = eventData(writer, revision);
      const meta = metadata();
      const hash = computeEventHash({ eventId, type: 'CommitmentAmended', schemaVersion: 1, streamId, streamRevision: revision, data, metadata: meta }, lastHash[writer]);
      const row = [eventId, streamId, revision, 'CommitmentAmended', 1, JSON.stringify(data), JSON.stringify(meta), meta.occurredAt, new Date().toISOString(), hash, lastHash[writer]] as const;
      lastHash[writer] = hash;
      return row;
    });
  let events = 0;
  let transactions = 0;
  let timed = 0;
  for (let revision = 0; timed < seconds * 1000; revision++) {
    const rows = prepareRound(revision);
    const t0 = performance.now();
    begin.run();
    for (const row of rows) {
      upsertStream.run(row[1], row[2], row[9]);
      insert.run(...row);
    }
    commit.run();
    timed += performance.now() - t0;
    events += rows.length;
    transactions++;
  }
  db.close();
  return { events, seconds: timed / 1000, transactions };
}

async function emmett(): Promise<{ events: number; seconds: number; transactions: number; retries: number; synchronous: number; journalMode: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getSQLiteEventStore } = require('@event-driven-io/emmett-sqlite') as {
    getSQLiteEventStore(options: { fileName: string }): {
      appendToStream(stream: string, events: Array<{ type: string; data: Record<string, unknown> }>, options?: { expectedStreamVersion?: bigint }): Promise<unknown>;
    };
  };
  const fileName = join(dir, 'emmett.sqlite');
  const store = getSQLiteEventStore({ fileName });
  // The peer opens a connection per call and starts BEGIN IMMEDIATE without a busy timeout, so two
  // appends in flight at once fail with SQLITE_BUSY: its appends are queued here one at a time (the
  // 64 writers still wait concurrently, as callers of one process would).
  let queue: Promise<unknown> = Promise.resolve();
  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let events = 0;
  let retries = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, writer) => {
      const streamId = `commitment-bench${writer}`;
      for (let version = 0n; performance.now() < deadline; version++) {
        for (let attempt = 1; ; attempt++) {
          try {
            await serialized(() => store.appendToStream(streamId, [{ type: 'CommitmentAmended', data: eventData(writer, Number(version)) }], { expectedStreamVersion: version }));
            break;
          } catch (error) {
            // node-sqlite3 now and then refuses the peer's COMMIT ("SQL statements in progress"); the
            // transaction was rolled back, so the same append is retried (and counted).
            if (attempt >= 5) throw error;
            retries++;
          }
        }
        events++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  // What a fresh connection of the peer's engine runs with (emmett sets WAL itself and leaves synchronous at its default).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sqlite3 = require('sqlite3') as { Database: new (file: string) => { get(sql: string, cb: (e: Error | null, row: Record<string, unknown>) => void): void; close(): void } };
  const probe = new sqlite3.Database(fileName);
  const get = (sql: string) => new Promise<Record<string, unknown>>((resolve, reject) => probe.get(sql, (e, row) => (e ? reject(e) : resolve(row))));
  const synchronous = Number((await get('PRAGMA synchronous')).synchronous);
  const journalMode = String((await get('PRAGMA journal_mode')).journal_mode);
  probe.close();
  return { events, seconds: elapsed, transactions: events, retries, synchronous, journalMode };
}

async function main(): Promise<void> {
  const run = mode === 'ours' ? ours : mode === 'raw' ? raw : mode === 'emmett' ? emmett : null;
  if (!run) throw new Error(`unknown mode ${mode}`);
  const result = await run();
  reportResult({ mode, concurrency, ...result, throughput: result.events / result.seconds });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
