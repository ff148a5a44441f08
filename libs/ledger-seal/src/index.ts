export * from './sealer';
export * from './signing-key';
export * from './registry';
export * from './full-verify';
