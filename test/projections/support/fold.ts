import type { RecordedEvent } from '@ikrar/event-store';
import { createProjections, Projection, projectBatch } from '@ikrar/projections';
import type { ProjectionFailure, ReadDocument } from '@ikrar/read-store';

/** What the runner knows with every projection in place: a test of one projection must not see the others' events as unknown. */
const ALL_KNOWN = createProjections().flatMap((projection) => projection.knownEventTypes);

/** collection -> id -> document */
export type Documents = Record<string, Record<string, ReadDocument>>;

export interface Folded {
  readonly docs: Documents;
  readonly failures: ProjectionFailure[];
}

/**
 * Runs events through the runner's batch step against a plain in-memory document map, in batches of
 * `batchSize`, WITHOUT checkpoints: a replayed event reaches the reducers, so only their position
 * guard keeps it from changing anything.
 */
export async function fold(projections: readonly Projection[], events: readonly RecordedEvent[], batchSize: number, start: Documents = {}): Promise<Folded> {
  const docs: Documents = structuredClone(start);
  const failures: ProjectionFailure[] = [];
  for (let i = 0; i < events.length; i += batchSize) {
    const outcomes = await projectBatch(
      projections,
      events.slice(i, i + batchSize),
      async (collection, ids) => ids.flatMap((id) => (docs[collection]?.[id] ? [structuredClone(docs[collection][id])] : [])),
      new Map(),
      { knownEventTypes: ALL_KNOWN },
    );
    for (const outcome of outcomes) {
      failures.push(...outcome.failures);
      for (const change of outcome.changes) {
        docs[change.collection] ??= {};
        if (change.op === 'upsert') docs[change.collection][change.doc.id] = JSON.parse(JSON.stringify(change.doc));
        else delete docs[change.collection][change.id];
      }
    }
  }
  return { docs, failures };
}

/**
 * The documents a projection makes of the events, checked three ways that must agree: all in one
 * batch, one event per batch (links followed through stored documents), and the same events fed a
 * second time on top (idempotency: the position guard).
 */
export async function project(projection: Projection, events: readonly RecordedEvent[]): Promise<Folded> {
  const whole = await fold([projection], events, events.length || 1);
  const single = await fold([projection], events, 1);
  const replayed = await fold([projection], events, events.length || 1, whole.docs);
  expect(single.docs).toEqual(whole.docs);
  expect(single.failures.map(withoutTime)).toEqual(whole.failures.map(withoutTime));
  expect(replayed.docs).toEqual(whole.docs);
  return whole;
}

function withoutTime(failure: ProjectionFailure): Omit<ProjectionFailure, 'failedAt'> {
  const { failedAt: _failedAt, ...rest } = failure;
  return rest;
}
