export * from './documents';
export * from './indexes';
export * from './ledger.projection';
