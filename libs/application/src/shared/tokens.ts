/** Injection tokens for the ports the application layer needs; the app module binds adapters. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const CONTACT_VAULT = Symbol('CONTACT_VAULT');
export const CLOCK = Symbol('CLOCK');
/** The read store holding the projected documents (`null` where a process only writes). */
export const READ_STORE = Symbol('READ_STORE');
/** The projector's progress (wait for a position, report lag); `null` where a process has none. */
export const PROJECTOR = Symbol('PROJECTOR');

/** Injected so tests can pin "today" (rules such as "no actuals dated in the future" depend on it). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
