export * from './port';
export * from './errors';
export { DEFAULT_LIMIT, MAX_LIMIT } from './find-query';
export * from './embedded';
export * from './mongodb';
export * from './memory';
export * from './open-read-store';
