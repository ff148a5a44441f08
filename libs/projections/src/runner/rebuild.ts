import type { EventStore, RecordedEvent } from '@ikrar/event-store';
import { ReadStore, SqliteReadStore } from '@ikrar/read-store';
import type { Projection } from '../projection';

export interface RebuildResult {
  /** The generation that was filled and is now active. */
  readonly generation: number;
  readonly events: number;
  /** Failures recorded during the replay (they stay visible through `failures()` / status). */
  readonly failures: number;
  /** Global position of the last event replayed; null for an empty log. */
  readonly position: number | null;
}

/** `done` events replayed so far out of about `total`. */
export type RebuildProgress = (done: number, total: number) => void;

export const REBUILD_PAGE_SIZE = 5000;

/**
 * Replays the whole log, page by page (never all of it in memory), into a fresh generation and
 * activates it once caught up; readers keep using the old generation until that moment.
 * `applyPage` is the live projector's batch step, so a rebuild runs exactly the same reducers.
 */
export async function rebuildGeneration(
  deps: { eventStore: EventStore; readStore: ReadStore; projections: readonly Projection[] },
  applyPage: (generation: number, page: RecordedEvent[], checkpoints: Map<string, number | null>) => Promise<number>,
  onProgress: RebuildProgress = () => undefined,
): Promise<RebuildResult> {
  const { eventStore, readStore, projections } = deps;
  const indexes = projections.flatMap((projection) => projection.indexes);
  await readStore.ensureIndexes(indexes);
  // The embedded store bulk-loads the new generation and builds its indexes once, at activation.
  const generation = readStore instanceof SqliteReadStore ? await readStore.createGeneration({ deferIndexes: true }) : await readStore.createGeneration();
  await readStore.ensureIndexes(indexes);
  const [head] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
  const headPosition = head?.globalPosition ?? null;
  const checkpoints = new Map<string, number | null>(projections.map((projection) => [projection.name, null]));

  let done = 0;
  let failures = 0;
  let first: number | null = null;
  let last: number | null = null;
  // Until the head seen at the start, then on until a page comes back empty (the API may still be appending).
  for (;;) {
    const page = await eventStore.readAll(last === null ? { maxCount: REBUILD_PAGE_SIZE } : { after: last, maxCount: REBUILD_PAGE_SIZE });
    if (page.length === 0) break;
    failures += await applyPage(generation, page, checkpoints);
    first ??= page[0].globalPosition;
    last = page[page.length - 1].globalPosition;
    done += page.length;
    onProgress(done, estimateTotal(done, first, last, headPosition));
  }
  onProgress(done, done);
  await readStore.activateGeneration(generation);
  return { generation, events: done, failures, position: last };
}

/**
 * Events in the log, from how densely the pages so far covered the positions up to the head.
 * Exact on the embedded store (dense positions); an estimate on EventStoreDB (byte positions).
 */
function estimateTotal(done: number, first: number, last: number, head: number | null): number {
  if (head === null || last >= head) return done;
  const perPosition = done / Math.max(1, last - first + 1);
  return Math.max(done, Math.round(done + (head - last) * perPosition));
}
