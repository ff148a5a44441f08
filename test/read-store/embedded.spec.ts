import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentChange, GenerationGoneError, openReadStore, SqliteReadStore } from '@ikrar/read-store';

/** What only the embedded adapter shows: its SQL plans, its tables, and several connections on one file. */
describe('SqliteReadStore (embedded specifics)', () => {
  let dir: string;
  let file: string;
  const opened: Array<{ close(): Promise<void> }> = [];

  const open = (): SqliteReadStore => {
    const store = SqliteReadStore.open({ file });
    opened.push(store);
    return store;
  };

  const commitments = (count: number): DocumentChange[] =>
    Array.from({ length: count }, (_, i) => ({
      op: 'upsert',
      collection: 'commitments',
      doc: { id: `c-${i}`, forumId: `f-${i % 40}`, dueDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-01`, status: i % 3 ? 'active' : 'closed' },
    }));

  const tables = (): string[] => {
    const db = new Database(file, { readonly: true });
    try {
      return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB 'g[0-9]*' ORDER BY name").all() as Array<{ name: string }>).map(
        (row) => row.name,
      );
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ikrar-rs-embedded-'));
    file = join(dir, 'read-models.sqlite');
  });

  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('indexes', () => {
    const filteredAndSorted = {
      where: [{ field: 'forumId', op: 'eq' as const, value: 'f-1' }],
      sort: [{ field: 'dueDate', direction: 'asc' as const }],
    };

    it('a filtered and sorted query reads the declared index, in order (no sorting step)', async () => {
      const store = open();
      await store.ensureIndexes([{ collection: 'commitments', fields: ['forumId', 'dueDate'] }]);
      const g = await store.activeGeneration();
      await store.commit(g, 'ledger', commitments(500), 1);

      const plan = store.explainFind(g, 'commitments', filteredAndSorted);

      expect(plan.join('\n')).toMatch(/USING INDEX ix:g\d+_commitments:forumId,dueDate/);
      expect(plan.join('\n')).not.toMatch(/TEMP B-TREE/);
      const second = await store.find(g, 'commitments', { ...filteredAndSorted, limit: 3 });
      expect(store.explainFind(g, 'commitments', { ...filteredAndSorted, cursor: second.nextCursor }).join('\n')).toMatch(/USING INDEX/);
    });

    it('without a declared index the same query scans the table (the index test above means something)', async () => {
      const store = open();
      const g = await store.activeGeneration();
      await store.commit(g, 'ledger', commitments(50), 1);

      expect(store.explainFind(g, 'commitments', filteredAndSorted).join('\n')).toMatch(/SCAN g\d+_commitments/);
    });

    it('declared indexes reach generations created later and ones created before the declaration', async () => {
      const store = open();
      await store.ensureIndexes([{ collection: 'commitments', fields: ['forumId', 'dueDate'] }]);
      const later = await store.createGeneration();
      await store.ensureIndexes([{ collection: 'commitments', fields: ['status'] }]);
      const latest = await store.createGeneration();

      for (const g of [await store.activeGeneration(), later, latest]) {
        await store.commit(g, 'ledger', commitments(100), 1);
        expect(store.explainFind(g, 'commitments', filteredAndSorted).join('\n')).toMatch(/USING INDEX ix:g\d+_commitments:forumId,dueDate/);
        expect(store.explainFind(g, 'commitments', { where: [{ field: 'status', op: 'eq', value: 'active' }] }).join('\n')).toMatch(
          /USING INDEX ix:g\d+_commitments:status/,
        );
      }
    });

    it('a collection first written after the declaration gets its index when its table is created', async () => {
      const store = open();
      const g = await store.activeGeneration();
      await store.ensureIndexes([{ collection: 'reports', fields: ['status'] }]);
      await store.commit(g, 'ledger', [{ op: 'upsert', collection: 'reports', doc: { id: 'r', status: 'submitted' } }], 1);

      expect(store.explainFind(g, 'reports', { where: [{ field: 'status', op: 'eq', value: 'submitted' }] }).join('\n')).toMatch(/USING INDEX/);
    });
  });

  describe('planner statistics', () => {
    /** A province-sized forum list: 12 forums of 250 commitments, 300 partners with 10 each, 3 programmes. */
    const province = (): DocumentChange[] =>
      Array.from({ length: 3000 }, (_, i) => ({
        op: 'upsert',
        collection: 'commitments',
        doc: { id: `c-${i}`, forumId: `f-${i % 12}`, partnerId: `p-${i % 300}`, programme: ['stunting', 'phbs', 'posyandu'][i % 3], dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-01`, valueRupiah: i * 1000 },
      }));
    const indexes = [
      { collection: 'commitments', fields: ['partnerId', 'dueDate'] },
      { collection: 'commitments', fields: ['forumId', 'programme', 'dueDate'] },
    ];
    /** The indexes of a table that have planner statistics, as another connection reads them. */
    const analyzedIndexes = (table: string): string[] => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT idx FROM sqlite_stat1 WHERE tbl = ? ORDER BY idx').pluck().all(table) as string[];
      } finally {
        db.close();
      }
    };
    /** A secretariat's question: one partner's commitments within its forum, largest first. */
    const partnerInForum = {
      where: [
        { field: 'forumId', op: 'eq' as const, value: 'f-1' },
        { field: 'partnerId', op: 'eq' as const, value: 'p-1' },
      ],
      sort: [{ field: 'valueRupiah', direction: 'desc' as const }],
    };

    it('an activated generation is analyzed: a partner within a forum is found through the partner, not the whole forum', async () => {
      const store = open();
      await store.ensureIndexes(indexes);
      const next = await store.createGeneration({ deferIndexes: true });
      await store.commit(next, 'ledger', province(), 1);
      await store.activateGeneration(next);

      expect(store.explainFind(next, 'commitments', partnerInForum).join('\n')).toMatch(/USING INDEX ix:g\d+_commitments:partnerId,dueDate/);
      expect(analyzedIndexes(`g${next}_commitments`)).toEqual(
        expect.arrayContaining([`ix:g${next}_commitments:forumId,programme,dueDate`, `ix:g${next}_commitments:partnerId,dueDate`]),
      );
    });

    it('a store opened on tables another process filled analyzes them as it opens', async () => {
      const writer = SqliteReadStore.open({ file, writeBehind: false });
      await writer.ensureIndexes(indexes);
      const g = await writer.activeGeneration();
      await writer.commit(g, 'ledger', province(), 1);
      await writer.close();

      open();
      expect(analyzedIndexes(`g${g}_commitments`)).toEqual(
        expect.arrayContaining([`ix:g${g}_commitments:forumId,programme,dueDate`, `ix:g${g}_commitments:partnerId,dueDate`]),
      );
    });
  });

  describe('generations on disk', () => {
    it('activation drops the older generations tables in the same step', async () => {
      const store = open();
      const g = await store.activeGeneration();
      await store.commit(g, 'ledger', commitments(3), 1);
      const next = await store.createGeneration();
      await store.commit(next, 'ledger', commitments(3), 1);
      expect(tables()).toEqual([`g${g}_commitments`, `g${next}_commitments`]);

      await store.activateGeneration(next);

      expect(tables()).toEqual([`g${next}_commitments`]);
    });

    it('a reader of another process that is mid-read when the generation switches finishes on its snapshot', async () => {
      const store = open();
      const g = await store.activeGeneration();
      await store.commit(g, 'ledger', commitments(10), 1);
      const reader = new Database(file, { readonly: true });
      try {
        reader.exec('BEGIN');
        const count = () => (reader.prepare(`SELECT count(*) AS n FROM "g${g}_commitments"`).get() as { n: number }).n;
        expect(count()).toBe(10);

        const next = await store.createGeneration();
        await store.activateGeneration(next);

        expect(count()).toBe(10);
        reader.exec('COMMIT');
      } finally {
        reader.close();
      }
    });

    it('the API and a separate projector can share the file: commits and activations are seen by both', async () => {
      const api = open();
      const projector = open();
      const g = await projector.activeGeneration();
      await projector.commit(g, 'ledger', commitments(5), 7);
      expect(await api.all(g, 'commitments')).toHaveLength(5);
      expect((await api.checkpoint(g, 'ledger')).position).toBe(7);

      const next = await projector.createGeneration();
      await projector.commit(next, 'ledger', commitments(2), 7);
      await projector.activateGeneration(next);

      expect(await api.activeGeneration()).toBe(next);
      await expect(api.find(g, 'commitments', {})).rejects.toBeInstanceOf(GenerationGoneError);
      expect(await api.all(next, 'commitments')).toHaveLength(2);
    });
  });

  it('openReadStore without a MongoDB URL opens read-models.sqlite in the data directory', async () => {
    const store = await openReadStore({ mongodbUrl: null, dataDir: join(dir, 'data') });
    opened.push(store);

    expect(store).toBeInstanceOf(SqliteReadStore);
    expect((store as SqliteReadStore).file).toBe(join(dir, 'data', 'read-models.sqlite'));
  });

  it('uses WAL so readers never block the projector', async () => {
    open();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });
});
