import { canRead, Principal, Resource } from '@ikrar/access';
import { Decider, DomainCommand, DomainEvent } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { LoadedAggregate } from './aggregate-cache';
import { LoadOptions, loadAggregate } from './aggregate-store';
import { EntityNotFoundError } from './errors';

/** The part of an aggregate descriptor (`commitmentAggregate(id)`, ...) a read needs. */
export interface ReadableAggregate<C extends DomainCommand, E extends DomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  readonly entity: string;
  readonly id: string;
  readonly streamId: string;
  readonly locate: (state: S, store: EventStore) => Promise<Resource>;
}

/**
 * One entity's state folded from its own stream, or 404: also when the viewer may not see it,
 * so that an id the caller has no business with cannot be told from one that does not exist.
 */
export async function readEntity<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  aggregate: ReadableAggregate<C, E, S>,
  viewer: Principal,
  options: LoadOptions = {},
): Promise<LoadedAggregate<S>> {
  const loaded = await loadAggregate(store, aggregate.decider, aggregate.streamId, options);
  if (!loaded.exists || !canRead(viewer, await aggregate.locate(loaded.state, store))) throw new EntityNotFoundError(aggregate.entity, aggregate.id);
  return loaded;
}
