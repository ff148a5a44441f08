import Database from 'better-sqlite3';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  eventHashMatches,
  EventStoreUnavailableError,
  LATEST_SCHEMA_VERSION,
  verifyLog,
  RecordedEvent,
  SqliteEventStore,
  WrongExpectedRevisionError,
} from '@ikrar/event-store';
import { MIGRATIONS } from '../../libs/event-store/src/embedded/schema';
import { anEvent, newStreamId } from './event-store.contract';

describe('SqliteEventStore (embedded-only behaviour)', () => {
  let dir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];

  const open = (options: { pollIntervalMs?: number; catchUpBatchSize?: number } = {}) => {
    const store = SqliteEventStore.open({ file, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ikrar-es-embedded-'));
    file = join(dir, 'nested', 'data', 'events.sqlite');
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('hash chain', () => {
    it('chains a second request on the same stream within one group-commit batch on the first', async () => {
      const store = open();
      const stream = newStreamId();
      const before = store.stats.transactions;
      await Promise.all([
        store.append(stream, [anEvent(), anEvent()], 'no_stream'),
        store.append(stream, [anEvent()], 1),
        store.append(stream, [anEvent()], 'any'),
      ]);
      expect(store.stats.transactions - before).toBe(1);

      const read = await store.readStream(stream);
      expect(read.map((e) => e.previousHash)).toEqual([null, read[0].hash, read[1].hash, read[2].hash]);
      read.forEach((event) => expect(eventHashMatches(event, event.previousHash)).toBe(true));
      const db = (store as unknown as { db: Database.Database }).db;
      expect(db.prepare('SELECT last_hash FROM streams WHERE stream_id = ?').get(stream)).toEqual({ last_hash: read[3].hash });
    });

    it('leaves the chain untouched by a request rejected inside a batch', async () => {
      const store = open();
      const stream = newStreamId();
      await store.append(stream, [anEvent()], 'no_stream');
      const settled = await Promise.allSettled([
        store.append(stream, [anEvent()], 5),
        store.append(stream, [anEvent()], 0),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled']);
      const read = await store.readStream(stream);
      expect(read[1].previousHash).toBe(read[0].hash);
      expect((await verifyLog(store)).ok).toBe(true);
    });

    it('migrates a version 1 file: hashes existing events in stream order and keeps the log append-only', async () => {
      mkdirSync(join(dir, 'nested', 'data'), { recursive: true });
      const v1 = new Database(file);
      v1.exec(MIGRATIONS[0].up);
      v1.exec('CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      v1.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?)').run(MIGRATIONS[0].name, new Date().toISOString());
      v1.pragma('user_version = 1');
      const insertStream = v1.prepare('INSERT INTO streams (stream_id, last_revision) VALUES (?, ?) ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision');
      const insert = v1.prepare(
        `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, occurred_at, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      // Interleaved streams, and more rows than one page of the backfill.
      const streams = ['b-stream', 'a-stream', 'c-stream'];
      for (let i = 0; i < 2500; i++) {
        const streamId = streams[i % 3];
        const revision = Math.floor(i / 3);
        const event = anEvent({ data: { i } });
        insertStream.run(streamId, revision);
        insert.run(event.eventId, streamId, revision, event.type, 1, JSON.stringify(event.data), JSON.stringify(event.metadata), event.metadata.occurredAt, new Date().toISOString());
      }
      v1.close();

      const store = open();
      expect(await verifyLog(store, { pageSize: 300 })).toEqual({ ok: true, eventsChecked: 2500, firstFailure: null });
      const a = await store.readStream('a-stream');
      expect(a[0].previousHash).toBeNull();
      expect(a[1].previousHash).toBe(a[0].hash);

      await store.append('a-stream', [anEvent()], a.length - 1);
      const [last] = await store.readStream('a-stream', { direction: 'backwards', maxCount: 1 });
      expect(last.previousHash).toBe(a[a.length - 1].hash);
      expect((await verifyLog(store)).ok).toBe(true);

      const db = (store as unknown as { db: Database.Database }).db;
      expect(() => db.prepare('UPDATE events SET data = ? WHERE global_position = 1').run('{}')).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM events WHERE global_position = 1').run()).toThrow(/append-only/);
    });
  });

  describe('opening', () => {
    it('creates parent directories and configures durable WAL mode', async () => {
      const store = open();

      expect(existsSync(file)).toBe(true);
      const db = (store as unknown as { db: Database.Database }).db;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    });

    it('records the schema version for later migrations', () => {
      open();

      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
        const applied = db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all();
        expect(applied).toEqual([
          { version: 1, name: 'create_streams_and_events', applied_at: expect.any(String) },
          { version: 2, name: 'add_event_hash_chain', applied_at: expect.any(String) },
        ]);
      } finally {
        db.close();
      }
    });

    it('refuses a file written by a newer schema', () => {
      open();
      const db = new Database(file);
      db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
      db.close();

      expect(() => SqliteEventStore.open({ file })).toThrow(/newer than this build supports/);
    });

    it('keeps everything when the file is reopened', async () => {
      const first = open();
      const stream = newStreamId();
      await first.append(stream, [anEvent({ data: { n: 1 } }), anEvent({ data: { n: 2 } })], 'no_stream');
      await first.append(newStreamId(), [anEvent()], 'no_stream');
      const before = await first.readAll();
      await first.close();

      const second = open();

      expect(await second.readAll()).toEqual(before);
      const result = await second.append(stream, [anEvent()], 1);
      expect(result).toEqual({ nextExpectedRevision: 2, position: 4 });
      await expect(second.append(stream, [anEvent()], 1)).rejects.toMatchObject({ actual: 2 });
    });
  });

  describe('the file an auditor opens', () => {
    it('holds readable columns and a streams table kept in step', async () => {
      const store = open();
      const stream = newStreamId();
      const event = anEvent({
        type: 'PartnerRegistered',
        schemaVersion: 2,
        data: { name: 'Yayasan Contoh' },
        metadata: { occurredAt: '2024-05-01T09:00:00.000Z' },
      });
      await store.append(stream, [event, anEvent()], 'no_stream');

      const db = new Database(file, { readonly: true });
      try {
        const row = db
          .prepare(
            `SELECT global_position, event_id, stream_id, stream_revision, type, schema_version,
                    json_extract(data, '$.name') AS name, json_extract(metadata, '$.actor.role') AS role,
                    occurred_at, recorded_at
             FROM events ORDER BY global_position LIMIT 1`,
          )
          .get();
        expect(row).toEqual({
          global_position: 1,
          event_id: event.eventId,
          stream_id: stream,
          stream_revision: 0,
          type: 'PartnerRegistered',
          schema_version: 2,
          name: 'Yayasan Contoh',
          role: 'system',
          occurred_at: '2024-05-01T09:00:00.000Z',
          recorded_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
        });
        expect(db.prepare('SELECT stream_id, last_revision FROM streams').all()).toEqual([
          { stream_id: stream, last_revision: 1 },
        ]);
      } finally {
        db.close();
      }
    });

    it('refuses to change or delete a recorded event', async () => {
      const store = open();
      await store.append(newStreamId(), [anEvent()], 'no_stream');

      const db = new Database(file);
      try {
        expect(() => db.prepare("UPDATE events SET type = 'Forged'").run()).toThrow(/append-only/);
        expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      } finally {
        db.close();
      }
    });

    it('numbers global positions densely from 1', async () => {
      const store = open();
      await store.append(newStreamId(), [anEvent(), anEvent()], 'no_stream');
      await store.append(newStreamId(), [anEvent()], 'no_stream');

      expect((await store.readAll()).map((e) => e.globalPosition)).toEqual([1, 2, 3]);
    });
  });

  describe('group commit', () => {
    it('commits the appends of one event-loop turn in a single transaction', async () => {
      const store = open();
      const before = store.stats;

      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.append(newStreamId(), [anEvent(), anEvent()], 'no_stream')),
      );

      const after = store.stats;
      expect(results).toHaveLength(200);
      expect(after.transactions - before.transactions).toBe(1);
      expect(after.appendsCommitted - before.appendsCommitted).toBe(200);
      expect(after.eventsWritten - before.eventsWritten).toBe(400);
      expect((await store.readAll()).map((e) => e.globalPosition)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    });

    it('uses far fewer transactions than appends when callers append concurrently', async () => {
      const store = open();
      const stream = (worker: number) => `worker-${worker}`;

      await Promise.all(
        Array.from({ length: 20 }, async (_, worker) => {
          let expected: number | 'no_stream' = 'no_stream';
          for (let i = 0; i < 10; i++) {
            expected = (await store.append(stream(worker), [anEvent()], expected)).nextExpectedRevision;
          }
        }),
      );

      expect(store.stats.appendsCommitted).toBe(200);
      expect(store.stats.transactions).toBeLessThanOrEqual(20);
    });

    it('rejects only the failing request of a batch', async () => {
      const store = open();
      const [ok1, bad, ok2] = [newStreamId(), newStreamId(), newStreamId()];

      const settled = await Promise.allSettled([
        store.append(ok1, [anEvent()], 'no_stream'),
        store.append(bad, [anEvent(), anEvent()], 5),
        store.append(ok2, [anEvent()], 'no_stream'),
      ]);

      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(store.stats).toMatchObject({ transactions: 1, appendsCommitted: 2, appendsRejected: 1, eventsWritten: 2 });
      expect(await store.readStream(bad)).toEqual([]);
      expect((await store.readAll()).map((e) => e.streamId)).toEqual([ok1, ok2]);
    });

    it('lets requests in the same batch on the same stream see each other in order', async () => {
      const store = open();
      const stream = newStreamId();
      const [a, b, c] = [anEvent(), anEvent(), anEvent()];

      const settled = await Promise.allSettled([
        store.append(stream, [a], 'no_stream'),
        store.append(stream, [b], 0),
        store.append(stream, [c], 0),
      ]);

      expect(settled[0]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 0, position: 1 } });
      expect(settled[1]).toEqual({ status: 'fulfilled', value: { nextExpectedRevision: 1, position: 2 } });
      expect(settled[2]).toMatchObject({ status: 'rejected', reason: { expected: 0, actual: 1 } });
      expect(store.stats.transactions).toBe(1);
      expect((await store.readStream(stream)).map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
    });

    it('stamps recordedAt at commit with millisecond precision', async () => {
      const store = open();
      const before = Date.now();

      await store.append(newStreamId(), [anEvent()], 'no_stream');

      const [event] = await store.readAll();
      expect(event.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(event.recordedAt)).toBeGreaterThanOrEqual(before);
    });

    it('fails a request with an unserialisable payload without touching the batch', async () => {
      const store = open();
      const circular: Record<string, unknown> = {};
      circular.self = circular;

      const settled = await Promise.allSettled([
        store.append(newStreamId(), [anEvent()], 'no_stream'),
        store.append(newStreamId(), [anEvent({ data: circular })], 'no_stream'),
      ]);

      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
      expect((settled[1] as PromiseRejectedResult).reason).not.toBeInstanceOf(WrongExpectedRevisionError);
    });

    it('rejects malformed requests as programming errors', async () => {
      const store = open();
      const event = anEvent();

      await expect(store.append('', [anEvent()], 'any')).rejects.toThrow(/streamId/);
      await expect(store.append(newStreamId(), [anEvent()], -1)).rejects.toThrow(/expected revision/);
      await expect(store.append(newStreamId(), [anEvent()], 1.5)).rejects.toThrow(/expected revision/);
      await expect(store.append(newStreamId(), [event, event], 'any')).rejects.toThrow(/twice/);
      await expect(store.readStream(newStreamId(), { maxCount: -1 })).rejects.toThrow(/maxCount/);
      expect(store.stats.transactions).toBe(0);
    });
  });

  describe('idempotency', () => {
    it('answers an exact retry with the original result', async () => {
      const store = open();
      const stream = newStreamId();
      const events = [anEvent(), anEvent()];
      await store.append(newStreamId(), [anEvent()], 'no_stream');
      const original = await store.append(stream, events, 'no_stream');
      await store.append(stream, [anEvent()], 1);

      expect(await store.append(stream, events, 'no_stream')).toEqual(original);
      expect(await store.append(stream, events, 'any')).toEqual(original);
      expect(await store.append(stream, events, 'stream_exists')).toEqual(original);
      expect(store.stats.eventsWritten).toBe(4);
    });

    it('answers an exact retry in the same batch with the original result', async () => {
      const store = open();
      const stream = newStreamId();
      const events = [anEvent()];

      const [first, second] = await Promise.all([
        store.append(stream, events, 'no_stream'),
        store.append(stream, events, 'no_stream'),
      ]);

      expect(second).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(1);
    });

    it('rejects stored event ids at another revision or in another stream, never with a raw SQLite error', async () => {
      const store = open();
      const stream = newStreamId();
      const events = [anEvent(), anEvent()];
      await store.append(stream, events, 'no_stream');

      const atOtherRevision = store.append(stream, events, 1);
      const reordered = store.append(stream, [events[1], events[0]], 'no_stream');
      const inOtherStream = store.append(newStreamId(), events, 'no_stream');

      await expect(atOtherRevision).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 1 });
      await expect(reordered).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(inOtherStream).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 'no_stream' });
      expect(await store.readAll()).toHaveLength(2);
    });
  });

  describe('reading a stream from its known end', () => {
    const revisions = (events: RecordedEvent[]) => events.map((event) => event.streamRevision);

    it('sees what another connection (another process) appended after it read the stream to its end', async () => {
      const reader = open();
      const writer = open();
      const stream = newStreamId();
      await writer.append(stream, [anEvent()], 'no_stream');
      expect(revisions(await reader.readStream(stream))).toEqual([0]);
      expect(await reader.readStream(stream, { fromRevision: 1 })).toEqual([]);

      await writer.append(stream, [anEvent(), anEvent()], 0);

      expect(revisions(await reader.readStream(stream, { fromRevision: 1 }))).toEqual([1, 2]);
      expect(revisions(await reader.readStream(stream, { fromRevision: 2 }))).toEqual([2]);
    });

    it('sees its own appends, also to a stream it read to its end or found empty', async () => {
      const store = open();
      const stream = newStreamId();
      expect(await store.readStream(stream)).toEqual([]);
      await store.append(stream, [anEvent()], 'no_stream');
      expect(revisions(await store.readStream(stream))).toEqual([0]);
      expect(await store.readStream(stream, { fromRevision: 1 })).toEqual([]);

      await store.append(stream, [anEvent()], 0);

      expect(revisions(await store.readStream(stream, { fromRevision: 1 }))).toEqual([1]);
      expect(revisions(await store.readStream(stream))).toEqual([0, 1]);
    });

    it('a rejected append leaves what it knows of the stream true', async () => {
      const store = open();
      const stream = newStreamId();
      await store.append(stream, [anEvent()], 'no_stream');
      await expect(store.append(stream, [anEvent()], 5)).rejects.toBeInstanceOf(WrongExpectedRevisionError);

      expect(await store.readStream(stream, { fromRevision: 1 })).toEqual([]);
      await store.append(stream, [anEvent()], 0);
      expect(revisions(await store.readStream(stream, { fromRevision: 1 }))).toEqual([1]);
    });
  });

  describe('subscriptions', () => {
    it('catches up across several batches, then goes live, exactly once and in order', async () => {
      const store = open({ catchUpBatchSize: 7 });
      for (let i = 0; i < 10; i++) {
        await store.append(newStreamId(), [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()], 'no_stream');
      }
      const subscription = store.subscribeToAll({ after: 3 });
      const seen: RecordedEvent[] = [];

      const consumer = (async () => {
        for await (const event of subscription) {
          seen.push(event);
          if (seen.length === 47) await store.append(newStreamId(), [anEvent(), anEvent()], 'no_stream');
          if (seen.length === 49) break;
        }
      })();
      await consumer;

      expect(seen.map((e) => e.globalPosition)).toEqual(Array.from({ length: 49 }, (_, i) => i + 4));
    });

    it('is woken by a local commit without waiting for the poll', async () => {
      const store = open({ pollIntervalMs: 60_000 });
      const subscription = store.subscribeToAll();
      const iterator = subscription[Symbol.asyncIterator]();
      const next = iterator.next();

      await store.append(newStreamId(), [anEvent()], 'no_stream');

      await expect(next).resolves.toMatchObject({ done: false, value: { globalPosition: 1 } });
      await subscription.close();
    });

    it('lets queued appends commit when the store closes, then refuses new work', async () => {
      const store = open();
      await store.append(newStreamId(), [anEvent()], 'no_stream');
      const queued = store.append(newStreamId(), [anEvent()], 'no_stream');

      await store.close();

      await expect(queued).resolves.toEqual({ nextExpectedRevision: 0, position: 2 });
      await expect(store.append(newStreamId(), [anEvent()], 'no_stream')).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await store.close();
      const reopened = open();
      expect(await reopened.readAll()).toHaveLength(2);
    });

    it('ends open subscriptions when the store closes', async () => {
      const store = open();
      await store.append(newStreamId(), [anEvent()], 'no_stream');
      const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
      await expect(iterator.next()).resolves.toMatchObject({ done: false, value: { globalPosition: 1 } });
      const waiting = iterator.next();

      await store.close();

      await expect(waiting).resolves.toMatchObject({ done: true });
      await expect(iterator.next()).resolves.toMatchObject({ done: true });
    });

    it('sees appends made through another store on the same file, by polling', async () => {
      const writer = open();
      const reader = open({ pollIntervalMs: 50 });
      const stream = newStreamId();
      await writer.append(stream, [anEvent()], 'no_stream');
      const subscription = reader.subscribeToAll();
      const seen: RecordedEvent[] = [];
      const consumer = (async () => {
        for await (const event of subscription) seen.push(event);
      })();

      await waitUntil(() => seen.length === 1);
      await writer.append(stream, [anEvent(), anEvent()], 0);
      await writer.append(newStreamId(), [anEvent()], 'no_stream');
      await waitUntil(() => seen.length === 4);
      await subscription.close();
      await consumer;

      expect(seen.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4]);
      expect(seen).toEqual(await writer.readAll());
    });

    it('checks revisions against appends made through another store on the same file', async () => {
      const first = open();
      const second = open();
      const stream = newStreamId();

      await first.append(stream, [anEvent()], 'no_stream');
      await second.append(stream, [anEvent()], 0);

      await expect(first.append(stream, [anEvent()], 0)).rejects.toMatchObject({ actual: 1 });
      expect((await first.append(stream, [anEvent()], 1)).nextExpectedRevision).toBe(2);
    });
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
