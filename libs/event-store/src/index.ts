export * from './port';
export * from './errors';
export * from './embedded';
export * from './eventstoredb';
export * from './open-event-store';
export * from './hashing';
export * from './verify-log';
