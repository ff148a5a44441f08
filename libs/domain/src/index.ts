export * from './shared';
export * from './partner';
export * from './forum';
export * from './agreement';
export * from './commitment';
export * from './role-assignment';
export * from './accountability-report';
