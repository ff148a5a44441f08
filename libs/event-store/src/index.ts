export * from './port';
export * from './errors';
export * from './embedded';
export * from './eventstoredb';
