import { BatchReader } from '@ikrar/projections';
import type { RecordedEvent } from '@ikrar/event-store';
import { InMemoryEventStore } from '../support/in-memory-event-store';

async function appendMany(store: InMemoryEventStore, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    await store.append(`thing-${i}`, [{ eventId: `e-${i}`, type: 'ThingHappened', schemaVersion: 1, data: { i }, metadata: { occurredAt: '2025-01-01T00:00:00Z', actor: { userId: 'u', role: 'system' }, correlationId: 'c', causationId: null, idempotencyKey: null } }], 'any');
  }
}

const positions = (batch: RecordedEvent[] | null) => batch?.map((event) => event.globalPosition) ?? null;

describe('batches from a subscription', () => {
  it('takes what is already there, up to the batch size, then hands over live events as they come; ends when closed', async () => {
    const store = new InMemoryEventStore();
    await appendMany(store, 7);
    const subscription = store.subscribeToAll();
    const reader = new BatchReader(subscription, 3);
    expect(positions(await reader.next())).toEqual([1, 2, 3]);
    expect(positions(await reader.next())).toEqual([4, 5, 6]);
    expect(positions(await reader.next())).toEqual([7]);

    const live = reader.next();
    await appendMany(store, 1, 7);
    expect(positions(await live)).toEqual([8]);

    const ended = reader.next();
    await subscription.close();
    expect(await ended).toBeNull();
    expect(await reader.next()).toBeNull();
  });
});
