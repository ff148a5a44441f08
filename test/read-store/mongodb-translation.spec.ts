import { checkChanges, netChanges } from '../../libs/read-store/src/changes';
import { encodeCursor, normalizeFind } from '../../libs/read-store/src/find-query';
import { escapeRegex, filterToMongo, sortValueOf, toMongoFilter, toMongoSort } from '../../libs/read-store/src/mongodb/mongo-query';
import {
  databaseFromUrl,
  documentWrites,
  duplicateKeyIndexes,
  failureWrites,
  fromStored,
  supportsTransactions,
  toStored,
} from '../../libs/read-store/src/mongodb/mongo-writes';
import { FieldFilter, FindPage, FindQuery, InvalidQueryError, ReadDocument, SortKey } from '@ikrar/read-store';
import { compareBySort } from './read-store.contract';

/**
 * The pure parts of the MongoDB adapter: the queries and writes it would send. No server runs here (see
 * mongodb.contract.spec.ts for the real thing), so query semantics are checked with `matches` below, a small
 * model of MongoDB's matching rules for exactly the operators the adapter emits.
 */
describe('MongoDB read store: translation to MongoDB queries and writes', () => {
  describe('filters', () => {
    it('puts every value under an operator the adapter chose', () => {
      const cases: Array<[FieldFilter, object]> = [
        [{ field: 'status', op: 'eq', value: 'active' }, { status: { $eq: 'active' } }],
        [{ field: 'status', op: 'eq', value: '$ne' }, { status: { $eq: '$ne' } }],
        [{ field: 'closedOn', op: 'eq', value: null }, { closedOn: { $eq: null } }],
        [{ field: 'active', op: 'ne', value: true }, { active: { $ne: true } }],
        [{ field: 'quantity', op: 'lt', value: 5 }, { quantity: { $lt: 5 } }],
        [{ field: 'quantity', op: 'lte', value: 5 }, { quantity: { $lte: 5 } }],
        [{ field: 'dueDate', op: 'gt', value: '2025-01-01' }, { dueDate: { $gt: '2025-01-01' } }],
        [{ field: 'dueDate', op: 'gte', value: '2025-01-01' }, { dueDate: { $gte: '2025-01-01' } }],
        [{ field: 'status', op: 'in', values: ['a', 'b'] }, { status: { $in: ['a', 'b'] } }],
        [{ field: 'meta.level', op: 'eq', value: 2 }, { 'meta.level': { $eq: 2 } }],
        [{ field: 'id', op: 'eq', value: 'x' }, { _id: { $eq: 'x' } }],
        [{ field: 'regionCode', op: 'prefix', value: '52' }, { $or: [{ regionCode: { $eq: '52' } }, { regionCode: { $gte: '52.', $lt: '52/' } }] }],
        [{ field: 'description', op: 'contains', value: 'a.b' }, { description: { $regex: 'a\\.b', $options: 'i' } }],
      ];
      for (const [filter, expected] of cases) expect(filterToMongo(filter)).toEqual(expected);
    });

    it('combines filters with $and and leaves an empty query empty', () => {
      expect(toMongoFilter(normalizeFind({}))).toEqual({});
      expect(toMongoFilter(normalizeFind({ where: [{ field: 'a', op: 'eq', value: 1 }] }))).toEqual({ a: { $eq: 1 } });
      expect(
        toMongoFilter(
          normalizeFind({
            where: [
              { field: 'a', op: 'eq', value: 1 },
              { field: 'b', op: 'ne', value: 'x' },
            ],
          }),
        ),
      ).toEqual({ $and: [{ a: { $eq: 1 } }, { b: { $ne: 'x' } }] });
    });

    it('never lets operator-shaped input through: objects as values and $ in field names are refused before translation', () => {
      const refused = [
        { where: [{ field: 'status', op: 'eq', value: { $ne: 'x' } }] },
        { where: [{ field: 'status', op: 'in', values: [{ $gt: '' }] }] },
        { where: [{ field: '$where', op: 'eq', value: '1' }] },
        { where: [{ field: 'a.$gt', op: 'eq', value: '1' }] },
        { where: [{ field: '_id', op: 'eq', value: '1' }] },
        { where: [{ field: 'a', op: '$regex', value: '.*' }] },
        { sort: [{ field: '$natural', direction: 'asc' }] },
      ];
      for (const query of refused) expect(() => normalizeFind(query as unknown as FindQuery)).toThrow(InvalidQueryError);
    });

    it('escapes a contains value so that it matches itself literally, case-insensitively', () => {
      const literals = ['100%', 'sure_thing', 'a.b*c', '(x)[y]{z}|^$\\ +?', 'tab\there', 'line\nbreak', '-/#&~`', 'nul\0byte', 'Ünïcödé'];
      for (const text of literals) {
        const pattern = new RegExp(escapeRegex(text), 'i');
        expect(pattern.test(`before ${text.toUpperCase()} after`)).toBe(true);
        expect(pattern.test(text.replace(/[^A-Za-z0-9]/g, 'x'))).toBe(text.replace(/[^A-Za-z0-9]/g, 'x') === text);
      }
      expect(escapeRegex('.*')).toBe('\\.\\*');
      expect(escapeRegex('a\0b')).toBe('a\\x00b');
      expect(new RegExp(escapeRegex('.*')).test('anything')).toBe(false);
    });

    it('agrees with the shared contract on what each filter matches (checked with a model of MongoDB matching)', () => {
      const docs: ReadDocument[] = [
        { id: 'a', regionCode: '52', quantity: 10, active: true, note: '100% sure_thing', meta: { level: 1 } },
        { id: 'b', regionCode: '52.71', quantity: 20, active: false, note: 'a.b*c', meta: { level: 2 } },
        { id: 'c', regionCode: '521', quantity: 5, active: null, note: null, meta: {} },
        { id: 'd', regionCode: '52.71.05', quantity: '20', note: '(x)[y]{z}|^$\\', meta: { level: '2' } },
        { id: 'e', regionCode: '53', quantity: 1, meta: null },
      ];
      const ids = (...where: FieldFilter[]) => docs.filter((doc) => matches(toStored(upsert(doc), 1), toMongoFilter(normalizeFind({ where })))).map((d) => d.id);

      expect(ids({ field: 'regionCode', op: 'prefix', value: '52' })).toEqual(['a', 'b', 'd']);
      expect(ids({ field: 'regionCode', op: 'prefix', value: '52.71' })).toEqual(['b', 'd']);
      expect(ids({ field: 'active', op: 'eq', value: null })).toEqual(['c', 'd', 'e']);
      expect(ids({ field: 'active', op: 'ne', value: true })).toEqual(['b', 'c', 'd', 'e']);
      expect(ids({ field: 'active', op: 'ne', value: null })).toEqual(['a', 'b']);
      expect(ids({ field: 'quantity', op: 'gt', value: 10 })).toEqual(['b']);
      expect(ids({ field: 'quantity', op: 'in', values: ['20', 1] })).toEqual(['d', 'e']);
      expect(ids({ field: 'note', op: 'contains', value: '%' })).toEqual(['a']);
      expect(ids({ field: 'note', op: 'contains', value: '_' })).toEqual(['a']);
      expect(ids({ field: 'note', op: 'contains', value: '.*' })).toEqual([]);
      expect(ids({ field: 'note', op: 'contains', value: 'A.B*C' })).toEqual(['b']);
      expect(ids({ field: 'note', op: 'contains', value: '(x)[y]{z}|^$\\' })).toEqual(['d']);
      expect(ids({ field: 'meta.level', op: 'eq', value: null })).toEqual(['c', 'e']);
      expect(ids({ field: 'meta.level', op: 'eq', value: '2' })).toEqual(['d']);
    });
  });

  describe('sort and cursor', () => {
    it('sorts by the keys in order with _id last', () => {
      const find = normalizeFind({ sort: [{ field: 'dueDate', direction: 'desc' }, { field: 'partner.name', direction: 'asc' }] });
      const sort = toMongoSort(find.sort);

      expect(sort).toEqual({ dueDate: -1, 'partner.name': 1, _id: 1 });
      expect(Object.keys(sort)).toEqual(['dueDate', 'partner.name', '_id']);
      expect(toMongoSort(normalizeFind({ sort: [{ field: 'id', direction: 'desc' }] }).sort)).toEqual({ _id: -1 });
    });

    it('continues after the cursor row: later values, or equal values and a later id', () => {
      const sort: SortKey[] = [{ field: 'dueDate', direction: 'asc' }];
      const find = normalizeFind({ sort, cursor: encodeCursor(normalizeFind({ sort }).sort, ['2025-01-01'], 'c-9') });

      expect(toMongoFilter(find)).toEqual({
        $and: [
          { dueDate: { $gte: '2025-01-01' } },
          { $or: [{ dueDate: { $gt: '2025-01-01' } }, { $and: [{ dueDate: { $eq: '2025-01-01' } }, { _id: { $gt: 'c-9' } }] }] },
        ],
      });
    });

    it('descending after a value also takes the nulls, which sort last; after a null only later ids', () => {
      const sort = normalizeFind({ sort: [{ field: 'score', direction: 'desc' }] }).sort;

      expect(toMongoFilter(normalizeFind({ sort: [{ field: 'score', direction: 'desc' }], cursor: encodeCursor(sort, [3], 'x') }))).toEqual({
        $or: [{ $or: [{ score: { $lt: 3 } }, { score: { $eq: null } }] }, { $and: [{ score: { $eq: 3 } }, { _id: { $gt: 'x' } }] }],
      });
      expect(toMongoFilter(normalizeFind({ sort: [{ field: 'score', direction: 'desc' }], cursor: encodeCursor(sort, [null], 'x') }))).toEqual({
        $and: [{ score: { $eq: null } }, { _id: { $gt: 'x' } }],
      });
    });

    it('records missing sort values as null and refuses arrays and objects', () => {
      expect(sortValueOf({ _id: 'a', group: { rank: 2 } }, 'group.rank')).toBe(2);
      expect(sortValueOf({ _id: 'a' }, 'group.rank')).toBeNull();
      expect(sortValueOf({ _id: 'a', group: null }, 'group.rank')).toBeNull();
      expect(sortValueOf({ _id: 'a' }, 'id')).toBe('a');
      expect(() => sortValueOf({ _id: 'a', tags: ['x'] }, 'tags')).toThrow(InvalidQueryError);
      expect(() => sortValueOf({ _id: 'a', group: { rank: 1 } }, 'group')).toThrow(InvalidQueryError);
    });

    describe('paging through 1,234 documents with the emitted queries visits each once, in order', () => {
      const COUNT = 1234;
      const labels = ['Ambon', 'bima', 'Dompu', 'Ende', 'kupang', 'Mataram', 'sumbawa'];
      const docs: ReadDocument[] = Array.from({ length: COUNT }, (_, i) => {
        const doc: Record<string, unknown> = { id: `doc-${String((i * 7919) % COUNT).padStart(4, '0')}`, n: i % 17 };
        if (i % 11 !== 0) doc.label = labels[i % labels.length];
        else if (i % 2 === 0) doc.label = null;
        if (i % 5 === 0) doc.group = { rank: i % 3 };
        return doc as ReadDocument;
      });
      const sorts: SortKey[][] = [
        [],
        [{ field: 'n', direction: 'asc' }],
        [{ field: 'label', direction: 'desc' }],
        [{ field: 'label', direction: 'asc' }],
        [{ field: 'group.rank', direction: 'desc' }],
        [
          { field: 'n', direction: 'desc' },
          { field: 'label', direction: 'asc' },
        ],
        [
          { field: 'label', direction: 'desc' },
          { field: 'n', direction: 'asc' },
        ],
      ];
      for (const sort of sorts) {
        it(`sort ${JSON.stringify(sort)}`, () => {
          const expected = [...docs].sort((x, y) => compareBySort(x, y, sort)).map((d) => d.id);
          const visited: string[] = [];
          let cursor: string | null = null;
          do {
            const page: FindPage = simulateFind(docs, { sort, limit: 97, cursor });
            visited.push(...page.items.map((d) => d.id));
            cursor = page.nextCursor;
          } while (cursor !== null && visited.length <= COUNT);
          expect(visited).toEqual(expected);
        });
      }
    });
  });

  describe('writes', () => {
    it('stores the id as _id and the guard position beside the document, and reads both back off', () => {
      const [change] = checkChanges([{ op: 'upsert', collection: 'partners', doc: { id: 'p', name: 'A', position: 7 } }]);
      const stored = toStored(change as Extract<typeof change, { op: 'upsert' }>, 9);

      expect(stored).toEqual({ _id: 'p', id: 'p', name: 'A', position: 7, _position: 7 });
      expect(fromStored(stored)).toEqual({ id: 'p', name: 'A', position: 7 });
      expect(toStored(upsert({ id: 'q' }), 9)).toEqual({ _id: 'q', id: 'q', _position: 9 });
    });

    it('in a transaction: plain replaces and deletes by _id, grouped by collection', () => {
      const changes = netChanges(
        checkChanges([
          { op: 'upsert', collection: 'partners', doc: { id: 'p', v: 1, position: 3 } },
          { op: 'upsert', collection: 'forums', doc: { id: 'f', position: 4 } },
          { op: 'upsert', collection: 'partners', doc: { id: 'p', v: 2, position: 5 } },
          { op: 'delete', collection: 'partners', id: 'gone' },
        ]),
      );

      const writes = documentWrites(changes, 5, false);

      expect([...writes.keys()]).toEqual(['forums', 'partners']);
      expect(writes.get('partners')).toEqual([
        { replaceOne: { filter: { _id: 'p' }, replacement: { _id: 'p', id: 'p', v: 2, position: 5, _position: 5 }, upsert: true } },
        { deleteOne: { filter: { _id: 'gone' } } },
      ]);
    });

    it('without transactions: every write is guarded by position, so older data never overwrites newer', () => {
      const changes = netChanges(
        checkChanges([
          { op: 'upsert', collection: 'partners', doc: { id: 'p', position: 3 } },
          { op: 'delete', collection: 'partners', id: 'gone' },
        ]),
      );

      expect(documentWrites(changes, 8, true).get('partners')).toEqual([
        { replaceOne: { filter: { _id: 'p', _position: { $lt: 3 } }, replacement: { _id: 'p', id: 'p', position: 3, _position: 3 }, upsert: true } },
        { deleteOne: { filter: { _id: 'gone', _position: { $lt: 8 } } } },
      ]);
    });

    it('net changes keep the last change per document, in the order of those last changes', () => {
      const net = netChanges(
        checkChanges([
          { op: 'upsert', collection: 'a', doc: { id: '1', v: 1 } },
          { op: 'upsert', collection: 'a', doc: { id: '2' } },
          { op: 'delete', collection: 'a', id: '1' },
          { op: 'upsert', collection: 'b', doc: { id: '1' } },
        ]),
      );

      expect(net.map((c) => [c.op, c.collection, c.id])).toEqual([
        ['upsert', 'a', '2'],
        ['delete', 'a', '1'],
        ['upsert', 'b', '1'],
      ]);
    });

    it('records failures insert-if-absent under a deterministic _id', () => {
      const failure = { projection: 'ledger', globalPosition: 4, eventId: 'e', eventType: 'T', error: 'x', failedAt: 'now' };

      expect(failureWrites(2, [failure])).toEqual([
        { updateOne: { filter: { _id: '2:ledger:4:e' }, update: { $setOnInsert: { generation: 2, ...failure } }, upsert: true } },
      ]);
    });

    it('reads duplicate-key errors of an unordered bulk write as guard misses, and anything else as a failure', () => {
      expect(duplicateKeyIndexes({ writeErrors: [{ code: 11000, index: 0 }, { code: 11000, index: 3 }] })).toEqual([0, 3]);
      expect(duplicateKeyIndexes({ writeErrors: { code: 11000, index: 2 } })).toEqual([2]);
      expect(duplicateKeyIndexes({ writeErrors: [{ code: 11000, index: 0 }, { code: 121, index: 1 }] })).toBeNull();
      expect(duplicateKeyIndexes({ writeErrors: [{ code: 11000, index: 0 }], writeConcernError: { code: 64 } })).toBeNull();
      expect(duplicateKeyIndexes({ writeErrors: [] })).toBeNull();
      expect(duplicateKeyIndexes(new Error('network'))).toBeNull();
      expect(duplicateKeyIndexes(null)).toBeNull();
    });
  });

  describe('connection', () => {
    it('uses transactions on a replica set or mongos with sessions, not on a standalone server', () => {
      expect(supportsTransactions({ isWritablePrimary: true, setName: 'rs0', logicalSessionTimeoutMinutes: 30 })).toBe(true);
      expect(supportsTransactions({ isWritablePrimary: true, msg: 'isdbgrid', logicalSessionTimeoutMinutes: 30 })).toBe(true);
      expect(supportsTransactions({ isWritablePrimary: true, logicalSessionTimeoutMinutes: 30 })).toBe(false);
      expect(supportsTransactions({ isWritablePrimary: true, setName: 'rs0' })).toBe(false);
    });

    it('takes the database from the URL path when there is one', () => {
      expect(databaseFromUrl('mongodb://mongodb:27017/ikrar?replicaSet=rs0')).toBe('ikrar');
      expect(databaseFromUrl('mongodb://user:p%40ss@a:1,b:2/read_models')).toBe('read_models');
      expect(databaseFromUrl('mongodb+srv://cluster.example.net/ikrar')).toBe('ikrar');
      expect(databaseFromUrl('mongodb://mongodb:27017/?replicaSet=rs0')).toBeNull();
      expect(databaseFromUrl('mongodb://mongodb:27017')).toBeNull();
    });
  });
});

