export * from './shared';
export * from './application.module';
export * from './partners';
export * from './forums';
export * from './agreements';
export * from './commitments';
export * from './role-assignments';
export * from './reports';
