/** Injection tokens for the ports the application layer needs; the app module binds adapters. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CONTACT_VAULT = Symbol('CONTACT_VAULT');
export const CLOCK = Symbol('CLOCK');

/** Injected so tests can pin "today" (rules such as "no actuals dated in the future" depend on it). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
