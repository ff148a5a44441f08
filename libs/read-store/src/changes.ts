import { InvalidQueryError } from './errors';
import { DocumentChange, ProjectionFailure } from './port';
import { assertCollectionName, assertDocumentId, assertPosition, assertProjectionName } from './validation';

/** A change checked and serialised before any adapter writes anything, so a bad one fails the whole commit up front. */
export type CheckedChange =
  | { readonly op: 'upsert'; readonly collection: string; readonly id: string; readonly json: string; readonly position: number | null }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

/** Top-level keys the MongoDB adapter uses itself; refused in both adapters so documents round-trip identically. */
const RESERVED_KEYS = ['_id', '_position'];

export function checkChanges(changes: readonly DocumentChange[]): CheckedChange[] {
  if (!Array.isArray(changes)) throw new InvalidQueryError('changes must be an array');
  return changes.map(checkChange);
}

function checkChange(change: DocumentChange, index: number): CheckedChange {
  if (typeof change !== 'object' || change === null) throw new InvalidQueryError(`Change ${index} is not an object`);
  assertCollectionName(change.collection);
  if (change.op === 'delete') {
    assertDocumentId(change.id);
    return { op: 'delete', collection: change.collection, id: change.id };
  }
  if (change.op !== 'upsert') throw new InvalidQueryError(`Change ${index} has unknown op ${JSON.stringify((change as { op: unknown }).op)}`);
  const doc: unknown = change.doc;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InvalidQueryError(`Change ${index}: the document must be an object`);
  }
  const id = (doc as { id?: unknown }).id;
  try {
    assertDocumentId(id);
  } catch (error) {
    throw new InvalidQueryError(`Change ${index} (${change.collection}): ${(error as Error).message}`);
  }
  for (const key of RESERVED_KEYS) {
    if (Object.prototype.hasOwnProperty.call(doc, key)) throw new InvalidQueryError(`Change ${index}: documents may not have a top-level ${key}`);
  }
  let json: string;
  try {
    // JSON is the documents' one representation: both adapters store exactly what JSON keeps (no undefined, no Dates).
    json = JSON.stringify(doc);
  } catch (error) {
    throw new InvalidQueryError(`Change ${index} (${change.collection}/${id}): not serialisable as JSON: ${(error as Error).message}`);
  }
  const position = (doc as { position?: unknown }).position;
  return {
    op: 'upsert',
    collection: change.collection,
    id,
    json,
    position: typeof position === 'number' && Number.isSafeInteger(position) ? position : null,
  };
}

/**
 * The net effect of ordered changes: the last change per document. Applying it is the same as applying the
 * changes in order, and it touches each document once, which lets the MongoDB adapter write unordered with
 * per-document guards.
 */
export function netChanges(changes: readonly CheckedChange[]): CheckedChange[] {
  const last = new Map<string, CheckedChange>();
  for (const change of changes) {
    const key = `${change.collection}\u0000${change.id}`;
    last.delete(key);
    last.set(key, change);
  }
  return [...last.values()];
}

export function checkFailures(failures: readonly ProjectionFailure[] | undefined): ProjectionFailure[] {
  if (failures === undefined) return [];
  if (!Array.isArray(failures)) throw new InvalidQueryError('failures must be an array');
  return failures.map((failure, index) => {
    if (typeof failure !== 'object' || failure === null) throw new InvalidQueryError(`Failure ${index} is not an object`);
    assertProjectionName(failure.projection);
    assertPosition(failure.globalPosition, `failure ${index} globalPosition`);
    for (const key of ['eventId', 'eventType', 'error', 'failedAt'] as const) {
      if (typeof failure[key] !== 'string') throw new InvalidQueryError(`Failure ${index}: ${key} must be a string`);
    }
    return {
      projection: failure.projection,
      globalPosition: failure.globalPosition,
      eventId: failure.eventId,
      eventType: failure.eventType,
      error: failure.error,
      failedAt: failure.failedAt,
    };
  });
}
