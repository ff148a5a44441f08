import type { RecordedEvent } from '@ikrar/event-store';
import type { DocumentChange, IndexSpec, ReadDocument } from '@ikrar/read-store';

/** Where one document lives. */
export interface DocumentKey {
  readonly collection: string;
  readonly id: string;
}

/** Read access to the projection's own documents as they stand before the event (the batch so far included). */
export interface DocumentLookup {
  get(collection: string, id: string): ReadDocument | null;
}

/**
 * A projection: a pure reducer from events to document changes. The same functions serve the
 * live projector, a rebuild and (later) the auditor's replay.
 */
export interface Projection {
  readonly name: string;
  /** Every collection it writes, private copies included; it reads only these. */
  readonly collections: readonly string[];
  readonly indexes: readonly IndexSpec[];
  /** Event types it understands (it may still ignore some). A type in no projection's list is a recorded failure. */
  readonly knownEventTypes: readonly string[];
  /**
   * Documents this event needs to read; the runner prefetches them per batch with one getMany per
   * collection. It runs in rounds: `docs` holds what earlier rounds fetched (null: not fetched or
   * absent), so a key may follow a link (report -> its commitment) found in a fetched document.
   * Rule for reducers: an event that writes a link to another document also names that document
   * here, so a later event of the same batch can follow the link before it is stored.
   */
  reads(event: RecordedEvent, docs: DocumentLookup): DocumentKey[];
  /** Pure. Throws on a bad payload (the runner records the failure and goes on). Returns [] for events it ignores. */
  project(event: RecordedEvent, docs: DocumentLookup): DocumentChange[];
}
