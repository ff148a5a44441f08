import { InvalidQueryError } from './errors';
import { IndexSpec } from './port';
import { assertCollectionName, assertFieldPath } from './validation';

const MAX_INDEX_FIELDS = 8;

/** Validates index declarations and drops duplicates (same collection and fields). */
export function checkIndexSpecs(indexes: readonly IndexSpec[]): IndexSpec[] {
  if (!Array.isArray(indexes)) throw new InvalidQueryError('indexes must be an array');
  const unique = new Map<string, IndexSpec>();
  for (const spec of indexes) {
    if (typeof spec !== 'object' || spec === null) throw new InvalidQueryError('An index spec must be an object');
    assertCollectionName(spec.collection);
    if (!Array.isArray(spec.fields) || spec.fields.length === 0 || spec.fields.length > MAX_INDEX_FIELDS) {
      throw new InvalidQueryError(`Index on ${spec.collection}: 1 to ${MAX_INDEX_FIELDS} fields`);
    }
    spec.fields.forEach(assertFieldPath);
    if (new Set(spec.fields).size !== spec.fields.length) throw new InvalidQueryError(`Index on ${spec.collection}: a field appears twice`);
    const fields = [...spec.fields];
    unique.set(JSON.stringify([spec.collection, fields]), { collection: spec.collection, fields });
  }
  return [...unique.values()];
}
