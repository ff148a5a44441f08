import type { RecordedEvent } from '@ikrar/event-store';
import type { ReadDocument, ReadStore } from '@ikrar/read-store';
import type { Projection } from '../projection';
import { BatchOutcome, FetchDocuments, projectBatch } from './project-batch';
import { SoleWriterMemory } from './sole-writer-memory';

/**
 * Batches handed over and not known to be committed yet, at most. With two, the next batch is folded while
 * one is written and another waits its turn: neither thread waits for the other on an uneven batch.
 */
const MAX_IN_FLIGHT = 2;

export interface PipelineOptions {
  /** After each projection's commit of a batch, once it is committed. */
  readonly onCommitted?: (outcome: BatchOutcome) => void;
  /**
   * The generation was empty when this pipeline started and nobody else writes it (a rebuild's): reads of
   * documents it never wrote, and of small collections, are answered from memory (see SoleWriterMemory).
   */
  readonly soleWriter?: boolean;
}

interface InFlight {
  /** Settles once this batch's commits are done; rejects if they, or an earlier batch's, failed. */
  readonly done: Promise<void>;
  /** collection -> id -> the batch's final document (null: deleted). */
  readonly overlay: Map<string, Map<string, ReadDocument | null>>;
}

/**
 * Projects batches into one generation while earlier batches are still being committed (write-behind):
 * batch N+2 is folded while the read store writes batches N and N+1. Commits are handed over in order, one
 * batch after the other (a batch's commits start only once the previous batch's succeeded), and every
 * commit still carries its own checkpoint in the same transaction as its documents.
 *
 * A batch reads the documents of the batches in flight from overlays of their changes (newest first), and
 * everything else from the store, which holds every batch before them. Should a commit fail, no later batch
 * is committed: `apply` and `settle` throw, and the caller starts over from the checkpoints the store holds.
 */
export class BatchPipeline {
  /** Oldest first. */
  private readonly inflight: InFlight[] = [];
  private failWith: (error: unknown) => void = () => undefined;
  /**
   * Rejects as soon as a commit fails, even while no `apply` or `settle` is waiting (a live projector
   * waiting for the next event races it); never resolves.
   */
  readonly failed: Promise<never> = new Promise<never>((_, reject) => (this.failWith = reject));
  private readonly onCommitted: (outcome: BatchOutcome) => void;
  private readonly memory: SoleWriterMemory | null;

  constructor(
    private readonly readStore: ReadStore,
    private readonly projections: readonly Projection[],
    readonly generation: number,
    /** By projection: where its batches have reached (handed over, committed or not). Updated by `apply`. */
    private readonly checkpoints: Map<string, number | null>,
    options: PipelineOptions = {},
  ) {
    this.failed.catch(() => undefined);
    this.onCommitted = options.onCommitted ?? (() => undefined);
    this.memory = options.soleWriter ? new SoleWriterMemory() : null;
  }

  /** Folds the batch, waits until fewer than MAX_IN_FLIGHT batches are in flight, hands this one's commits over; returns the failures recorded. */
  async apply(events: readonly RecordedEvent[]): Promise<number> {
    const outcomes = await projectBatch(this.projections, events, this.fetch, this.checkpoints);
    while (this.inflight.length >= MAX_IN_FLIGHT) await this.oldestDone();
    if (outcomes.length === 0) return 0;
    let failures = 0;
    const overlay = new Map<string, Map<string, ReadDocument | null>>();
    for (const outcome of outcomes) {
      this.checkpoints.set(outcome.projection, outcome.position);
      failures += outcome.failures.length;
      for (const change of outcome.changes) {
        let byId = overlay.get(change.collection);
        if (byId === undefined) overlay.set(change.collection, (byId = new Map()));
        const id = change.op === 'upsert' ? change.doc.id : change.id;
        const doc = change.op === 'upsert' ? change.doc : null;
        byId.set(id, doc);
        this.memory?.record(change.collection, id, doc);
      }
    }
    const previous = this.inflight.length > 0 ? this.inflight[this.inflight.length - 1].done : Promise.resolve();
    const done = previous.then(() => this.commitInOrder(outcomes));
    // Observed by a later `apply` or `settle`, and at once through `failed`.
    done.catch((error: unknown) => this.failWith(error));
    this.inflight.push({ done, overlay });
    return failures;
  }

  /** Waits until every batch handed over is committed; throws if a commit failed (nothing after it was committed). */
  async settle(): Promise<void> {
    while (this.inflight.length > 0) await this.oldestDone();
  }

  private async oldestDone(): Promise<void> {
    try {
      await this.inflight[0].done;
    } catch (error) {
      // Nothing after a failed commit is committed (each batch waits for the one before): drop them all.
      this.inflight.length = 0;
      throw error;
    }
    this.inflight.shift();
  }

  private async commitInOrder(outcomes: readonly BatchOutcome[]): Promise<void> {
    for (const outcome of outcomes) {
      await this.readStore.commit(this.generation, outcome.projection, outcome.changes, outcome.position, outcome.failures);
      this.onCommitted(outcome);
    }
  }

  /** The in-flight batches' documents first (newest first), then what a sole writer remembers, the store for the rest (one getMany per collection). */
  private readonly fetch: FetchDocuments = async (collection, ids) => {
    if (this.inflight.length === 0 && this.memory === null) return this.readStore.getMany(this.generation, collection, ids);
    const found: ReadDocument[] = [];
    const rest: string[] = [];
    for (const id of ids) {
      let doc: ReadDocument | null | undefined;
      for (let i = this.inflight.length - 1; i >= 0 && doc === undefined; i--) doc = this.inflight[i].overlay.get(collection)?.get(id);
      if (doc === undefined && this.memory !== null) doc = this.memory.recall(collection, id);
      if (doc === undefined) rest.push(id);
      else if (doc !== null) found.push(doc);
    }
    if (rest.length === 0) return found;
    const stored = await this.readStore.getMany(this.generation, collection, rest);
    for (const doc of stored) found.push(doc);
    return found;
  };
}
