import { join } from 'node:path';
import { SqliteEventStore } from './embedded';
import { EventStoreDbEventStore } from './eventstoredb';
import { EventStore } from './port';

export interface EventStoreSettings {
  /** `esdb://…` selects EventStoreDB; `null` the embedded SQLite store. */
  readonly eventStoreUrl: string | null;
  readonly dataDir: string;
}

export const EMBEDDED_EVENTS_FILE = 'events.sqlite';

/** The one place that chooses the adapter from configuration. */
export async function openEventStore(settings: EventStoreSettings): Promise<EventStore> {
  if (settings.eventStoreUrl !== null) return EventStoreDbEventStore.connect(settings.eventStoreUrl);
  return SqliteEventStore.open({ file: join(settings.dataDir, EMBEDDED_EVENTS_FILE) });
}
