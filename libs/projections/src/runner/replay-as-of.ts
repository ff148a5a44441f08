import type { EventStore, RecordedEvent } from '@ikrar/event-store';
import { MemoryReadStore, type ReadStore } from '@ikrar/read-store';
import type { Projection } from '../projection';
import { projectBatch } from './project-batch';

const REPLAY_PAGE_SIZE = 5000;

export interface ReplayAsOfOptions {
  readonly eventStore: EventStore;
  readonly projections: readonly Projection[];
  /** Keep only events recorded at or before this instant: the read models as the ledger showed them then. */
  readonly recordedUntil?: Date;
  /**
   * Keep only events whose business time (`metadata.occurredAt`) is at or before this instant: the read
   * models as things were then, as known now. As for single entities, a stream counts only once its first
   * event (the entity's creation) has occurred; later events of a stream created after the instant are left out.
   */
  readonly occurredUntil?: Date;
  /** Events read per page of the global log. Default 5000. */
  readonly pageSize?: number;
}

/**
 * Replays the global log, page by page in global order, through the same reducers and the same batch
 * step as the live projector, into a throwaway in-memory read store (its active generation holds the
 * result). Events past the given instant(s) are left out. Failures are recorded in that store as they
 * would be live. The result is independent of the live read store and of the projector's progress.
 */
export async function replayAsOf(options: ReplayAsOfOptions): Promise<ReadStore> {
  const { eventStore, projections, recordedUntil, occurredUntil } = options;
  const pageSize = options.pageSize ?? REPLAY_PAGE_SIZE;
  const store = new MemoryReadStore();
  await store.ensureIndexes(projections.flatMap((projection) => projection.indexes));
  const generation = await store.activeGeneration();
  const checkpoints = new Map<string, number | null>(projections.map((projection) => [projection.name, null]));
  const keep = eventFilter(recordedUntil, occurredUntil);

  let last: number | null = null;
  for (;;) {
    const page = await eventStore.readAll(last === null ? { maxCount: pageSize } : { after: last, maxCount: pageSize });
    if (page.length === 0) break;
    last = page[page.length - 1].globalPosition;
    const kept = page.filter(keep);
    if (kept.length === 0) continue;
    const outcomes = await projectBatch(projections, kept, (collection, ids) => store.getMany(generation, collection, ids), checkpoints);
    for (const outcome of outcomes) {
      await store.commit(generation, outcome.projection, outcome.changes, outcome.position, outcome.failures);
      checkpoints.set(outcome.projection, outcome.position);
    }
  }
  return store;
}

function eventFilter(recordedUntil: Date | undefined, occurredUntil: Date | undefined): (event: RecordedEvent) => boolean {
  const recordedLimit = recordedUntil?.getTime();
  const occurredLimit = occurredUntil?.getTime();
  /** Streams whose first event occurred after the instant: they did not exist yet. */
  const notYetCreated = new Set<string>();
  return (event) => {
    if (recordedLimit !== undefined && Date.parse(event.recordedAt) > recordedLimit) return false;
    if (occurredLimit === undefined) return true;
    const occurred = Date.parse(event.metadata.occurredAt) <= occurredLimit;
    if (event.streamRevision === 0 && !occurred) notYetCreated.add(event.streamId);
    return occurred && !notYetCreated.has(event.streamId);
  };
}
