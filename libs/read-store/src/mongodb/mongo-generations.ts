import { ClientSession, Collection, Db } from 'mongodb';
import { GenerationGoneError, InvalidQueryError } from '../errors';
import { ignoreDuplicateKey } from './guarded-bulk-write';

type GenerationState = 'building' | 'active' | 'dropped';

interface GenerationDoc {
  _id: number;
  state: GenerationState;
  createdAt: string;
  activatedAt?: string;
  droppedAt?: string;
}

interface MetaDoc {
  _id: string;
  generation?: number;
  value?: number;
}

const ACTIVE = 'active';
const COUNTER = 'generationCounter';

/**
 * Generation bookkeeping of the MongoDB read store. `readStoreMeta` holds the authoritative active pointer and
 * a counter (numbers are never reused); `readStoreGenerations` one document per generation with its state.
 */
export class MongoGenerations {
  private readonly meta: Collection<MetaDoc>;
  private readonly generations: Collection<GenerationDoc>;

  constructor(db: Db) {
    this.meta = db.collection<MetaDoc>('readStoreMeta');
    this.generations = db.collection<GenerationDoc>('readStoreGenerations');
  }

  /** First start: generation 1 exists and is active. Idempotent, and safe when several processes start at once. */
  async bootstrap(): Promise<void> {
    const at = now();
    await ignoreDuplicateKey(this.meta.updateOne({ _id: COUNTER }, { $max: { value: 1 } }, { upsert: true }));
    await ignoreDuplicateKey(
      this.generations.updateOne({ _id: 1 }, { $setOnInsert: { state: 'active', createdAt: at, activatedAt: at } }, { upsert: true }),
    );
    await ignoreDuplicateKey(this.meta.updateOne({ _id: ACTIVE }, { $setOnInsert: { generation: 1 } }, { upsert: true }));
  }

  async active(session?: ClientSession): Promise<number> {
    const pointer = await this.meta.findOne({ _id: ACTIVE }, { session });
    if (typeof pointer?.generation !== 'number') throw new Error('The read store has no active generation');
    return pointer.generation;
  }

  /** A new generation numbered above every one ever created, in state 'building'. */
  async allocate(): Promise<number> {
    const counter = await this.meta.findOneAndUpdate({ _id: COUNTER }, { $inc: { value: 1 } }, { upsert: true, returnDocument: 'after' });
    const generation = counter?.value;
    if (typeof generation !== 'number') throw new Error('Could not allocate a read model generation');
    await this.generations.insertOne({ _id: generation, state: 'building', createdAt: now() });
    return generation;
  }

  /**
   * Moves the pointer to `generation` (compare-and-set against the active one) and marks every older
   * generation dropped. Returns false when `generation` is already active. Run it in a transaction when there
   * are transactions; without, the pointer moves first, so readers never follow it to a dropped generation.
   */
  async switchTo(generation: number, session?: ClientSession): Promise<boolean> {
    await this.assertLive(generation, session);
    const active = await this.active(session);
    if (active === generation) return false;
    if (active > generation) throw new InvalidQueryError(`Generation ${generation} is older than the active generation ${active}`);
    const at = now();
    const moved = await this.meta.updateOne({ _id: ACTIVE, generation: active }, { $set: { generation } }, { session });
    if (moved.matchedCount !== 1) throw new Error(`Generation ${generation} not activated: the active generation changed concurrently`);
    await this.generations.updateMany({ _id: { $lt: generation }, state: { $ne: 'dropped' } }, { $set: { state: 'dropped', droppedAt: at } }, { session });
    await this.generations.updateOne({ _id: generation }, { $set: { state: 'active', activatedAt: at } }, { session });
    return true;
  }

  async live(): Promise<number[]> {
    const rows = await this.generations.find({ state: { $ne: 'dropped' } }, { projection: { _id: 1 } }).toArray();
    return rows.map((row) => row._id).sort((a, b) => a - b);
  }

  async assertLive(generation: number, session?: ClientSession): Promise<void> {
    const row = await this.generations.findOne({ _id: generation }, { projection: { state: 1 }, session });
    if (!row || row.state === 'dropped') throw new GenerationGoneError(generation);
  }
}

function now(): string {
  return new Date().toISOString();
}
