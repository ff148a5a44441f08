import { EventStore } from '@ikrar/event-store';
import type { Sealer } from './sealer';

/**
 * The sealer that follows a given event store, so HTTP controllers can find it from the
 * EVENT_STORE they already inject (the app module takes no extra port).
 */
const sealers = new WeakMap<EventStore, Sealer>();

export function registerSealer(eventStore: EventStore, sealer: Sealer): void {
  sealers.set(eventStore, sealer);
}

export function unregisterSealer(eventStore: EventStore, sealer: Sealer): void {
  if (sealers.get(eventStore) === sealer) sealers.delete(eventStore);
}

export function sealerFor(eventStore: EventStore): Sealer | null {
  return sealers.get(eventStore) ?? null;
}
