export * from './decider';
export * from './rule-violation';
export * from './vocabulary';
export * from './values';
export * from './refs';
export * from './actor-rules';
