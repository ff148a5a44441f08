import type { EventStore, RecordedEvent } from '@ikrar/event-store';

/**
 * Appends story events to a real event store, in order. Appends are submitted without waiting so
 * the embedded store's group commit writes many per transaction; submission order is log order.
 */
export async function appendAll(store: EventStore, events: readonly RecordedEvent[], chunk = 500): Promise<void> {
  for (let i = 0; i < events.length; i += chunk) {
    await Promise.all(
      events.slice(i, i + chunk).map(({ streamId, eventId, type, schemaVersion, data, metadata }) =>
        store.append(streamId, [{ eventId, type, schemaVersion, data, metadata }], 'any'),
      ),
    );
  }
}
