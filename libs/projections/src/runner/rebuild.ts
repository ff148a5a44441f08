import type { EventStore } from '@ikrar/event-store';
import { ReadStore, SqliteReadStore } from '@ikrar/read-store';
import type { Projection } from '../projection';
import type { BatchPipeline } from './batch-pipeline';

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

/**
 * Events per page of a rebuild (and of a bulk catch-up). Smaller than the live projector's batches: with
 * the commits written behind on another thread, 2,500 is as fast as 5,000 and keeps about 50 MB less in memory.
 */
export const REBUILD_PAGE_SIZE = 2500;

export interface RebuildOptions {
  readonly onProgress?: RebuildProgress;
  /** Events read and projected per page. Default REBUILD_PAGE_SIZE. */
  readonly pageSize?: number;
  /** Looked at between pages: true abandons the new generation (left unactivated; the next activation drops it). */
  readonly shouldStop?: () => boolean;
  /** Once the new generation exists, with the head of the log seen then (null: empty log). */
  readonly onStart?: (generation: number, headPosition: number | null) => void;
}

/**
 * Replays the whole log, page by page (never all of it in memory), into a fresh generation and
 * activates it once caught up; readers keep using the old generation until that moment. The pages go
 * through `pipeline`, the live projector's batch step (same reducers, commits written behind), and the
 * last page is committed before the activation. Null when stopped early.
 */
export async function rebuildGeneration(
  deps: { eventStore: EventStore; readStore: ReadStore; projections: readonly Projection[] },
  pipeline: (generation: number, checkpoints: Map<string, number | null>) => BatchPipeline,
  options: RebuildOptions = {},
): Promise<RebuildResult | null> {
  const { eventStore, readStore, projections } = deps;
  const onProgress = options.onProgress ?? (() => undefined);
  const pageSize = options.pageSize ?? REBUILD_PAGE_SIZE;
  const indexes = projections.flatMap((projection) => projection.indexes);
  await readStore.ensureIndexes(indexes);
  // The embedded store bulk-loads the new generation and builds its indexes once, at activation.
  const generation = readStore instanceof SqliteReadStore ? await readStore.createGeneration({ deferIndexes: true }) : await readStore.createGeneration();
  await readStore.ensureIndexes(indexes);
  const [head] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
  const headPosition = head?.globalPosition ?? null;
  options.onStart?.(generation, headPosition);
  const steps = pipeline(generation, new Map<string, number | null>(projections.map((projection) => [projection.name, null])));

  let done = 0;
  let failures = 0;
  let first: number | null = null;
  let last: number | null = null;
  let stopped = false;
  try {
    // Until the head seen at the start, then on until a page comes back empty (the API may still be appending).
    for (;;) {
      if (options.shouldStop?.()) {
        stopped = true;
        break;
      }
      const page = await eventStore.readAll(last === null ? { maxCount: pageSize } : { after: last, maxCount: pageSize });
      if (page.length === 0) break;
      failures += await steps.apply(page);
      first ??= page[0].globalPosition;
      last = page[page.length - 1].globalPosition;
      done += page.length;
      onProgress(done, estimateTotal(done, first, last, headPosition));
    }
  } catch (error) {
    // What was handed over still finishes (or fails) before the error goes up.
    await steps.settle().catch(() => undefined);
    throw error;
  }
  // The last page is committed before the generation can be activated.
  await steps.settle();
  if (stopped) return null;
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
