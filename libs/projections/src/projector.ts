import { EventEmitter } from 'node:events';
import type { EventStore, EventSubscription } from '@ikrar/event-store';
import { GenerationGoneError, IndexSpec, ReadStore, SqliteReadStore } from '@ikrar/read-store';
import type { Projection } from './projection';
import { BatchPipeline } from './runner/batch-pipeline';
import { BatchReader } from './runner/batch-reader';
import type { BatchOutcome } from './runner/project-batch';
import { REBUILD_PAGE_SIZE, RebuildProgress, RebuildResult, rebuildGeneration } from './runner/rebuild';
import { replayAsOf } from './runner/replay-as-of';

export interface ProjectorOptions {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  /** Largest batch of events projected and committed together. Default 5000 (a rebuild's pages: at most REBUILD_PAGE_SIZE). */
  readonly batchSize?: number;
  /** After every committed projection batch (logging, tests). */
  readonly onCommit?: (commit: CommitInfo) => void;
  /** A problem the loop recovers from by retrying (a store unavailable, say). Default: written to stderr. */
  readonly onError?: (error: unknown) => void;
  /** Pause before retrying after such a problem. Default 1000 ms. */
  readonly retryDelayMs?: number;
  /**
   * Catching up from nothing (no projection has a checkpoint in the active generation) with the head of the
   * log at least this far (global positions: events on the embedded store) takes the rebuild's bulk path: a
   * new generation filled without its indexes on the embedded read store, indexed once and then activated,
   * while readers keep the active one; live projection goes on from the new generation's checkpoints.
   * `false`: never. Default 20000.
   */
  readonly bulkCatchUpFrom?: number | false;
  /** A catch-up from nothing takes the bulk path into `generation`, up to about `headPosition` (logging). */
  readonly onBulkCatchUp?: (generation: number, headPosition: number | null) => void;
}

const DEFAULT_BULK_CATCH_UP_FROM = 20_000;

export interface CommitInfo {
  readonly generation: number;
  readonly projection: string;
  readonly position: number;
  readonly events: number;
  readonly changes: number;
  readonly failures: number;
}

export interface ProjectionStatus {
  readonly projection: string;
  readonly generation: number;
  /** Global position the projection has reached; null before its first event. */
  readonly position: number | null;
  /** Global position of the newest event in the log (0 when empty). */
  readonly headPosition: number;
  /** headPosition - position, in positions (events on the embedded store; bytes of log on EventStoreDB). */
  readonly lag: number;
  /** Events recorded as failures in the active generation. */
  readonly failures: number;
}

/** How often `waitFor` looks at the checkpoints when no local commit wakes it (another process projects). */
const WAIT_POLL_MS = 50;

/**
 * The projector: a catch-up subscription to the global log from the lowest stored checkpoint,
 * folded in batches through the projections and committed per projection together with its
 * checkpoint. It follows the active generation, so a rebuild's switch-over moves it too.
 */
export class Projector {
  private readonly batchSize: number;
  private readonly indexes: readonly IndexSpec[];
  private readonly commits = new EventEmitter();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private subscription: EventSubscription | null = null;
  private wakeFromPause: (() => void) | null = null;

