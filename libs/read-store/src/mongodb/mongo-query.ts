import type { Document } from 'mongodb';
import { InvalidQueryError } from '../errors';
import { CursorPosition, CursorValue, NormalizedFind } from '../find-query';
import { FieldFilter, SortKey } from '../port';

/**
 * Translates a normalised find into a MongoDB filter and sort. Pure, so it is unit-tested without a server.
 *
 * Every caller value sits under an operator this file writes (`$eq`, `$gt`, `$in`, ...) and was checked to be
 * a string, number, boolean or null (never an object), and field names are dotted identifiers: nothing a
 * client sends can become an operator. Matching mirrors the embedded adapter: type-strict comparisons,
 * `null` matches null or missing, `ne` matches missing, `prefix` and ranges are binary (case-sensitive),
 * `contains` is a case-insensitive literal substring.
 */

/** The document id lives in `_id` (the stored document keeps `id` too; `_id` is the indexed one). */
export function mongoField(field: string): string {
  return field === 'id' ? '_id' : field;
}

export function toMongoFilter(find: NormalizedFind): Document {
  const clauses = find.where.map(filterToMongo);
  if (find.after) clauses.push(afterToMongo(find.sort, find.after));
  if (clauses.length === 0) return {};
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

export function filterToMongo(filter: FieldFilter): Document {
  const field = mongoField(filter.field);
  switch (filter.op) {
    case 'eq':
      return { [field]: { $eq: filter.value } };
    case 'ne':
      return { [field]: { $ne: filter.value } };
    case 'lt':
      return { [field]: { $lt: filter.value } };
    case 'lte':
      return { [field]: { $lte: filter.value } };
    case 'gt':
      return { [field]: { $gt: filter.value } };
    case 'gte':
      return { [field]: { $gte: filter.value } };
    case 'in':
      return { [field]: { $in: [...filter.values] } };
    case 'prefix':
      // `52` matches `52` and `52.71`, not `521`: the exact value, or the strings in ['52.', '52/'), which are
      // exactly those starting with '52.'. A range rather than the regex ^52(\.|$): PCRE's `$` also matches
      // before a trailing newline, and a bounded range uses an index as well as an anchored regex does.
      return { $or: [{ [field]: { $eq: filter.value } }, { [field]: { $gte: `${filter.value}.`, $lt: `${filter.value}/` } }] };
    case 'contains':
      return { [field]: { $regex: escapeRegex(filter.value), $options: 'i' } };
  }
}

/**
 * A PCRE pattern matching `text` literally. PCRE guarantees that a backslash before any non-alphanumeric
 * character matches that character, so every ASCII punctuation and space is escaped; NUL, which MongoDB
 * refuses inside a pattern, is spelled `\x00`. Letters, digits and non-ASCII characters stand for themselves.
 */
export function escapeRegex(text: string): string {
  return text.replace(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/g, (char) => (char === '\0' ? '\\x00' : `\\${char}`));
}

/** Sort keys in order (JS keeps insertion order for these non-numeric keys), `_id` last. */
export function toMongoSort(sort: readonly SortKey[]): Record<string, 1 | -1> {
  const result: Record<string, 1 | -1> = {};
  for (const key of sort) result[mongoField(key.field)] = key.direction === 'asc' ? 1 : -1;
  return result;
}

/**
 * Rows strictly after the cursor's row: OR_i (key_0 = v_0 AND ... AND key_i after v_i). MongoDB sorts null and
 * missing first ascending and last descending, like SQLite; `{$eq: null}` matches both.
 */
export function afterToMongo(sort: readonly SortKey[], after: CursorPosition): Document {
  const values: CursorValue[] = [...after.values, after.id];
  const levels: Document[] = [];
  const equalities: Document[] = [];
  sort.forEach((key, i) => {
    const field = mongoField(key.field);
    const value = values[i];
    const beyond = strictlyAfter(field, key.direction, value);
    if (beyond) levels.push(equalities.length ? { $and: [...equalities, beyond] } : beyond);
    equalities.push({ [field]: { $eq: value } });
  });
  const predicate: Document = levels.length === 1 ? levels[0] : { $or: levels };
  const first = sort[0];
  // A redundant lower bound on an ascending first key lets the server start the index scan at the cursor.
  if (sort.length > 1 && first.direction === 'asc' && values[0] !== null) {
    return { $and: [{ [mongoField(first.field)]: { $gte: values[0] } }, predicate] };
  }
  return predicate;
}

function strictlyAfter(field: string, direction: 'asc' | 'desc', value: CursorValue): Document | null {
  if (direction === 'asc') return value === null ? { [field]: { $ne: null } } : { [field]: { $gt: value } };
  // Descending: nothing comes after null, and nulls come after every value.
  return value === null ? null : { $or: [{ [field]: { $lt: value } }, { [field]: { $eq: null } }] };
}

/**
 * The value a cursor records for `field` of a returned document: missing is null. Objects and arrays are
 * refused: MongoDB orders them by rules the embedded adapter does not share, so they are not sortable here.
 */
export function sortValueOf(doc: Document, field: string): CursorValue {
  let value: unknown = doc;
  for (const segment of mongoField(field).split('.')) {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidQueryError(`Cannot sort by ${field}: it passes through a non-object`);
    }
    value = (value as Record<string, unknown>)[segment];
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new InvalidQueryError(`Cannot sort by ${field}: it holds an object or array`);
}
