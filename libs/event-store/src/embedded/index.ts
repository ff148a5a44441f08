export { SqliteEventStore } from './sqlite-event-store';
export type { SqliteEventStoreOptions, SqliteEventStoreStats } from './sqlite-event-store';
export { LATEST_SCHEMA_VERSION } from './schema';
export { toRecordedEvent } from './mapping';
export type { EventRow, StoredRow } from './mapping';
export type { EventRowHead } from './statements';
