/** The event's payload does not have the shape its type and schema version promise. */
export class BadPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadPayloadError';
  }
}

/** A schema version this projection has no reducer for (never guessed at: recorded as a failure). */
export class UnsupportedSchemaVersionError extends Error {
  constructor(type: string, version: number, supported: number) {
    super(`${type} schema version ${version} is not supported (this projection reads version ${supported})`);
    this.name = 'UnsupportedSchemaVersionError';
  }
}

/** The event refers to a document the projection never built (an earlier event failed, or the log is inconsistent). */
export class MissingDocumentError extends Error {
  constructor(collection: string, id: string) {
    super(`${collection}/${id} does not exist in the read model`);
    this.name = 'MissingDocumentError';
  }
}

/** A reducer read a document its `reads()` did not name: a bug in the projection, caught instead of read as "absent". */
export class UndeclaredReadError extends Error {
  constructor(projection: string, collection: string, id: string) {
    super(`projection ${projection} read ${collection}/${id} without naming it in reads()`);
    this.name = 'UndeclaredReadError';
  }
}
