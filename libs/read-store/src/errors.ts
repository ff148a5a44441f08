/**
 * Errors of the read store. Callers map them: `InvalidCursorError` and `InvalidQueryError` are the
 * client's fault (HTTP 400); `GenerationGoneError` means "re-read `activeGeneration()` and retry".
 */

/** A `cursor` that this store did not issue for this sort (garbled, tampered with, or from another sort). */
export class InvalidCursorError extends Error {
  constructor(reason: string) {
    super(`Invalid cursor: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}

/** A query or change the store refuses before touching any data (bad field name, operator-shaped value, ...). */
export class InvalidQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQueryError';
  }
}

/**
 * The generation was dropped (a newer one was activated) or never existed. Both adapters throw it from every
 * per-generation read and write, so a reader that raced an activation learns to switch instead of seeing an
 * empty read model, and a projector still writing to the old generation stops instead of resurrecting it.
 */
export class GenerationGoneError extends Error {
  constructor(readonly generation: number) {
    super(`Read model generation ${generation} does not exist (it was dropped when a newer one was activated, or never created)`);
    this.name = 'GenerationGoneError';
  }
}
