import { DomainEvent } from '@ikrar/domain';
import { RecordedEvent } from '@ikrar/event-store';

/**
 * Stored payloads are never migrated in place. When an event's shape changes, its schema
 * version goes up and an upcaster here lifts older versions to the current shape on read,
 * one version at a time, so every reader (handlers, projections, audit replay) sees one shape.
 */
type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** `${type}@${fromVersion}` -> function producing version fromVersion + 1. */
const UPCASTERS: Record<string, Upcaster> = {};

export function registerUpcaster(type: string, fromVersion: number, upcaster: Upcaster): void {
  UPCASTERS[`${type}@${fromVersion}`] = upcaster;
}

export function upcast(event: Pick<RecordedEvent, 'type' | 'schemaVersion' | 'data'>): DomainEvent {
  let data = event.data;
  let version = event.schemaVersion;
  for (let next = UPCASTERS[`${event.type}@${version}`]; next; next = UPCASTERS[`${event.type}@${version}`]) {
    data = next(data);
    version += 1;
  }
  return { type: event.type, data };
}
