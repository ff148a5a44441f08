import type { RecordedEvent } from '@ikrar/event-store';
import type { DocumentChange, IndexSpec } from '@ikrar/read-store';
import { Draft } from './draft';
import { UnsupportedSchemaVersionError } from './errors';
import { Fields } from './payload';
import type { DocumentKey, DocumentLookup, Projection } from './projection';

/** How one projection handles one event type, at the one schema version it reads. */
export interface EventHandler {
  readonly schemaVersion: number;
  /** Lenient (never throws on a bad payload: `project` reports it). */
  reads(event: RecordedEvent, docs: DocumentLookup): DocumentKey[];
  project(data: Fields, draft: Draft): void;
}

export interface ProjectionDefinition {
  readonly name: string;
  readonly collections: readonly string[];
  readonly indexes: readonly IndexSpec[];
  readonly handlers: Readonly<Record<string, EventHandler>>;
}

/** Builds a Projection from a table of handlers keyed by event type; types not in the table are ignored. */
export function defineProjection(definition: ProjectionDefinition): Projection {
  const handlers = new Map(Object.entries(definition.handlers));
  const handlerFor = (type: string): EventHandler | undefined => handlers.get(type);
  return {
    name: definition.name,
    collections: definition.collections,
    indexes: definition.indexes,
    knownEventTypes: Object.keys(definition.handlers),
    reads(event: RecordedEvent, docs: DocumentLookup): DocumentKey[] {
      return handlerFor(event.type)?.reads(event, docs) ?? [];
    },
    project(event: RecordedEvent, docs: DocumentLookup): DocumentChange[] {
      const handler = handlerFor(event.type);
      if (!handler) return [];
      if (event.schemaVersion !== handler.schemaVersion) {
        throw new UnsupportedSchemaVersionError(event.type, event.schemaVersion, handler.schemaVersion);
      }
      const draft = new Draft(event, docs);
      handler.project(Fields.of(event), draft);
      return draft.changes();
    },
  };
}

/** Shorthand for a key list, dropping keys whose id could not be read. */
export function keys(...entries: Array<[collection: string, id: string | null | undefined]>): DocumentKey[] {
  const out: DocumentKey[] = [];
  for (const [collection, id] of entries) if (typeof id === 'string' && id.length > 0) out.push({ collection, id });
  return out;
}
