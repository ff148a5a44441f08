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
  private readonly written = new Map<string, ReadDocument>();
  private readonly order: DocumentChange[] = [];

  constructor(
    readonly event: RecordedEvent,
    private readonly docs: DocumentLookup,
  ) {}

  get<T extends ProjectedDocument>(collection: string, id: string): T | null {
    const key = `${collection}\u0000${id}`;
    return (this.written.get(key) ?? this.docs.get(collection, id)) as unknown as T | null;
  }

  require<T extends ProjectedDocument>(collection: string, id: string): T {
    const doc = this.get<T>(collection, id);
    if (!doc) throw new MissingDocumentError(collection, id);
    return doc;
  }

  /** Writes the whole document (creating or replacing it). */
  put<T extends ProjectedDocument>(collection: string, id: string, fields: Fields<T>, options: WriteOptions): void {
    const key = `${collection}\u0000${id}`;
    const current = this.get<T>(collection, id);
    if (current && !this.written.has(key) && current.position >= this.event.globalPosition) return;
    const revision = options.own ? this.event.streamRevision : (current?.revision ?? null);
    const doc = { id, ...fields, position: this.event.globalPosition, revision } as ReadDocument;
    this.written.set(key, doc);
    this.order.push({ op: 'upsert', collection, doc });
  }

  /** Changes some fields of an existing document; throws MissingDocumentError when there is none. */
  update<T extends ProjectedDocument>(collection: string, id: string, change: (doc: T) => Partial<Fields<T>>, options: WriteOptions): void {
    const current = this.require<T>(collection, id);
    const { id: _id, position: _position, revision: _revision, ...fields } = current;
    this.put<T>(collection, id, { ...fields, ...change(current) } as unknown as Fields<T>, options);
  }

  /** The changes, one per document (its final state), in first-written order. */
  changes(): DocumentChange[] {
    const seen = new Set<string>();
    const out: DocumentChange[] = [];
    for (let i = this.order.length - 1; i >= 0; i--) {
      const change = this.order[i];
      const key = change.op === 'upsert' ? `${change.collection}\u0000${change.doc.id}` : `${change.collection}\u0000${change.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.unshift(change);
    }
    return out;
  }
}
