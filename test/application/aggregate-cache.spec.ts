import { Decider, DomainEvent } from '@ikrar/domain';
import { AggregateCache } from '@ikrar/application';
import { EventToAppend, ReadStreamOptions } from '@ikrar/event-store';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore } from '../support/in-memory-event-store';

type Added = DomainEvent<'Added', { amount: number }>;
const tally: Decider<never, Added, { total: number; count: number }> = {
  initialState: () => ({ total: 0, count: 0 }),
  decide: () => [],
  evolve: (state, event) => ({ total: state.total + event.data.amount, count: state.count + 1 }),
};
const history: Decider<never, Added, number[]> = {
  initialState: () => [],
  decide: () => [],
  evolve: (state, event) => [...state, event.data.amount],
};

function added(amount: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'Added',
    schemaVersion: 1,
    data: { amount },
    metadata: { occurredAt: '2026-11-23T09:00:00.000Z', actor: { userId: 'u', role: 'secretariat' }, correlationId: 'c', causationId: 'c', idempotencyKey: null, requestHash: null },
  };
}

function spiedStore() {
  const store = new InMemoryEventStore();
  const reads: Array<ReadStreamOptions | undefined> = [];
  const readStream = store.readStream.bind(store);
  store.readStream = (streamId: string, options?: ReadStreamOptions) => {
    reads.push(options);
    return readStream(streamId, options);
  };
  return { store, reads };
}

describe('the aggregate cache of the command runner', () => {
  it('gives the same state as folding the whole stream, also after another writer appended', async () => {
    const { store } = spiedStore();
    const cache = new AggregateCache();
    await store.append('tally-1', [added(5), added(7)], 'no_stream');
    expect(await cache.load(store, tally, 'tally-1')).toEqual({ streamId: 'tally-1', state: { total: 12, count: 2 }, revision: 1, exists: true });
    await store.append('tally-1', [added(30)], 1);
    expect(await cache.load(store, tally, 'tally-1')).toMatchObject({ state: { total: 42, count: 3 }, revision: 2 });
  });

  it('reads only the events recorded after the state it holds', async () => {
    const { store, reads } = spiedStore();
    const cache = new AggregateCache();
    await store.append('tally-2', [added(1), added(2), added(3)], 'no_stream');
    await cache.load(store, tally, 'tally-2');
    await store.append('tally-2', [added(4)], 2);
    await cache.load(store, tally, 'tally-2');
    expect(reads).toEqual([{}, { fromRevision: 3 }]);
  });

  it('answers a stream that does not exist as revision -1, and does not remember it', async () => {
    const { store } = spiedStore();
    const cache = new AggregateCache();
    expect(await cache.load(store, tally, 'tally-none')).toEqual({ streamId: 'tally-none', state: { total: 0, count: 0 }, revision: -1, exists: false });
    expect(cache.size).toBe(0);
  });

  it('never hands the state folded by one decider to another', async () => {
    const { store } = spiedStore();
    const cache = new AggregateCache();
    await store.append('tally-3', [added(2), added(3)], 'no_stream');
    await cache.load(store, tally, 'tally-3');
    expect((await cache.load(store, history, 'tally-3')).state).toEqual([2, 3]);
  });

  it('forgets the least recently used stream beyond its capacity, which is then read whole', async () => {
    const { store, reads } = spiedStore();
    const cache = new AggregateCache(2);
    for (const id of ['a', 'b', 'c']) await store.append(`tally-${id}`, [added(1)], 'no_stream');
    await cache.load(store, tally, 'tally-a');
    await cache.load(store, tally, 'tally-b');
    await cache.load(store, tally, 'tally-a');
    await cache.load(store, tally, 'tally-c');
    reads.length = 0;
    await cache.load(store, tally, 'tally-a');
    await cache.load(store, tally, 'tally-b');
    expect(reads).toEqual([{ fromRevision: 1 }, {}]);
    expect(cache.size).toBe(2);
  });
});
