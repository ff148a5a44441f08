import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killChild, runTsChild } from '../support/ts-child';
import { DocumentChange, GenerationGoneError, InvalidQueryError, ReadDocument, SqliteReadStore } from '@ikrar/read-store';

const CHILD = 'test/read-store/fixtures/commit-child.ts';

const upserts = (collection: string, docs: Array<Record<string, unknown>>): DocumentChange[] =>
  docs.map((doc) => ({ op: 'upsert', collection, doc: doc as ReadDocument }));

/** The embedded store commits on a worker thread (its own connection) unless told not to. */
describe('SqliteReadStore write-behind (commits on the writer thread)', () => {
  let dir: string;
  let file: string;
  const opened: SqliteReadStore[] = [];

  const open = (writeBehind?: boolean): SqliteReadStore => {
    const store = SqliteReadStore.open({ file, writeBehind });
    opened.push(store);
    return store;
  };

  /** What another process would read: documents of a table and the checkpoints, through a connection of its own. */
  const onDisk = (table: string): { docs: unknown[]; checkpoints: unknown[] } => {
    const db = new Database(file, { readonly: true });
    try {
      const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
      const docs = exists ? (db.prepare(`SELECT json(doc) AS doc FROM "${table}" ORDER BY id`).all() as Array<{ doc: string }>).map((row) => JSON.parse(row.doc)) : [];
      return { docs, checkpoints: db.prepare('SELECT generation, projection, position FROM checkpoints ORDER BY generation, projection').all() };
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ikrar-rs-write-behind-'));
    file = join(dir, 'read-models.sqlite');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('once commit() resolves, another connection sees the documents and the checkpoint', async () => {
    const store = open();
    const g = await store.activeGeneration();
    await store.commit(g, 'ledger', upserts('partners', [{ id: 'p1', name: 'A' }, { id: 'p2', name: 'B' }]), 4);

    expect(onDisk(`g${g}_partners`)).toEqual({
      docs: [{ id: 'p1', name: 'A' }, { id: 'p2', name: 'B' }],
      checkpoints: [{ generation: g, projection: 'ledger', position: 4 }],
    });
  });

  it('commits handed over without waiting are applied in order: the last write of a document wins, the checkpoint ends at the last', async () => {
    const store = open();
    const g = await store.activeGeneration();
    const pending = [1, 2, 3, 4, 5].map((n) =>
      store.commit(g, 'ledger', [...upserts('tallies', [{ id: 't', n }]), ...upserts('things', [{ id: `x${n}`, n }])], n * 10),
    );
    await Promise.all(pending);

    expect(await store.get(g, 'tallies', 't')).toEqual({ id: 't', n: 5 });
    expect(await store.all(g, 'things')).toHaveLength(5);
    expect((await store.checkpoint(g, 'ledger')).position).toBe(50);
  });

  it('a replayed commit (at or below the checkpoint) changes nothing', async () => {
    const store = open();
    const g = await store.activeGeneration();
    await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'New' }]), 9);
    await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'Old' }, { id: 'q', name: 'Stray' }]), 9);
    await store.commit(g, 'ledger', [{ op: 'delete', collection: 'partners', id: 'p' }], 7);

    expect(await store.all(g, 'partners')).toEqual([{ id: 'p', name: 'New' }]);
    expect((await store.checkpoint(g, 'ledger')).position).toBe(9);
  });

  it('a commit to a generation that was dropped meanwhile fails with GenerationGoneError and leaves no table behind', async () => {
    const store = open();
    const old = await store.activeGeneration();
    const next = await store.createGeneration();
    await store.activateGeneration(next);

    await expect(store.commit(old, 'ledger', upserts('partners', [{ id: 'p' }]), 1)).rejects.toBeInstanceOf(GenerationGoneError);
    expect(onDisk(`g${old}_partners`).docs).toEqual([]);
  });

  it('a document JSON cannot hold fails the whole commit with InvalidQueryError; what JSON drops is dropped', async () => {
    const store = open();
    const g = await store.activeGeneration();
    await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'Before' }]), 3);

    const bad = upserts('partners', [{ id: 'p', name: 'After' }, { id: 'big', amount: BigInt(1) }]);
    await expect(store.commit(g, 'ledger', bad, 5)).rejects.toBeInstanceOf(InvalidQueryError);
    const noObject = upserts('partners', [{ id: 'p', name: 'After' }, { id: 'odd', toJSON: () => undefined }]);
    await expect(store.commit(g, 'ledger', noObject, 5)).rejects.toBeInstanceOf(InvalidQueryError);
    expect(await store.all(g, 'partners')).toEqual([{ id: 'p', name: 'Before' }]);
    expect((await store.checkpoint(g, 'ledger')).position).toBe(3);

    // JSON leaves out functions and undefined, and so does the store.
    await store.commit(g, 'ledger', upserts('partners', [{ id: 'f', name: 'F', greet: () => 'hi', gone: undefined }]), 6);
    expect(await store.get(g, 'partners', 'f')).toEqual({ id: 'f', name: 'F' });
  });

  it('close() lets the commits in flight finish first', async () => {
    const store = open();
    const g = await store.activeGeneration();
    const pending = [1, 2, 3].map((n) => store.commit(g, 'ledger', upserts('things', [{ id: `x${n}` }]), n));
    await store.close();
    await Promise.all(pending);

    const reopened = open();
    expect(await reopened.all(g, 'things')).toHaveLength(3);
    expect((await reopened.checkpoint(g, 'ledger')).position).toBe(3);
  });

  it('writes the same rows as committing inline (writeBehind: false)', async () => {
    const run = async (writeBehind: boolean) => {
      const store = SqliteReadStore.open({ file: join(dir, `${writeBehind}.sqlite`), writeBehind });
      try {
        const g = await store.activeGeneration();
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'a', n: 1, position: 2 }, { id: 'b', n: 2 }]), 3, [
          { projection: 'ledger', globalPosition: 2, eventId: 'e2', eventType: 'X', error: 'boom', failedAt: '2025-01-01T00:00:00.000Z' },
        ]);
        await store.commit(g, 'ledger', [...upserts('partners', [{ id: 'a', n: 3 }]), { op: 'delete', collection: 'partners', id: 'b' }, { op: 'delete', collection: 'none', id: 'z' }], 5);
        const db = new Database(join(dir, `${writeBehind}.sqlite`), { readonly: true });
        try {
          return {
            rows: db.prepare(`SELECT id, json(doc) AS doc, position FROM "g${g}_partners" ORDER BY id`).all(),
            tables: db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all(),
            failures: await store.failures(g),
            checkpoint: (await store.checkpoint(g, 'ledger')).position,
          };
        } finally {
          db.close();
        }
      } finally {
        await store.close();
      }
    };
    expect(await run(true)).toEqual(await run(false));
  });

  it('a generation created with deferIndexes is filled through the writer without indexes and indexed on activation', async () => {
    const store = open();
    await store.ensureIndexes([{ collection: 'commitments', fields: ['forumId', 'dueDate'] }]);
    const next = await store.createGeneration({ deferIndexes: true });
    await store.commit(next, 'ledger', upserts('commitments', [{ id: 'c1', forumId: 'f', dueDate: '2025-01-01' }]), 1);
    const query = { where: [{ field: 'forumId', op: 'eq' as const, value: 'f' }], sort: [{ field: 'dueDate', direction: 'asc' as const }] };
    expect(store.explainFind(next, 'commitments', query).join('\n')).not.toMatch(/USING INDEX ix:/);

    await store.activateGeneration(next);

    expect(store.explainFind(next, 'commitments', query).join('\n')).toMatch(/USING INDEX ix:g\d+_commitments:forumId,dueDate/);
    expect(await store.all(next, 'commitments')).toEqual([{ id: 'c1', forumId: 'f', dueDate: '2025-01-01' }]);
  });

  describe('killed with commits in flight on the writer thread', () => {
    /** Resolves with the commit child once `until` accepts a batch it reported committed. */
    async function startChild(from: number, until: (committed: number) => boolean): Promise<ChildProcess> {
      return (await runTsChild(CHILD, [file, String(from)], (line) => until(Number(line.split(' ')[1])))).child;
    }

    /** Every batch up to the checkpoint is there whole, nothing of a later batch is: documents and checkpoint moved together. */
    async function expectConsistent(): Promise<number> {
      const store = open();
      const g = await store.activeGeneration();
      const checkpoint = (await store.checkpoint(g, 'p')).position!;
      const docs = await store.all<ReadDocument & { batch?: number; batches?: number }>(g, 'things');
      const batches = new Map<number, number>();
      for (const doc of docs) if (doc.batch !== undefined) batches.set(doc.batch, (batches.get(doc.batch) ?? 0) + 1);
      expect(Math.max(...batches.keys())).toBe(checkpoint);
      for (const [batch, count] of batches) expect({ batch, count }).toEqual({ batch, count: 50 });
      expect(batches.size).toBe(checkpoint);
      expect(docs.find((doc) => doc.id === 'tally')).toEqual({ id: 'tally', batches: checkpoint, position: checkpoint });
      await store.close();
      opened.splice(opened.indexOf(store), 1);
      return checkpoint;
    }

    it('leaves every checkpoint with exactly its documents, twice over, and a restart goes on from there (replays are no-ops)', async () => {
      let last = 0;
      await killChild(await startChild(1, (k) => (last = k) >= 40));
      const first = await expectConsistent();
      expect(first).toBeGreaterThanOrEqual(last);

      // Restart a few batches back: the replayed commits change nothing, the new ones land.
      await killChild(await startChild(first - 3, (k) => k >= first + 40));
      const second = await expectConsistent();
      expect(second).toBeGreaterThanOrEqual(first + 40);
    }, 60_000);
  });
});
