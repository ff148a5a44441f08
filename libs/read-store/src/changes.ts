import { InvalidQueryError } from './errors';
import { DocumentChange, ProjectionFailure } from './port';
import { assertCollectionName, assertDocumentId, assertPosition, assertProjectionName } from './validation';

/** A change checked and serialised before any adapter writes anything, so a bad one fails the whole commit up front. */
export type CheckedChange =
  | { readonly op: 'upsert'; readonly collection: string; readonly id: string; readonly json: string; readonly position: number | null }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

/** A change checked but not serialised yet (the embedded store's writer thread serialises it). */
export type ValidChange =
  | { readonly op: 'upsert'; readonly collection: string; readonly id: string; readonly doc: object; readonly position: number | null }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

/** Top-level keys the MongoDB adapter uses itself; refused in both adapters so documents round-trip identically. */
const RESERVED_KEYS = ['_id', '_position'];

export function checkChanges(changes: readonly DocumentChange[]): CheckedChange[] {
  return validateChanges(changes).map((change) => (change.op === 'upsert' ? serialiseChange(change) : change));
}

/** Every check of `checkChanges` except the JSON serialisation. */
export function validateChanges(changes: readonly DocumentChange[]): ValidChange[] {
  if (!Array.isArray(changes)) throw new InvalidQueryError('changes must be an array');
  return changes.map(validateChange);
}

/** JSON is the documents' one representation: both adapters store exactly what JSON keeps (no undefined, no Dates). */
export function serialiseChange(change: Extract<ValidChange, { op: 'upsert' }>): Extract<CheckedChange, { op: 'upsert' }> {
  return { op: 'upsert', collection: change.collection, id: change.id, json: documentJson(change.collection, change.id, change.doc), position: change.position };
}

/** The document's JSON text; InvalidQueryError when it has none. */
export function documentJson(collection: string, id: string, doc: object): string {
  let json: unknown;
  try {
    json = JSON.stringify(doc);
  } catch (error) {
    throw new InvalidQueryError(`Change of ${collection}/${id}: not serialisable as JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'string' || !json.startsWith('{')) throw new InvalidQueryError(`Change of ${collection}/${id}: its JSON form is not an object`);
  return json;
}

function validateChange(change: DocumentChange, index: number): ValidChange {
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
  const position = (doc as { position?: unknown }).position;
  return {
    op: 'upsert',
    collection: change.collection,
    id,
    doc,
    position: typeof position === 'number' && Number.isSafeInteger(position) ? position : null,
  };
}

/**
 * The net effect of ordered changes: the last change per document. Applying it is the same as applying the
 * changes in order, and it touches each document once, which lets the MongoDB adapter write unordered with
 * per-document guards.
 */
export function netChanges<C extends { readonly collection: string; readonly id: string }>(changes: readonly C[]): C[] {
  /** collection -> id -> index of its last change */
  const last = new Map<string, Map<string, number>>();
  let repeated = false;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    let ids = last.get(change.collection);
    if (ids === undefined) last.set(change.collection, (ids = new Map()));
    if (ids.has(change.id)) repeated = true;
    ids.set(change.id, i);
  }
  // Usually every document changes once already (a projector's batch): nothing to drop.
  if (!repeated) return [...changes];
  return changes.filter((change, i) => last.get(change.collection)!.get(change.id) === i);
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
