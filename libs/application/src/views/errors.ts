/** The projections have not reached the position a client asked for within the wait; the client retries. */
export class ProjectionNotCaughtUpError extends Error {
  constructor(readonly minPosition: number, readonly waitedMs: number) {
    super(`The read models have not reached position ${minPosition} within ${waitedMs} ms; retry shortly`);
    this.name = 'ProjectionNotCaughtUpError';
  }
}

/** This process was started without a read store or projector, so it cannot answer queries over read models. */
export class ReadModelsUnavailableError extends Error {
  constructor(what: string) {
    super(`The read models are not available in this process (${what} not configured)`);
    this.name = 'ReadModelsUnavailableError';
  }
}

/** A query parameter was well formed for the DTO but refused by the read store (a cursor from elsewhere). */
export class InvalidQueryParameterError extends Error {
  constructor(readonly parameter: string, readonly problem: string) {
    super(`${parameter}: ${problem}`);
    this.name = 'InvalidQueryParameterError';
  }
}
