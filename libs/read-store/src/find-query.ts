import { InvalidCursorError, InvalidQueryError } from './errors';
import { FieldFilter, FindQuery, SortKey } from './port';
import { assertFieldPath, isScalar } from './validation';

/**
 * The adapter-neutral, validated form of a `FindQuery`: filters checked, the sort completed with the `id`
 * tie-breaker, the limit resolved and the cursor decoded. Both adapters translate this, never the raw query.
 */
export interface NormalizedFind {
  readonly where: readonly FieldFilter[];
  /** Sort keys; the last one is always `id`. */
  readonly sort: readonly SortKey[];
  readonly limit: number;
  /** The last row of the previous page, or null for the first page. */
  readonly after: CursorPosition | null;
}

export interface CursorPosition {
  /** One value per sort key before the final `id` key. */
  readonly values: readonly CursorValue[];
  readonly id: string;
}

export type CursorValue = string | number | boolean | null;

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
const MAX_SORT_KEYS = 8;
const MAX_FILTERS = 32;
const MAX_IN_VALUES = 1000;
const MAX_CURSOR_LENGTH = 32_768;

const COMPARISONS = new Set(['eq', 'ne', 'lt', 'lte', 'gt', 'gte']);
const RANGES = new Set(['lt', 'lte', 'gt', 'gte']);

export function normalizeFind(query: FindQuery = {}): NormalizedFind {
  if (typeof query !== 'object' || query === null) throw new InvalidQueryError('The query must be an object');
  const where = normalizeWhere(query.where ?? []);
  const sort = normalizeSort(query.sort ?? []);
  return {
    where,
    sort,
    limit: resolveLimit(query.limit),
    after: query.cursor === undefined || query.cursor === null ? null : decodeCursor(query.cursor, sort),
  };
}

function normalizeWhere(where: readonly FieldFilter[]): FieldFilter[] {
  if (!Array.isArray(where)) throw new InvalidQueryError('where must be an array');
  if (where.length > MAX_FILTERS) throw new InvalidQueryError(`At most ${MAX_FILTERS} filters`);
  return where.map(checkFilter);
}

function checkFilter(filter: FieldFilter): FieldFilter {
  if (typeof filter !== 'object' || filter === null) throw new InvalidQueryError('A filter must be an object');
  assertFieldPath(filter.field);
  const { field, op } = filter;
  if (COMPARISONS.has(op)) {
    const value = (filter as { value: unknown }).value;
    if (!isScalar(value)) throw new InvalidQueryError(`Filter ${field} ${op}: the value must be a string, number, boolean or null`);
    if (RANGES.has(op) && (value === null || typeof value === 'boolean')) {
      throw new InvalidQueryError(`Filter ${field} ${op}: ranges compare strings or numbers only`);
    }
    return { field, op: op as 'eq', value };
  }
  if (op === 'in') {
    const values = (filter as { values: unknown }).values;
    if (!Array.isArray(values) || values.length > MAX_IN_VALUES) {
      throw new InvalidQueryError(`Filter ${field} in: values must be an array of at most ${MAX_IN_VALUES}`);
    }
    for (const value of values) {
      if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
        throw new InvalidQueryError(`Filter ${field} in: values must be strings or numbers`);
      }
    }
    return { field, op, values: [...(values as (string | number)[])] };
  }
  if (op === 'prefix' || op === 'contains') {
    const value = (filter as { value: unknown }).value;
    if (typeof value !== 'string') throw new InvalidQueryError(`Filter ${field} ${op}: the value must be a string`);
    return { field, op, value };
  }
  throw new InvalidQueryError(`Filter ${field}: unknown op ${JSON.stringify(op)}`);
}

/** Keeps the first occurrence of each field and ends with `id` (appended `asc` unless the caller sorted by id). */
function normalizeSort(sort: readonly SortKey[]): SortKey[] {
  if (!Array.isArray(sort)) throw new InvalidQueryError('sort must be an array');
  const keys: SortKey[] = [];
  const seen = new Set<string>();
  for (const key of sort) {
    if (typeof key !== 'object' || key === null) throw new InvalidQueryError('A sort key must be an object');
    assertFieldPath(key.field);
    if (key.direction !== 'asc' && key.direction !== 'desc') {
      throw new InvalidQueryError(`Sort ${key.field}: direction must be asc or desc`);
    }
    if (seen.has(key.field)) continue;
    if (keys.length + 1 >= MAX_SORT_KEYS && key.field !== 'id') throw new InvalidQueryError(`At most ${MAX_SORT_KEYS - 1} sort keys`);
    seen.add(key.field);
    keys.push({ field: key.field, direction: key.direction });
    // Ids are unique: keys after `id` could never decide an order.
    if (key.field === 'id') return keys;
  }
  keys.push({ field: 'id', direction: 'asc' });
  return keys;
}

/** Default 50; above 500 is capped at 500; anything but a positive integer is refused. */
export function resolveLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit) || limit < 1) {
    throw new InvalidQueryError(`limit must be a positive integer, got ${String(limit)}`);
  }
  return Math.min(limit, MAX_LIMIT);
}

/**
 * Cursor: base64url of JSON `{s, v, id}`: the sort it belongs to, the last row's sort values and its id.
 * The sort is included so a cursor replayed with another sort is refused instead of skipping or repeating rows.
 */
export function encodeCursor(sort: readonly SortKey[], values: readonly CursorValue[], id: string): string {
  return Buffer.from(JSON.stringify({ s: sortSignature(sort), v: values, id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: unknown, sort: readonly SortKey[]): CursorPosition {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError('not a cursor issued by this API');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor issued by this API');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InvalidCursorError('not a cursor issued by this API');
  const { s, v, id } = parsed as { s?: unknown; v?: unknown; id?: unknown };
  if (s !== sortSignature(sort)) throw new InvalidCursorError('it belongs to a different sort order');
  if (!Array.isArray(v) || v.length !== sort.length - 1 || !v.every(isScalar)) throw new InvalidCursorError('malformed sort values');
  if (typeof id !== 'string' || id.length === 0) throw new InvalidCursorError('malformed id');
  return { values: v as CursorValue[], id };
}

function sortSignature(sort: readonly SortKey[]): string {
  return sort.map((key) => `${key.field}:${key.direction}`).join(',');
}
