import { Decider, DomainCommand, DomainEvent } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { upcast } from './upcasting';

/** An aggregate's state as loaded: as of its latest event, or of the last one within an as-of limit. */
export interface LoadedAggregate<State> {
  readonly streamId: string;
  readonly state: State;
  /** Revision of the last event; -1 when the stream does not exist. */
  readonly revision: number;
  readonly exists: boolean;
}

interface Entry {
  readonly decider: object;
  readonly state: unknown;
  readonly revision: number;
}

/**
 * The current state of recently used aggregates. The log is append-only, so a cached state at
 * revision r plus the events read after r is exactly the fold of the whole stream: a load reads
 * only what was recorded since, whoever recorded it (another process included). Without it every
 * command re-read and re-folded its whole stream, which grows with every amendment and report.
 * States are never mutated (`evolve` returns a new one), so sharing them is safe.
 */
export class AggregateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly capacity = 20_000) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
  }

  async load<C extends DomainCommand, E extends DomainEvent, S>(store: EventStore, decider: Decider<C, E, S>, streamId: string): Promise<LoadedAggregate<S>> {
    const cached = this.entries.get(streamId);
    const base = cached !== undefined && cached.decider === decider ? cached : undefined;
    const recorded = await store.readStream(streamId, base ? { fromRevision: base.revision + 1 } : {});
    let state = base ? (base.state as S) : decider.initialState();
    let revision = base ? base.revision : -1;
    for (const event of recorded) {
      // A gap means the cached state is not a prefix of what the store now holds: start over.
      if (event.streamRevision !== revision + 1) return this.reload(store, decider, streamId);
      state = decider.evolve(state, upcast(event) as unknown as E);
      revision = event.streamRevision;
    }
    if (revision >= 0) this.remember(streamId, { decider, state, revision });
    return { streamId, state, revision, exists: revision >= 0 };
  }

  get size(): number {
    return this.entries.size;
  }

  private async reload<C extends DomainCommand, E extends DomainEvent, S>(store: EventStore, decider: Decider<C, E, S>, streamId: string): Promise<LoadedAggregate<S>> {
    this.entries.delete(streamId);
    return this.load(store, decider, streamId);
  }

  private remember(streamId: string, entry: Entry): void {
    // Re-inserting moves the stream to the young end of the Map's order: eviction drops the least recently used.
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
