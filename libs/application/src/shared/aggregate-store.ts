import { Decider, DomainCommand, DomainEvent, fold } from '@ikrar/domain';
import { EventStore, RecordedEvent } from '@ikrar/event-store';
import { AggregateCache, LoadedAggregate } from './aggregate-cache';
import { upcast } from './upcasting';

/** One cache of current states per event store, shared by every command and read of that store. */
const caches = new WeakMap<EventStore, AggregateCache>();

function cacheOf(store: EventStore): AggregateCache {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = new AggregateCache();
    caches.set(store, cache);
  }
  return cache;
}

export interface LoadOptions {
  /** Only events recorded at or before this instant ("what did the ledger say then"). */
  readonly recordedUntil?: Date;
  /** Only events whose business time is at or before this instant ("what was true then"). */
  readonly occurredUntil?: Date;
}

/**
 * One aggregate's state, folded with its decider's `evolve`: the current state from the store's
 * aggregate cache (only events recorded since are read), a past state from the whole stream.
 */
export async function loadAggregate<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  options: LoadOptions = {},
): Promise<LoadedAggregate<S>> {
  if (options.recordedUntil === undefined && options.occurredUntil === undefined) return cacheOf(store).load(store, decider, streamId);
  const all: RecordedEvent[] = await store.readStream(streamId);
  // By business time an entity exists only once its first event (its creation) has occurred: a later
  // event dated earlier (a meeting held before the forum was recorded) does not make it exist sooner.
  const created =
    all.length > 0 && (options.occurredUntil === undefined || Date.parse(all[0].metadata.occurredAt) <= options.occurredUntil.getTime());
  const events = (created ? all : []).filter(
    (event) =>
      (options.recordedUntil === undefined || Date.parse(event.recordedAt) <= options.recordedUntil.getTime()) &&
      (options.occurredUntil === undefined || Date.parse(event.metadata.occurredAt) <= options.occurredUntil.getTime()),
  );
  const domainEvents = events.map((event) => upcast(event) as unknown as E);
  return {
    streamId,
    state: fold(decider, domainEvents),
    revision: events.length === 0 ? -1 : events[events.length - 1].streamRevision,
    exists: events.length > 0,
  };
}
