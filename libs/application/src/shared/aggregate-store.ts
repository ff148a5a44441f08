import { Decider, DomainCommand, DomainEvent, fold } from '@ikrar/domain';
import { EventStore, RecordedEvent } from '@ikrar/event-store';
import { upcast } from './upcasting';

export interface LoadedAggregate<State> {
  readonly streamId: string;
  readonly state: State;
  /** Revision of the last event; -1 when the stream does not exist. */
  readonly revision: number;
  readonly events: RecordedEvent[];
  readonly exists: boolean;
}

export interface LoadOptions {
  /** Only events recorded at or before this instant ("what did the ledger say then"). */
  readonly recordedUntil?: Date;
  /** Only events whose business time is at or before this instant ("what was true then"). */
  readonly occurredUntil?: Date;
}

/** Reads one aggregate's stream and folds it with its decider's `evolve`. */
export async function loadAggregate<C extends DomainCommand, E extends DomainEvent, S>(
  store: EventStore,
  decider: Decider<C, E, S>,
  streamId: string,
  options: LoadOptions = {},
): Promise<LoadedAggregate<S>> {
  const all = await store.readStream(streamId);
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
    events,
    exists: events.length > 0,
  };
}
