import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { MongoReadStore } from '@ikrar/read-store';
import { describeReadStoreContract } from './read-store.contract';

/**
 * The shared contract against the MongoDB adapter. It needs a server: MONGODB_URL (a replica set, so both
 * the transaction path and, forced, the position-guard path run). Each test gets its own database, dropped
 * afterwards. Without MONGODB_URL the suite says so and shows up as skipped, never as passed.
 */
const url = process.env.MONGODB_URL;

if (url) {
  process.stdout.write(`MongoDB read store contract: running against MONGODB_URL=${url.replace(/\/\/[^@/]*@/, '//***@')}\n`);
  const run = randomUUID().slice(0, 8);
  let counter = 0;

  for (const transactions of ['auto', 'never'] as const) {
    const label = transactions === 'auto' ? 'transactions when the server has them' : 'per-document position guards';
    describeReadStoreContract(`MongoDB (${label})`, async () => {
      counter += 1;
      const database = `ikrar_rs_${run}_${counter}`;
      const opened: MongoReadStore[] = [];
      return {
        open: async () => {
          const store = await MongoReadStore.connect(url, { database, transactions });
          opened.push(store);
          return store;
        },
        teardown: async () => {
          for (const store of opened) await store.close();
          const client = new MongoClient(url);
          try {
            await client.connect();
            await client.db(database).dropDatabase();
          } finally {
            await client.close();
          }
        },
      };
    });
  }

  describe('MongoDB read store specifics', () => {
    const database = `ikrar_rs_${run}_specifics`;
    let store: MongoReadStore;

    beforeAll(async () => {
      store = await MongoReadStore.connect(url, { database });
    });

    afterAll(async () => {
      await store.db.dropDatabase();
      await store.close();
    });

    it('creates the declared indexes (fields, then _id) on every generation', async () => {
      await store.ensureIndexes([{ collection: 'commitments', fields: ['forumId', 'dueDate'] }]);
      const next = await store.createGeneration();

      for (const g of [await store.activeGeneration(), next]) {
        const indexes = await store.db.collection(`g${g}_commitments`).indexes();
        expect(indexes.map((index) => index.key)).toContainEqual({ forumId: 1, dueDate: 1, _id: 1 });
      }
    });

    it('a half-applied batch (a crash before the checkpoint) converges when replayed with guards', async () => {
      const guarded = await MongoReadStore.connect(url, { database, transactions: 'never' });
      try {
        const g = await guarded.activeGeneration();
        // What a crashed attempt left: the newer document already written, the checkpoint not moved.
        await guarded.db.collection(`g${g}_crash`).insertOne({ _id: 'a', id: 'a', v: 'from event 9', position: 9, _position: 9 } as never);

        await guarded.commit(
          g,
          'crash',
          [
            { op: 'upsert', collection: 'crash', doc: { id: 'a', v: 'from event 5', position: 5 } },
            { op: 'upsert', collection: 'crash', doc: { id: 'b', v: 'from event 6', position: 6 } },
          ],
          9,
        );

        expect(await guarded.all(g, 'crash')).toEqual([
          { id: 'a', v: 'from event 9', position: 9 },
          { id: 'b', v: 'from event 6', position: 6 },
        ]);
        expect((await guarded.checkpoint(g, 'crash')).position).toBe(9);
      } finally {
        await guarded.close();
      }
    });
  });
} else {
  process.stdout.write(
    'MongoDB read store contract: NOT RUN (set MONGODB_URL to a MongoDB replica set, e.g. docker compose -f docker/docker-compose.yml up -d mongodb)\n',
  );
  describe('ReadStore contract: MongoDB', () => {
    it.skip('NOT RUN: set MONGODB_URL to a MongoDB replica set to run the MongoDB read store contract', () => undefined);
  });
}
