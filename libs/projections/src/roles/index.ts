export * from './documents';
export * from './roles.projection';
