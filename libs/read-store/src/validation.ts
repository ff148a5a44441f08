import { GenerationGoneError, InvalidQueryError } from './errors';

/**
 * Names that end up inside SQL identifiers, JSON paths and MongoDB keys. Both adapters check them the same
 * way, so nothing a caller passes can become an identifier, a path expression or an operator.
 */

/** Collection names become table / collection names `g<N>_<collection>`. */
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;
/**
 * A field is a dotted path of identifiers. The first segment must not start with `_` (the MongoDB adapter
 * keeps `_id` and `_position` for itself); no segment may be numeric (array indexes are spelled differently
 * in SQLite JSON paths and MongoDB, so they are not supported) or contain `$`.
 */
const FIRST_SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
const LATER_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_FIELD_LENGTH = 200;
const MAX_FIELD_DEPTH = 8;

export function assertCollectionName(collection: unknown): asserts collection is string {
  if (typeof collection !== 'string' || !COLLECTION_NAME.test(collection)) {
    throw new InvalidQueryError(`Invalid collection name ${JSON.stringify(collection)}: letters, digits and _ only, starting with a letter`);
  }
}

export function assertFieldPath(field: unknown): asserts field is string {
  if (typeof field !== 'string' || field.length === 0 || field.length > MAX_FIELD_LENGTH) {
    throw new InvalidQueryError(`Invalid field name ${JSON.stringify(field)}`);
  }
  const segments = field.split('.');
  const valid =
    segments.length <= MAX_FIELD_DEPTH &&
    FIRST_SEGMENT.test(segments[0]) &&
    segments.slice(1).every((segment) => LATER_SEGMENT.test(segment));
  if (!valid) throw new InvalidQueryError(`Invalid field name ${JSON.stringify(field)}: dotted identifiers only`);
}

export function assertGeneration(generation: unknown): asserts generation is number {
  if (typeof generation !== 'number' || !Number.isSafeInteger(generation) || generation < 1) {
    throw new GenerationGoneError(generation as number);
  }
}

export function assertProjectionName(projection: unknown): asserts projection is string {
  if (typeof projection !== 'string' || projection.length === 0 || projection.length > 200) {
    throw new InvalidQueryError(`Invalid projection name ${JSON.stringify(projection)}`);
  }
}

/** Global positions: the event store's, non-negative safe integers. */
export function assertPosition(position: unknown, what = 'position'): asserts position is number {
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
    throw new InvalidQueryError(`Invalid ${what} ${String(position)}: a non-negative integer`);
  }
}

export function assertDocumentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 1024) {
    throw new InvalidQueryError(`Invalid document id ${JSON.stringify(id)}: a non-empty string`);
  }
}

/** A scalar a filter may compare with; objects and arrays are refused so they can never act as operators. */
export function isScalar(value: unknown): value is string | number | boolean | null {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}
