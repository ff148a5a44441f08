/** The addressed entity does not exist (or, later, is not visible to the caller). */
export class EntityNotFoundError extends Error {
  constructor(readonly entity: string, readonly id: string) {
    super(`${entity} ${id} was not found`);
    this.name = 'EntityNotFoundError';
  }
}

/** `If-Match` named a revision the entity is no longer at. */
export class PreconditionFailedError extends Error {
  constructor(readonly expectedRevision: number, readonly actualRevision: number) {
    super(`The entity is at revision ${actualRevision}, not ${expectedRevision} as If-Match requires`);
    this.name = 'PreconditionFailedError';
  }
}

/** The same idempotency key was sent earlier with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key "${idempotencyKey}" was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** Too many concurrent writers on one entity; the client may retry. */
export class ConcurrencyExhaustedError extends Error {
  constructor(readonly streamId: string, readonly attempts: number) {
    super(`Gave up on ${streamId} after ${attempts} concurrent-write retries`);
    this.name = 'ConcurrencyExhaustedError';
  }
}

/** The caller can see the entity but its role or scope does not allow this act (403). */
export class ForbiddenError extends Error {
  constructor(readonly act: string, readonly role: string) {
    super(`A ${role} user may not ${act.replace(/-/g, ' ')} here`);
    this.name = 'ForbiddenError';
  }
}
