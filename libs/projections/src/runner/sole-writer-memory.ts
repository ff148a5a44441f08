import type { ReadDocument } from '@ikrar/read-store';

/** A collection with at most this many documents is kept whole in memory (partners, forums, roles...). */
const SMALL_COLLECTION = 4096;
/** Bits of the filter of written ids: 2 MiB. About 1 false "maybe" in 40,000 at 300,000 ids, 7 in 100 at 3 million. */
const FILTER_BITS = 1 << 24;
const FILTER_HASHES = 4;

/**
 * What a pipeline knows of a generation that only it writes, from empty (a rebuild's): which documents
 * exist at all (a Bloom filter of every id written), and every document of the small collections. A read
 * it can answer need not go to the store: most reads of a replay look up a document that is about to be
 * created, or one of a few thousand partners. Anything else (a large collection's document that may exist)
 * is left to the store. Only correct while nobody else writes the generation.
 */
export class SoleWriterMemory {
  private readonly filter = new Uint8Array(FILTER_BITS >>> 3);
  /** collection -> id -> its latest document (null: deleted); 'large' once it outgrew SMALL_COLLECTION. */
  private readonly collections = new Map<string, Map<string, ReadDocument | null> | 'large'>();

  /** A document as written (committed or handed over to be). */
  record(collection: string, id: string, doc: ReadDocument | null): void {
    this.mark(collection, id);
    let docs = this.collections.get(collection);
    if (docs === 'large') return;
    if (docs === undefined) this.collections.set(collection, (docs = new Map()));
    docs.set(id, doc);
    if (docs.size > SMALL_COLLECTION) this.collections.set(collection, 'large');
  }

  /** The document (null: there is none), or undefined when only the store can tell. */
  recall(collection: string, id: string): ReadDocument | null | undefined {
    const docs = this.collections.get(collection);
    if (docs === undefined) return null;
    if (docs !== 'large') return docs.get(id) ?? null;
    return this.mayHold(collection, id) ? undefined : null;
  }

  private mark(collection: string, id: string): void {
    hash(collection, id);
    for (let i = 0; i < FILTER_HASHES; i++) {
      const bit = ((h1 + i * h2) >>> 0) & (FILTER_BITS - 1);
      this.filter[bit >>> 3] |= 1 << (bit & 7);
    }
  }

  private mayHold(collection: string, id: string): boolean {
    hash(collection, id);
    for (let i = 0; i < FILTER_HASHES; i++) {
      const bit = ((h1 + i * h2) >>> 0) & (FILTER_BITS - 1);
      if ((this.filter[bit >>> 3] & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  }
}

/** The two hashes of the last `hash` call (module state: no array allocated per call). */
let h1 = 0;
let h2 = 0;

/** Two 32-bit FNV-1a hashes (different offset bases) of `collection \0 id`, for double hashing, into h1 and h2. */
function hash(collection: string, id: string): void {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < collection.length; i++) {
    const c = collection.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  a = Math.imul(a, 0x01000193);
  b = Math.imul(b, 0x01000193);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  h1 = mix(a);
  // An odd step, so the probes of one id differ.
  h2 = (mix(b) | 1) >>> 0;
}

/** MurmurHash3's finaliser: spreads every input bit over the low bits the filter uses. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
