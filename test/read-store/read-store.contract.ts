import {
  DocumentChange,
  FieldFilter,
  GenerationGoneError,
  InvalidCursorError,
  InvalidQueryError,
  ProjectionFailure,
  ReadDocument,
  ReadStore,
  SortKey,
} from '@ikrar/read-store';

/** Storage for one test: `open()` may be called again after closing a store and sees the same data. */
export interface ReadStoreHarness {
  open(): Promise<ReadStore>;
  /** Closes every store this harness opened and removes its storage. */
  teardown(): Promise<void>;
}

/**
 * The behaviour every ReadStore adapter must show. Callers (the projector, the query handlers) rely on
 * exactly this; anything an adapter does beyond it (how it stores, which indexes) is tested per adapter.
 */
export function describeReadStoreContract(adapterName: string, factory: () => Promise<ReadStoreHarness>): void {
  describe(`ReadStore contract: ${adapterName}`, () => {
    let harness: ReadStoreHarness;
    let store: ReadStore;
    let g: number;

    beforeEach(async () => {
      harness = await factory();
      store = await harness.open();
      g = await store.activeGeneration();
    });

    afterEach(async () => {
      await harness.teardown();
    });

    const upserts = (collection: string, docs: ReadDocument[]): DocumentChange[] => docs.map((doc) => ({ op: 'upsert', collection, doc }));

    describe('documents', () => {
      it('stores a document and gives it back exactly, nested values included', async () => {
        const doc = {
          id: 'c-1',
          title: 'Klinik keliling, Lombok Timur',
          quantity: 12,
          ratio: 0.125,
          active: true,
          closedOn: null,
          tags: ['kesehatan', 'ibu'],
          milestones: [{ milestoneId: 'm-1', metOn: null }],
          nested: { deep: { value: 'é ü 漢字' } },
        };
        await store.commit(g, 'ledger', upserts('commitments', [doc]), 1);

        expect(await store.get(g, 'commitments', 'c-1')).toEqual(doc);
      });

      it('returns null for a missing document and for a collection never written', async () => {
        await store.commit(g, 'ledger', upserts('commitments', [{ id: 'c-1' }]), 1);

        expect(await store.get(g, 'commitments', 'nope')).toBeNull();
        expect(await store.get(g, 'neverWritten', 'c-1')).toBeNull();
        expect(await store.find(g, 'neverWritten', {})).toEqual({ items: [], nextCursor: null });
        expect(await store.all(g, 'neverWritten')).toEqual([]);
        expect(await store.getMany(g, 'neverWritten', ['c-1'])).toEqual([]);
      });

      it('an upsert replaces the whole document: fields it no longer has are gone', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'Old', sector: 'health' }]), 1);
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'New' }]), 2);

        expect(await store.get(g, 'partners', 'p')).toEqual({ id: 'p', name: 'New' });
      });

      it('drops undefined fields, as JSON does', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'A', gone: undefined }]), 1);

        expect(await store.get(g, 'partners', 'p')).toEqual({ id: 'p', name: 'A' });
        expect(Object.keys((await store.get(g, 'partners', 'p'))!)).not.toContain('gone');
      });

      it('deletes a document; deleting a missing one (or in an unknown collection) is harmless', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p1' }, { id: 'p2' }]), 1);

        await store.commit(
          g,
          'ledger',
          [
            { op: 'delete', collection: 'partners', id: 'p1' },
            { op: 'delete', collection: 'partners', id: 'missing' },
            { op: 'delete', collection: 'neverWritten', id: 'x' },
          ],
          2,
        );

        expect(await store.get(g, 'partners', 'p1')).toBeNull();
        expect(await store.all(g, 'partners')).toEqual([{ id: 'p2' }]);
      });

      it('applies the changes of one commit in order', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'kept' }]), 1);

        await store.commit(
          g,
          'ledger',
          [
            { op: 'upsert', collection: 'partners', doc: { id: 'a', v: 1 } },
            { op: 'delete', collection: 'partners', id: 'a' },
            { op: 'delete', collection: 'partners', id: 'kept' },
            { op: 'upsert', collection: 'partners', doc: { id: 'kept', v: 2 } },
            { op: 'upsert', collection: 'partners', doc: { id: 'b', v: 1 } },
            { op: 'upsert', collection: 'partners', doc: { id: 'b', v: 2 } },
          ],
          2,
        );

        expect(await store.all(g, 'partners')).toEqual([
          { id: 'b', v: 2 },
          { id: 'kept', v: 2 },
        ]);
      });

      it('keeps collections apart: the same id in two collections is two documents', async () => {
        await store.commit(g, 'ledger', [...upserts('partners', [{ id: 'x', kind: 'partner' }]), ...upserts('forums', [{ id: 'x', kind: 'forum' }])], 1);

        expect(await store.get(g, 'partners', 'x')).toEqual({ id: 'x', kind: 'partner' });
        expect(await store.get(g, 'forums', 'x')).toEqual({ id: 'x', kind: 'forum' });
      });

      it('getMany returns the found documents in the order asked, each once, and skips missing ids', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'a' }, { id: 'b' }, { id: 'c' }]), 1);

        expect(await store.getMany(g, 'partners', ['c', 'missing', 'a', 'c'])).toEqual([{ id: 'c' }, { id: 'a' }]);
        expect(await store.getMany(g, 'partners', [])).toEqual([]);
      });

      it('all() returns every document ordered by id', async () => {
        const ids = Array.from({ length: 30 }, (_, i) => `doc-${String(29 - i).padStart(2, '0')}`);
        await store.commit(g, 'ledger', upserts('partners', ids.map((id) => ({ id }))), 1);

        expect((await store.all(g, 'partners')).map((d) => d.id)).toEqual([...ids].sort());
      });

      it('refuses documents a store cannot keep faithfully', async () => {
        for (const bad of [{ id: '' }, { id: 5 }, { name: 'no id' }, { id: 'x', _id: 'y' }, { id: 'x', _position: 1 }]) {
          await expect(store.commit(g, 'ledger', [{ op: 'upsert', collection: 'partners', doc: bad as unknown as ReadDocument }], 1)).rejects.toBeInstanceOf(
            InvalidQueryError,
          );
        }
        for (const collection of ['', 'has space', 'g1;drop', '$cmd', 'a.b']) {
          await expect(store.commit(g, 'ledger', upserts(collection, [{ id: 'x' }]), 1)).rejects.toBeInstanceOf(InvalidQueryError);
        }
      });
    });

    describe('commit and checkpoint', () => {
      it('has no checkpoint before the first commit, then the committed position', async () => {
        expect(await store.checkpoint(g, 'ledger')).toEqual({ projection: 'ledger', position: null, updatedAt: null });

        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p' }]), 42);

        const checkpoint = await store.checkpoint(g, 'ledger');
        expect(checkpoint.position).toBe(42);
        expect(checkpoint.updatedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
      });

      it('keeps one checkpoint per projection', async () => {
        await store.commit(g, 'ledger', [], 10);
        await store.commit(g, 'roles', [], 7);

        expect((await store.checkpoint(g, 'ledger')).position).toBe(10);
        expect((await store.checkpoint(g, 'roles')).position).toBe(7);
      });

      it('moves the checkpoint with no changes at all (a batch of events the projection ignores)', async () => {
        await store.commit(g, 'ledger', [], 5);

        expect((await store.checkpoint(g, 'ledger')).position).toBe(5);
      });

      it('a commit with one bad change writes nothing: documents and checkpoint stay as they were', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', name: 'Before' }]), 3);

        const bad: DocumentChange[] = [
          { op: 'upsert', collection: 'partners', doc: { id: 'p', name: 'After' } },
          { op: 'upsert', collection: 'partners', doc: { id: 'new' } },
          { op: 'upsert', collection: 'partners', doc: { name: 'no id' } as unknown as ReadDocument },
        ];
        await expect(store.commit(g, 'ledger', bad, 5)).rejects.toBeInstanceOf(InvalidQueryError);

        expect(await store.all(g, 'partners')).toEqual([{ id: 'p', name: 'Before' }]);
        expect((await store.checkpoint(g, 'ledger')).position).toBe(3);
      });

      it('replaying a commit at the same position leaves the same documents and checkpoint', async () => {
        const changes: DocumentChange[] = [
          ...upserts('partners', [{ id: 'a', position: 8, n: 1 }, { id: 'b', position: 9, n: 2 }]),
          { op: 'delete', collection: 'partners', id: 'gone' },
        ];
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'gone', position: 2 }]), 2);
        await store.commit(g, 'ledger', changes, 9);
        const before = await store.all(g, 'partners');

        await store.commit(g, 'ledger', changes, 9);

        expect(await store.all(g, 'partners')).toEqual(before);
        expect(before).toEqual([
          { id: 'a', position: 8, n: 1 },
          { id: 'b', position: 9, n: 2 },
        ]);
        expect((await store.checkpoint(g, 'ledger')).position).toBe(9);
      });

      it('ignores a commit at or below the checkpoint (a replayed batch), so nothing moves back', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', position: 10, name: 'Current' }]), 10);

        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', position: 6, name: 'Stale' }, { id: 'q', position: 6 }]), 6);

        expect(await store.all(g, 'partners')).toEqual([{ id: 'p', position: 10, name: 'Current' }]);
        expect((await store.checkpoint(g, 'ledger')).position).toBe(10);
      });

      it('refuses a position that is not a non-negative integer', async () => {
        for (const position of [-1, 1.5, Number.NaN]) {
          await expect(store.commit(g, 'ledger', [], position)).rejects.toBeInstanceOf(InvalidQueryError);
        }
      });
    });

    describe('projection failures', () => {
      const failure = (projection: string, globalPosition: number, eventType = 'Unknown'): ProjectionFailure => ({
        projection,
        globalPosition,
        eventId: `event-${globalPosition}`,
        eventType,
        error: `unknown event type ${eventType}`,
        failedAt: '2025-03-01T02:03:04.000Z',
      });

      it('records failures with the batch and lists them by position, per projection or all', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p' }]), 12, [failure('ledger', 11), failure('ledger', 4)]);
        await store.commit(g, 'roles', [], 12, [failure('roles', 7, 'Weird')]);

        expect(await store.failures(g, 'ledger')).toEqual([failure('ledger', 4), failure('ledger', 11)]);
        expect(await store.failures(g, 'roles')).toEqual([failure('roles', 7, 'Weird')]);
        expect((await store.failures(g)).map((f) => [f.projection, f.globalPosition])).toEqual([
          ['ledger', 4],
          ['roles', 7],
          ['ledger', 11],
        ]);
      });

      it('records a replayed failure once', async () => {
        await store.commit(g, 'ledger', [], 5, [failure('ledger', 5)]);
        await store.commit(g, 'ledger', [], 5, [failure('ledger', 5)]);

        expect(await store.failures(g, 'ledger')).toEqual([failure('ledger', 5)]);
      });

      it('a refused commit records no failure', async () => {
        const bad = [{ op: 'upsert', collection: 'partners', doc: { nope: true } }] as unknown as DocumentChange[];
        await expect(store.commit(g, 'ledger', bad, 5, [failure('ledger', 5)])).rejects.toBeInstanceOf(InvalidQueryError);

        expect(await store.failures(g)).toEqual([]);
      });
    });

    describe('find: filters', () => {
      const docs: ReadDocument[] = [
        { id: 'a', name: 'Alpha', regionCode: '52', quantity: 10, active: true, meta: { level: 1, tag: 'x' }, note: '100% sure_thing' },
        { id: 'b', name: 'beta', regionCode: '52.71', quantity: 20, active: false, meta: { level: 2 }, note: 'a.b*c' },
        { id: 'c', name: 'Gamma', regionCode: '521', quantity: 5, active: null, meta: {}, note: null },
        { id: 'd', name: 'delta', regionCode: '52.71.05', quantity: '20', meta: { level: '2' }, note: '(x)[y]{z}|^$\\ +?' },
        { id: 'e', name: 'Epsilon', regionCode: '53', quantity: 1, meta: null },
        { id: 'f', name: 'ÉCOLE café', regionCode: '5', quantity: 20.5, active: 1, note: 'Line\nbreak' },
        { id: 'g', name: 42, regionCode: '52x', quantity: null, active: 'true', note: 'x.y' },
      ];
      const idsWhere = async (...where: FieldFilter[]): Promise<string[]> =>
        (await store.find(g, 'items', { where, limit: 500 })).items.map((doc) => doc.id).sort();

      beforeEach(async () => {
        await store.commit(g, 'ledger', upserts('items', docs), 1);
      });

      it('eq compares type-strictly and case-sensitively', async () => {
        expect(await idsWhere({ field: 'name', op: 'eq', value: 'beta' })).toEqual(['b']);
        expect(await idsWhere({ field: 'name', op: 'eq', value: 'Beta' })).toEqual([]);
        expect(await idsWhere({ field: 'quantity', op: 'eq', value: 20 })).toEqual(['b']);
        expect(await idsWhere({ field: 'quantity', op: 'eq', value: '20' })).toEqual(['d']);
        expect(await idsWhere({ field: 'quantity', op: 'eq', value: 20.5 })).toEqual(['f']);
        expect(await idsWhere({ field: 'active', op: 'eq', value: true })).toEqual(['a']);
        expect(await idsWhere({ field: 'active', op: 'eq', value: false })).toEqual(['b']);
        expect(await idsWhere({ field: 'active', op: 'eq', value: 1 })).toEqual(['f']);
        expect(await idsWhere({ field: 'id', op: 'eq', value: 'c' })).toEqual(['c']);
      });

      it('eq null matches a null or a missing field; ne null the fields that hold a value', async () => {
        expect(await idsWhere({ field: 'active', op: 'eq', value: null })).toEqual(['c', 'd', 'e']);
        expect(await idsWhere({ field: 'active', op: 'ne', value: null })).toEqual(['a', 'b', 'f', 'g']);
        expect(await idsWhere({ field: 'note', op: 'eq', value: null })).toEqual(['c', 'e']);
      });

      it('ne also matches documents without the field, and other types', async () => {
        expect(await idsWhere({ field: 'active', op: 'ne', value: true })).toEqual(['b', 'c', 'd', 'e', 'f', 'g']);
        expect(await idsWhere({ field: 'quantity', op: 'ne', value: 20 })).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
        expect(await idsWhere({ field: 'name', op: 'ne', value: 'beta' })).toEqual(['a', 'c', 'd', 'e', 'f', 'g']);
      });

      it('ranges compare numbers with numbers and strings with strings only', async () => {
        expect(await idsWhere({ field: 'quantity', op: 'lt', value: 10 })).toEqual(['c', 'e']);
        expect(await idsWhere({ field: 'quantity', op: 'lte', value: 10 })).toEqual(['a', 'c', 'e']);
        expect(await idsWhere({ field: 'quantity', op: 'gt', value: 10 })).toEqual(['b', 'f']);
        expect(await idsWhere({ field: 'quantity', op: 'gte', value: 20 })).toEqual(['b', 'f']);
        expect(await idsWhere({ field: 'quantity', op: 'gte', value: '0' })).toEqual(['d']);
        // Binary order: upper case before lower case, 'É' after every ASCII letter.
        expect(await idsWhere({ field: 'name', op: 'gt', value: 'beta' })).toEqual(['d', 'f']);
        expect(await idsWhere({ field: 'name', op: 'lt', value: 'beta' })).toEqual(['a', 'c', 'e']);
        expect(await idsWhere({ field: 'name', op: 'lte', value: 'beta' })).toEqual(['a', 'b', 'c', 'e']);
      });

      it('in matches any of the values, type-strictly; an empty list matches nothing', async () => {
        expect(await idsWhere({ field: 'regionCode', op: 'in', values: ['52', '53'] })).toEqual(['a', 'e']);
        expect(await idsWhere({ field: 'quantity', op: 'in', values: [5, 20] })).toEqual(['b', 'c']);
        expect(await idsWhere({ field: 'quantity', op: 'in', values: ['20', 1] })).toEqual(['d', 'e']);
        expect(await idsWhere({ field: 'quantity', op: 'in', values: [] })).toEqual([]);
      });

      it('prefix matches a region code and the codes under it, not codes that merely start alike', async () => {
        expect(await idsWhere({ field: 'regionCode', op: 'prefix', value: '52' })).toEqual(['a', 'b', 'd']);
        expect(await idsWhere({ field: 'regionCode', op: 'prefix', value: '52.71' })).toEqual(['b', 'd']);
        expect(await idsWhere({ field: 'regionCode', op: 'prefix', value: '5' })).toEqual(['f']);
        expect(await idsWhere({ field: 'regionCode', op: 'prefix', value: '52.7' })).toEqual([]);
        expect(await idsWhere({ field: 'regionCode', op: 'prefix', value: '9' })).toEqual([]);
      });

      it('prefix takes its value literally, wildcards and regex characters included', async () => {
        await store.commit(g, 'ledger', upserts('codes', [{ id: '1', code: 'a_b.c' }, { id: '2', code: 'axb.c' }, { id: '3', code: 'a%b' }, { id: '4', code: 'a.b.c' }]), 2);
        const codes = async (value: string) => (await store.find(g, 'codes', { where: [{ field: 'code', op: 'prefix', value }] })).items.map((d) => d.id);

        expect(await codes('a_b')).toEqual(['1']);
        expect(await codes('a%')).toEqual([]);
        expect(await codes('a%b')).toEqual(['3']);
        expect(await codes('a.b')).toEqual(['4']);
        expect(await codes('a.')).toEqual([]);
      });

      it('contains is a case-insensitive substring match', async () => {
        expect(await idsWhere({ field: 'name', op: 'contains', value: 'ALP' })).toEqual(['a']);
        expect(await idsWhere({ field: 'name', op: 'contains', value: 'ta' })).toEqual(['b', 'd']);
        expect(await idsWhere({ field: 'name', op: 'contains', value: 'école' })).toEqual(['f']);
        expect(await idsWhere({ field: 'name', op: 'contains', value: 'CAFÉ' })).toEqual(['f']);
        expect(await idsWhere({ field: 'name', op: 'contains', value: '4' })).toEqual([]);
      });

      it('contains takes %, _ and regex metacharacters literally', async () => {
        expect(await idsWhere({ field: 'note', op: 'contains', value: '%' })).toEqual(['a']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '100%' })).toEqual(['a']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '_' })).toEqual(['a']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '.' })).toEqual(['b', 'g']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '.*' })).toEqual([]);
        expect(await idsWhere({ field: 'note', op: 'contains', value: 'a.b*c' })).toEqual(['b']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '(x)[y]{z}|^$\\ +?' })).toEqual(['d']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '^' })).toEqual(['d']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: '$' })).toEqual(['d']);
        expect(await idsWhere({ field: 'note', op: 'contains', value: 'line\nBREAK' })).toEqual(['f']);
      });

      it('reaches into nested objects with dotted fields', async () => {
        expect(await idsWhere({ field: 'meta.level', op: 'eq', value: 2 })).toEqual(['b']);
        expect(await idsWhere({ field: 'meta.level', op: 'eq', value: '2' })).toEqual(['d']);
        expect(await idsWhere({ field: 'meta.level', op: 'gte', value: 1 })).toEqual(['a', 'b']);
        expect(await idsWhere({ field: 'meta.tag', op: 'eq', value: 'x' })).toEqual(['a']);
        expect(await idsWhere({ field: 'meta.level', op: 'eq', value: null })).toEqual(['c', 'e', 'f', 'g']);
      });

      it('all filters must hold', async () => {
        expect(await idsWhere({ field: 'regionCode', op: 'prefix', value: '52' }, { field: 'quantity', op: 'gt', value: 10 })).toEqual(['b']);
        expect(
          await idsWhere({ field: 'regionCode', op: 'prefix', value: '52' }, { field: 'note', op: 'contains', value: 'SURE' }, { field: 'active', op: 'eq', value: true }),
        ).toEqual(['a']);
      });

      it('refuses operator-shaped input: objects as values, $ in field names, unknown ops', async () => {
        const refused: unknown[] = [
          { field: 'name', op: 'eq', value: { $ne: 'x' } },
          { field: 'name', op: 'in', values: [{ $gt: '' }] },
          { field: 'name', op: 'in', values: 'abc' },
          { field: '$where', op: 'eq', value: 'x' },
          { field: 'name.$ne', op: 'eq', value: 'x' },
          { field: 'a..b', op: 'eq', value: 'x' },
          { field: 'name', op: 'regex', value: '.*' },
          { field: 'name', op: 'lt', value: null },
          { field: 'name', op: 'gt', value: true },
          { field: 'name', op: 'contains', value: 5 },
        ];
        for (const filter of refused) {
          await expect(store.find(g, 'items', { where: [filter as FieldFilter] })).rejects.toBeInstanceOf(InvalidQueryError);
        }
        await expect(store.find(g, 'items', { sort: [{ field: '$natural', direction: 'asc' }] })).rejects.toBeInstanceOf(InvalidQueryError);
        await expect(store.find(g, 'items', { sort: [{ field: 'name', direction: 'up' as 'asc' }] })).rejects.toBeInstanceOf(InvalidQueryError);
      });
    });

    describe('find: sort', () => {
      const docs: ReadDocument[] = [
        { id: 'r1', score: 3, label: 'mango' },
        { id: 'r2', score: 1, label: 'apple' },
        { id: 'r3', score: null, label: 'kiwi' },
        { id: 'r4', score: 3, label: 'apple' },
        { id: 'r5', label: 'banana' },
        { id: 'r0', score: 2.5, label: 'mango' },
        { id: 'r6', score: 1, label: 'Zebra' },
      ];
      const order = async (sort: SortKey[]): Promise<string[]> => (await store.find(g, 'rows', { sort })).items.map((d) => d.id);

      beforeEach(async () => {
        await store.commit(g, 'ledger', upserts('rows', docs), 1);
      });

      it('orders by id when no sort is given', async () => {
        expect(await order([])).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
      });

      it('sorts numbers ascending and descending, ties broken by id ascending, null and missing lowest', async () => {
        expect(await order([{ field: 'score', direction: 'asc' }])).toEqual(['r3', 'r5', 'r2', 'r6', 'r0', 'r1', 'r4']);
        expect(await order([{ field: 'score', direction: 'desc' }])).toEqual(['r1', 'r4', 'r0', 'r2', 'r6', 'r3', 'r5']);
      });

      it('sorts strings by binary order, ties broken by id ascending', async () => {
        expect(await order([{ field: 'label', direction: 'asc' }])).toEqual(['r6', 'r2', 'r4', 'r5', 'r3', 'r0', 'r1']);
        expect(await order([{ field: 'label', direction: 'desc' }])).toEqual(['r0', 'r1', 'r3', 'r5', 'r2', 'r4', 'r6']);
      });

      it('sorts by several keys in mixed directions', async () => {
        expect(await order([{ field: 'label', direction: 'asc' }, { field: 'score', direction: 'desc' }])).toEqual(['r6', 'r4', 'r2', 'r5', 'r3', 'r1', 'r0']);
      });

      it('an explicit id sort is honoured in either direction', async () => {
        expect(await order([{ field: 'id', direction: 'desc' }])).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
      });
    });

    describe('find: pagination', () => {
      const COUNT = 1234;
      const labels = ['Ambon', 'bima', 'Dompu', 'Ende', 'kupang', 'Mataram', 'sumbawa'];
      const docs: ReadDocument[] = Array.from({ length: COUNT }, (_, i) => {
        const doc: Record<string, unknown> = { id: `doc-${String((i * 7919) % COUNT).padStart(4, '0')}`, n: i % 17, weight: (i * 31) % 101 / 4 };
        if (i % 11 !== 0) doc.label = labels[i % labels.length];
        else if (i % 2 === 0) doc.label = null;
        if (i % 5 === 0) doc.group = { rank: i % 3 };
        return doc as ReadDocument;
      });

      beforeEach(async () => {
        await store.commit(g, 'ledger', upserts('many', docs), 1);
      });

      const sorts: Array<{ name: string; sort: SortKey[]; where?: FieldFilter[] }> = [
        { name: 'by id (default)', sort: [] },
        { name: 'by a number with many ties, ascending', sort: [{ field: 'n', direction: 'asc' }] },
        { name: 'by a string with nulls and missing values, descending', sort: [{ field: 'label', direction: 'desc' }] },
        { name: 'by a string with nulls, ascending', sort: [{ field: 'label', direction: 'asc' }] },
        { name: 'by a nested field that is mostly missing, descending', sort: [{ field: 'group.rank', direction: 'desc' }] },
        { name: 'by two keys in mixed directions', sort: [{ field: 'n', direction: 'desc' }, { field: 'label', direction: 'asc' }] },
        { name: 'by a fractional number, filtered', sort: [{ field: 'weight', direction: 'asc' }], where: [{ field: 'n', op: 'lt', value: 9 }] },
      ];

      for (const { name, sort, where } of sorts) {
        it(`visits every document exactly once, in order, page by page: ${name}`, async () => {
          const expected = docs
            .filter((doc) => !where || (doc.n as number) < 9)
            .sort((x, y) => compareBySort(x, y, sort))
            .map((doc) => doc.id);
          const visited: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: { items: ReadDocument[]; nextCursor: string | null } = await store.find(g, 'many', { where, sort, limit: 100, cursor });
            expect(page.items.length).toBeLessThanOrEqual(100);
            visited.push(...page.items.map((doc) => doc.id));
            cursor = page.nextCursor;
            pages += 1;
          } while (cursor !== null && pages < 100);

          expect(visited).toEqual(expected);
          expect(new Set(visited).size).toBe(visited.length);
          expect(pages).toBe(Math.ceil(expected.length / 100));
        });
      }

      it('the last page has no cursor, also when it is exactly full', async () => {
        const zeros = docs.filter((doc) => doc.n === 0).length;
        const where: FieldFilter[] = [{ field: 'n', op: 'eq', value: 0 }];

        expect((await store.find(g, 'many', { where, limit: zeros })).nextCursor).toBeNull();
        const short = await store.find(g, 'many', { where, limit: zeros - 1 });
        expect(short.nextCursor).not.toBeNull();
        const rest = await store.find(g, 'many', { where, limit: zeros, cursor: short.nextCursor });
        expect(rest.items).toHaveLength(1);
        expect(rest.nextCursor).toBeNull();
      });

      it('pages hold 50 documents by default and at most 500', async () => {
        expect((await store.find(g, 'many', {})).items).toHaveLength(50);
        expect((await store.find(g, 'many', { limit: 10_000 })).items).toHaveLength(500);
        expect((await store.find(g, 'many', { limit: 7 })).items).toHaveLength(7);
        for (const limit of [0, -1, 2.5]) {
          await expect(store.find(g, 'many', { limit })).rejects.toBeInstanceOf(InvalidQueryError);
        }
      });

      it('refuses a malformed cursor, or one issued for another sort, with InvalidCursorError', async () => {
        const issued = (await store.find(g, 'many', { sort: [{ field: 'n', direction: 'asc' }], limit: 5 })).nextCursor!;
        const b64 = (text: string) => Buffer.from(text).toString('base64url');
        const malformed = [
          'not a cursor!',
          '%%%',
          b64('not json'),
          b64('[]'),
          b64('{"s":"n:asc,id:asc","v":[],"id":"doc-0001"}'),
          b64('{"s":"n:asc,id:asc","v":[{"$gt":""}],"id":"doc-0001"}'),
          b64('{"s":"n:asc,id:asc","v":[1],"id":5}'),
          issued.slice(0, -3),
          'x'.repeat(40_000),
        ];
        for (const cursor of malformed) {
          await expect(store.find(g, 'many', { sort: [{ field: 'n', direction: 'asc' }], cursor })).rejects.toBeInstanceOf(InvalidCursorError);
        }
        await expect(store.find(g, 'many', { sort: [{ field: 'n', direction: 'desc' }], cursor: issued })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.find(g, 'many', { cursor: issued })).rejects.toBeInstanceOf(InvalidCursorError);
        expect((await store.find(g, 'many', { sort: [{ field: 'n', direction: 'asc' }], cursor: issued, limit: 5 })).items).toHaveLength(5);
      });
    });

    describe('generations', () => {
      it('creates numbered, empty generations above every existing one', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p' }]), 5);

        const next = await store.createGeneration();
        const after = await store.createGeneration();

        expect(next).toBeGreaterThan(g);
        expect(after).toBeGreaterThan(next);
        expect(await store.activeGeneration()).toBe(g);
        expect(await store.all(next, 'partners')).toEqual([]);
        expect(await store.checkpoint(next, 'ledger')).toEqual({ projection: 'ledger', position: null, updatedAt: null });
      });

      it('keeps the documents, checkpoints and failures of generations apart', async () => {
        const next = await store.createGeneration();
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', v: 'old' }]), 5);
        await store.commit(next, 'ledger', upserts('partners', [{ id: 'p', v: 'new' }]), 3, [
          { projection: 'ledger', globalPosition: 2, eventId: 'e2', eventType: 'X', error: 'bad', failedAt: '2025-01-01T00:00:00.000Z' },
        ]);

        expect(await store.get(g, 'partners', 'p')).toEqual({ id: 'p', v: 'old' });
        expect(await store.get(next, 'partners', 'p')).toEqual({ id: 'p', v: 'new' });
        expect((await store.checkpoint(g, 'ledger')).position).toBe(5);
        expect((await store.checkpoint(next, 'ledger')).position).toBe(3);
        expect(await store.failures(g)).toEqual([]);
        expect(await store.failures(next)).toHaveLength(1);
      });

      it('activating a filled generation switches readers over and drops the older one', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p', v: 'old' }]), 5, [
          { projection: 'ledger', globalPosition: 4, eventId: 'e4', eventType: 'X', error: 'bad', failedAt: '2025-01-01T00:00:00.000Z' },
        ]);
        const next = await store.createGeneration();
        await store.commit(next, 'ledger', upserts('partners', [{ id: 'p', v: 'new' }]), 5);

        await store.activateGeneration(next);

        expect(await store.activeGeneration()).toBe(next);
        expect(await store.get(next, 'partners', 'p')).toEqual({ id: 'p', v: 'new' });
        const gone: Array<() => Promise<unknown>> = [
          () => store.get(g, 'partners', 'p'),
          () => store.getMany(g, 'partners', ['p']),
          () => store.find(g, 'partners', {}),
          () => store.all(g, 'partners'),
          () => store.checkpoint(g, 'ledger'),
          () => store.failures(g),
          () => store.commit(g, 'ledger', upserts('partners', [{ id: 'late' }]), 9),
        ];
        for (const read of gone) await expect(read()).rejects.toBeInstanceOf(GenerationGoneError);
      });

      it('a commit to the dropped generation does not bring it back', async () => {
        const next = await store.createGeneration();
        await store.activateGeneration(next);

        await expect(store.commit(g, 'ledger', upserts('partners', [{ id: 'late' }]), 9)).rejects.toBeInstanceOf(GenerationGoneError);

        await expect(store.all(g, 'partners')).rejects.toBeInstanceOf(GenerationGoneError);
        expect(await store.all(next, 'partners')).toEqual([]);
      });

      it('drops every generation older than the activated one, also unfinished ones', async () => {
        const abandoned = await store.createGeneration();
        await store.commit(abandoned, 'ledger', upserts('partners', [{ id: 'half' }]), 2);
        const next = await store.createGeneration();

        await store.activateGeneration(next);

        await expect(store.all(abandoned, 'partners')).rejects.toBeInstanceOf(GenerationGoneError);
        expect(await store.createGeneration()).toBeGreaterThan(next);
      });

      it('activating the active generation again changes nothing; an older or dropped one is refused', async () => {
        await store.commit(g, 'ledger', upserts('partners', [{ id: 'p' }]), 1);
        await store.activateGeneration(g);
        expect(await store.get(g, 'partners', 'p')).toEqual({ id: 'p' });

        const next = await store.createGeneration();
        await store.activateGeneration(next);

        await expect(store.activateGeneration(g)).rejects.toBeInstanceOf(GenerationGoneError);
        await expect(store.activateGeneration(next + 100)).rejects.toBeInstanceOf(GenerationGoneError);
        expect(await store.activeGeneration()).toBe(next);
      });

      it('a generation that never existed reads as gone', async () => {
        await expect(store.get(g + 1000, 'partners', 'p')).rejects.toBeInstanceOf(GenerationGoneError);
        await expect(store.find(g + 1000, 'partners', {})).rejects.toBeInstanceOf(GenerationGoneError);
      });

      it('the active pointer and the documents survive closing and reopening the store', async () => {
        const next = await store.createGeneration();
        await store.commit(next, 'ledger', upserts('partners', [{ id: 'p', v: 'rebuilt' }]), 8);
        await store.activateGeneration(next);
        await store.close();

        const reopened = await harness.open();

        expect(await reopened.activeGeneration()).toBe(next);
        expect(await reopened.get(next, 'partners', 'p')).toEqual({ id: 'p', v: 'rebuilt' });
        expect((await reopened.checkpoint(next, 'ledger')).position).toBe(8);
        expect(await reopened.createGeneration()).toBeGreaterThan(next);
      });

      it('declared indexes change no result, in existing and in new generations', async () => {
        await store.ensureIndexes([
          { collection: 'commitments', fields: ['forumId', 'dueDate'] },
          { collection: 'commitments', fields: ['regionCode'] },
          { collection: 'commitments', fields: ['milestones.dueDate'] },
        ]);
        const next = await store.createGeneration();
        await store.ensureIndexes([{ collection: 'commitments', fields: ['status'] }]);
        const commitments = [
          { id: 'c1', forumId: 'f1', dueDate: '2025-03-01', regionCode: '52.71', status: 'active' },
          { id: 'c2', forumId: 'f1', dueDate: '2025-02-01', regionCode: '52', status: 'closed' },
          { id: 'c3', forumId: 'f2', dueDate: '2025-01-01', regionCode: '53', status: 'active' },
        ];
        for (const generation of [g, next]) {
          await store.commit(generation, 'ledger', upserts('commitments', commitments), 1);
          const page = await store.find(generation, 'commitments', {
            where: [
              { field: 'forumId', op: 'eq', value: 'f1' },
              { field: 'regionCode', op: 'prefix', value: '52' },
            ],
            sort: [{ field: 'dueDate', direction: 'asc' }],
          });
          expect(page.items.map((d) => d.id)).toEqual(['c2', 'c1']);
        }
        await expect(store.ensureIndexes([{ collection: 'commitments', fields: ['$bad'] }])).rejects.toBeInstanceOf(InvalidQueryError);
      });
    });
  });
}

/** The order both adapters implement: null/missing lowest, then numbers, then strings (binary); ties by id. */
export function compareBySort(x: ReadDocument, y: ReadDocument, sort: readonly SortKey[]): number {
  for (const key of sort) {
    const order = compareValues(valueAt(x, key.field), valueAt(y, key.field));
    if (order !== 0) return key.direction === 'asc' ? order : -order;
  }
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function valueAt(doc: ReadDocument, field: string): unknown {
  let value: unknown = doc;
  for (const segment of field.split('.')) value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[segment];
  return value ?? null;
}

function compareValues(a: unknown, b: unknown): number {
  const rank = (v: unknown) => (v === null ? 0 : typeof v === 'number' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === null) return 0;
  if (typeof a === 'number') return a - (b as number);
  const sa = Buffer.from(a as string);
  return Buffer.compare(sa, Buffer.from(b as string));
}
