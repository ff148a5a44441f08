export { SqliteEventStore } from './sqlite-event-store';
export type { SqliteEventStoreOptions, SqliteEventStoreStats } from './sqlite-event-store';
export { LATEST_SCHEMA_VERSION } from './schema';