function upsert(doc: ReadDocument) {
  return checkChanges([{ op: 'upsert', collection: 'c', doc }])[0] as Extract<ReturnType<typeof checkChanges>[number], { op: 'upsert' }>;
}

/** What `MongoReadStore.find` does, with `matches` and the shared sort order standing in for the server. */
function simulateFind(docs: ReadDocument[], query: FindQuery): FindPage {
  const find = normalizeFind(query);
  const filter = toMongoFilter(find);
  const rows = docs
    .map((doc) => toStored(upsert(doc), 1))
    .filter((stored) => matches(stored, filter))
    .sort((x, y) => compareBySort(fromStored(x), fromStored(y), find.sort))
    .slice(0, find.limit + 1);
  const items = rows.slice(0, find.limit);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > find.limit ? encodeCursor(find.sort, find.sort.slice(0, -1).map((key) => sortValueOf(last, key.field)), last._id as string) : null;
  return { items: items.map((row) => fromStored<ReadDocument>(row)), nextCursor };
}

/**
 * MongoDB's matching rules for the operators the adapter emits, on documents without arrays:
 * `$eq: null` matches null or missing, comparisons only between values of one type bracket (numbers,
 * strings, booleans), `$ne` is the negation of `$eq`, `$regex` only matches strings.
 */
