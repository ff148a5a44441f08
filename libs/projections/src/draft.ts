import type { RecordedEvent } from '@ikrar/event-store';
import type { DocumentChange, ReadDocument } from '@ikrar/read-store';
import { MissingDocumentError } from './errors';
import type { DocumentLookup } from './projection';

/** Every projected document carries these two. */
export type Versioned = {
  /** Global position of the last event that changed the document. */
  readonly position: number;
  /** Revision of the document's own entity stream (null for a private copy no own-stream event wrote yet). */
  readonly revision: number | null;
};

/** A projected document as the reducers type it. */
export type ProjectedDocument = { readonly id: string } & Versioned;

export interface WriteOptions {
  /** The event belongs to this document's own entity stream: its revision follows the stream. */
  readonly own: boolean;
}

type Fields<T> = Omit<T, 'id' | 'position' | 'revision'>;

/**
 * The changes one event makes, with the position guard: a document whose `position` is at or past
 * the event already reflects it, so writing it again is skipped (a replayed event is a no-op).
 * Reads see the event's own earlier writes.
 */
export class Draft {
  /** `collection \0 id` -> the document as this event last wrote it. */
  private readonly written = new Map<string, ReadDocument>();
  private readonly order: DocumentChange[] = [];
  /** Some document was written more than once: `changes()` keeps only its last write. */
  private rewritten = false;

  constructor(
    readonly event: RecordedEvent,
    private readonly docs: DocumentLookup,
  ) {}

  get<T extends ProjectedDocument>(collection: string, id: string): T | null {
    return (this.written.get(keyOf(collection, id)) ?? this.docs.get(collection, id)) as unknown as T | null;
  }

  require<T extends ProjectedDocument>(collection: string, id: string): T {
    const doc = this.get<T>(collection, id);
    if (!doc) throw new MissingDocumentError(collection, id);
    return doc;
  }

  /** Writes the whole document (creating or replacing it). */
  put<T extends ProjectedDocument>(collection: string, id: string, fields: Fields<T>, options: WriteOptions): void {
    const key = keyOf(collection, id);
    const mine = this.written.get(key);
    const current = (mine ?? this.docs.get(collection, id)) as T | null;
    if (mine === undefined && current && current.position >= this.event.globalPosition) return;
    const revision = options.own ? this.event.streamRevision : (current?.revision ?? null);
    this.record(key, collection, { id, ...fields, position: this.event.globalPosition, revision } as ReadDocument, mine !== undefined);
  }

  /** Changes some fields of an existing document; throws MissingDocumentError when there is none. */
  update<T extends ProjectedDocument>(collection: string, id: string, change: (doc: T) => Partial<Fields<T>>, options: WriteOptions): void {
    const key = keyOf(collection, id);
    const mine = this.written.get(key);
    const current = (mine ?? this.docs.get(collection, id)) as T | null;
    if (!current) throw new MissingDocumentError(collection, id);
    const patch = change(current);
    if (mine === undefined && current.position >= this.event.globalPosition) return;
    const position = this.event.globalPosition;
    const revision = options.own ? this.event.streamRevision : (current.revision ?? null);
    // One copy: the patch's fields keep their places in the document, and position and revision theirs at the end.
    // A field the document does not have yet goes before those two, as a whole `put` would place it.
    const doc = hasOnlyFieldsOf(current, patch)
      ? { ...current, ...patch, position, revision }
      : { id, ...withoutBookkeeping(current), ...patch, position, revision };
    this.record(key, collection, doc as unknown as ReadDocument, mine !== undefined);
  }

  /** The changes, one per document (its final state), in the order of their last writes. */
  changes(): DocumentChange[] {
    if (!this.rewritten) return this.order;
    const seen = new Set<string>();
    const out: DocumentChange[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) {
      const change = this.order[i];
      const key = change.op === 'upsert' ? keyOf(change.collection, change.doc.id) : keyOf(change.collection, change.id);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(change);
    }
    return out.reverse();
  }

  private record(key: string, collection: string, doc: ReadDocument, again: boolean): void {
    if (again) this.rewritten = true;
    this.written.set(key, doc);
    this.order.push({ op: 'upsert', collection, doc });
  }
}

function keyOf(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

function hasOnlyFieldsOf(doc: object, patch: object): boolean {
  for (const field in patch) if (!Object.prototype.hasOwnProperty.call(doc, field)) return false;
  return true;
}

/** The document's own fields, in order, without `id`, `position` and `revision` (which a write sets again). */
function withoutBookkeeping<T extends ProjectedDocument>(doc: T): Omit<T, 'id' | 'position' | 'revision'> {
  const { id: _id, position: _position, revision: _revision, ...fields } = doc;
  return fields;
}