  constructor(private readonly options: ProjectorOptions) {
    this.batchSize = options.batchSize ?? 5000;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${options.batchSize}`);
    const names = options.projections.map((projection) => projection.name);
    if (new Set(names).size !== names.length) throw new Error(`projection names must be unique: ${names.join(', ')}`);
    this.indexes = options.projections.flatMap((projection) => projection.indexes);
    this.commits.setMaxListeners(0);
  }

  /** Creates the indexes and starts projecting in the background; resolves once started. */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.options.readStore.ensureIndexes(this.indexes);
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the batch in hand, commits it, and stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeFromPause?.();
    await this.subscription?.close();
    await this.loop;
    this.loop = null;
  }

  /** True once every projection's checkpoint (active generation) is at or past `position`; false after `timeoutMs`. */
  async waitFor(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.reached(position)) return true;
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.nextCommit(Math.min(remaining, WAIT_POLL_MS));
    }
  }

  async status(): Promise<ProjectionStatus[]> {
    const { eventStore, readStore, projections } = this.options;
    const generation = await readStore.activeGeneration();
    const [head] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
    const headPosition = head?.globalPosition ?? 0;
    return Promise.all(
      projections.map(async (projection) => {
        const [checkpoint, failures] = await Promise.all([
          readStore.checkpoint(generation, projection.name),
          readStore.failures(generation, projection.name),
        ]);
        const position = checkpoint.position;
        return { projection: projection.name, generation, position, headPosition, lag: Math.max(0, headPosition - (position ?? 0)), failures: failures.length };
      }),
    );
  }

  /**
   * Replays the whole log into a new generation and activates it. A projector running in this
   * process moves over at once; one in another process at its next batch.
   */
  async rebuild(onProgress?: RebuildProgress): Promise<RebuildResult> {
    const { eventStore, readStore, projections } = this.options;
    const result = await rebuildGeneration({ eventStore, readStore, projections }, (generation, checkpoints) => this.pipeline(generation, checkpoints, true), {
      onProgress,
      pageSize: Math.min(this.batchSize, REBUILD_PAGE_SIZE),
    });
    // Re-subscribe from the new generation's checkpoints rather than wait for the next event.
    await this.subscription?.close();
    return result!;
  }

  /**
   * The read models as they stood at a past instant (recorded and/or occurred at or before it), replayed
   * from the log with the same reducers into a throwaway in-memory store. Independent of this
   * projector's progress and of the live read store.
   */
  replayAsOf(limits: { readonly recordedUntil?: Date; readonly occurredUntil?: Date }): Promise<ReadStore> {
    const { eventStore, projections } = this.options;
    return replayAsOf({ eventStore, projections, recordedUntil: limits.recordedUntil, occurredUntil: limits.occurredUntil });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.followActiveGeneration();
      } catch (error) {
        if (this.stopping) break;
        // A rebuild activated a newer generation while this batch was being written: simply follow it.
        if (error instanceof GenerationGoneError) continue;
        (this.options.onError ?? reportToStderr)(error);
        await this.pause(this.options.retryDelayMs ?? 1000);
      }
    }
  }

  /** Projects the active generation until stopped, or until another generation becomes active. */
  private async followActiveGeneration(): Promise<void> {
    const { eventStore, readStore, projections } = this.options;
    const generation = await readStore.activeGeneration();
    const checkpoints = new Map<string, number | null>();
    for (const projection of projections) checkpoints.set(projection.name, (await readStore.checkpoint(generation, projection.name)).position);
    const from = lowest([...checkpoints.values()]);
    if (this.stopping) return;
    if (from === null && (await this.farBehindFromNothing(checkpoints))) {
      // Activates the new generation (or is stopped); the next round follows it live from its checkpoints.
      await rebuildGeneration({ eventStore, readStore, projections }, (bulk, marks) => this.pipeline(bulk, marks, true), {
        pageSize: Math.min(this.batchSize, REBUILD_PAGE_SIZE),
        shouldStop: () => this.stopping,
        onStart: this.options.onBulkCatchUp,
      });
      return;
    }
    const subscription = eventStore.subscribeToAll(from === null ? {} : { after: from });
    this.subscription = subscription;
    const steps = this.pipeline(generation, checkpoints);
    try {
      const reader = new BatchReader(subscription, this.batchSize);
      for (;;) {
        // A commit written behind may fail while this waits for events: that ends the wait too.
        const batch = await Promise.race([reader.next(), steps.failed]);
        if (batch === null) break;
        // A rebuild switched generations: start over from the new one's checkpoints.
        if ((await readStore.activeGeneration()) !== generation) break;
        await steps.apply(batch);
        if (this.stopping) break;
        // Catching up never waits on I/O otherwise: let the rest of the process (HTTP, timers) run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // The batch in hand is committed before stopping or moving on.
      await steps.settle();
    } catch (error) {
      await steps.settle().catch(() => undefined);
      throw error;
    } finally {
      this.subscription = null;
      await subscription.close();
    }
  }

  /** Whether to catch up through the bulk path: nothing projected yet, a long log, and a store that loads faster without its indexes. */
  private async farBehindFromNothing(checkpoints: ReadonlyMap<string, number | null>): Promise<boolean> {
    const { eventStore, readStore, bulkCatchUpFrom } = this.options;
    const threshold = bulkCatchUpFrom === undefined ? DEFAULT_BULK_CATCH_UP_FROM : bulkCatchUpFrom;
    if (threshold === false || !(readStore instanceof SqliteReadStore)) return false;
    if ([...checkpoints.values()].some((position) => position !== null)) return false;
    const [head] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
    return head !== undefined && head.globalPosition >= threshold;
  }

  /**
   * The batch step of one generation: fold a batch, commit it with its checkpoints behind the next one
   * (see BatchPipeline); every commit is reported once it is committed.
   */
  private pipeline(generation: number, checkpoints: Map<string, number | null>, soleWriter = false): BatchPipeline {
    const { readStore, projections } = this.options;
    return new BatchPipeline(readStore, projections, generation, checkpoints, {
      soleWriter,
      onCommitted: (outcome: BatchOutcome) => {
        this.options.onCommit?.({
          generation,
          projection: outcome.projection,
          position: outcome.position,
          events: outcome.events,
          changes: outcome.changes.length,
          failures: outcome.failures.length,
        });
        this.commits.emit('commit');
      },
    });
  }

  private async reached(position: number): Promise<boolean> {
    const { readStore, projections } = this.options;
    const generation = await readStore.activeGeneration();
    for (const projection of projections) {
      const checkpoint = await readStore.checkpoint(generation, projection.name);
      if (checkpoint.position === null ? position > 0 : checkpoint.position < position) return false;
    }
    return true;
  }

  /** Settles at the next local commit or after `ms` (a projector in another process commits unseen). */
  private nextCommit(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.commits.off('commit', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.commits.on('commit', done);
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), ms);
      const done = () => {
        clearTimeout(timer);
        this.wakeFromPause = null;
        resolve();
      };
      this.wakeFromPause = done;
    });
  }
}

function lowest(positions: readonly (number | null)[]): number | null {
  if (positions.some((position) => position === null)) return null;
  return Math.min(...(positions as number[]));
}

function reportToStderr(error: unknown): void {
  process.stderr.write(`projector: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}
