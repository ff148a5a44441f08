import { Decider, DomainCommand, DomainEvent } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { LoadedAggregate, LoadOptions, loadAggregate } from './aggregate-store';
import { EntityNotFoundError } from './errors';

/** One entity's state folded from its own stream, or 404. */
export async function readEntity<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  entity: string,
  id: string,
  streamId: string,
  options: LoadOptions = {},
): Promise<LoadedAggregate<S>> {
  const loaded = await loadAggregate(store, decider, streamId, options);
  if (!loaded.exists) throw new EntityNotFoundError(entity, id);
  return loaded;
}
