export * from './sealer';
export * from './signing-key';
export * from './registry';