function matches(doc: Record<string, unknown>, filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Record<string, unknown>[]).every((f) => matches(doc, f));
    if (key === '$or') return (condition as Record<string, unknown>[]).some((f) => matches(doc, f));
    const value = valueAt(doc, key);
    const operators = condition as Record<string, unknown>;
    return Object.entries(operators).every(([op, operand]) => {
      switch (op) {
        case '$eq':
          return equal(value, operand);
        case '$ne':
          return !equal(value, operand);
        case '$in':
          return (operand as unknown[]).some((o) => equal(value, o));
        case '$gt':
        case '$gte':
        case '$lt':
        case '$lte': {
          if (bracket(value) !== bracket(operand) || bracket(value) === 'null') return false;
          const order = (value as string | number) < (operand as string | number) ? -1 : (value as string | number) > (operand as string | number) ? 1 : 0;
          return { $gt: order > 0, $gte: order >= 0, $lt: order < 0, $lte: order <= 0 }[op];
        }
        case '$regex':
          return typeof value === 'string' && new RegExp(operand as string, (operators.$options as string) ?? '').test(value);
        case '$options':
          return true;
        default:
          throw new Error(`model does not know ${op}`);
      }
    });
  });
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  let value: unknown = doc;
  for (const segment of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  return value;
}

function equal(value: unknown, operand: unknown): boolean {
  if (operand === null) return value === null || value === undefined;
  return bracket(value) === bracket(operand) && value === operand;
}

function bracket(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  return typeof value;
}
