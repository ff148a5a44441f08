import { CursorPosition, CursorValue, NormalizedFind } from '../find-query';
import { FieldFilter, SortKey } from '../port';
import { quote, sortExpr, typeExpr, valueExpr } from './tables';

/**
 * Translates a normalised find into one SELECT over a document table. Values are always bound parameters;
 * only validated field paths are spliced (see tables.ts).
 *
 * Comparisons are type-aware so they mean what the MongoDB adapter's do: a string never equals or orders
 * against a number, `true` is not `1`, `null` matches a null or missing field, `ne` also matches a missing
 * field, `prefix` and range comparisons are case-sensitive (binary), `contains` is case-insensitive.
 */
export interface SqlQuery {
  readonly sql: string;
  readonly params: unknown[];
}

interface Fragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

const NUMERIC = "IN ('integer', 'real')";

/** The SQL function `contains` uses; registered on every connection by the store. */
export const FOLD_FUNCTION = 'ikrar_fold';

/** Case folding for `contains`: JavaScript's, because SQLite's `lower()` only folds ASCII. */
export function fold(value: string): string {
  return value.toLowerCase();
}

export function buildFind(table: string, find: NormalizedFind): SqlQuery {
  const valueKeys = find.sort.slice(0, -1);
  const columns = ['id', 'json(doc) AS doc', ...valueKeys.map((key, i) => `${sortExpr(key.field)} AS s${i}`)];
  const conditions: Fragment[] = find.where.map(filterSql);
  if (find.after) conditions.push(afterSql(find.sort, find.after));
  const where = conditions.length ? ` WHERE ${conditions.map((c) => `(${c.sql})`).join(' AND ')}` : '';
  const orderBy = find.sort.map((key) => `${sortExpr(key.field)} ${key.direction === 'asc' ? 'ASC' : 'DESC'}`).join(', ');
  return {
    sql: `SELECT ${columns.join(', ')} FROM ${quote(table)}${where} ORDER BY ${orderBy} LIMIT ?`,
    // One row more than the page tells whether there is a next page.
    params: [...conditions.flatMap((c) => c.params), find.limit + 1],
  };
}

export function filterSql(filter: FieldFilter): Fragment {
  const value = valueExpr(filter.field);
  const type = typeExpr(filter.field);
  switch (filter.op) {
    case 'eq':
      return equals(filter.field, filter.value);
    case 'ne': {
      if (filter.value === null) return { sql: `${value} IS NOT NULL`, params: [] };
      // A missing field makes the equality NULL, and "not equal" must hold for it.
      const eq = equals(filter.field, filter.value);
      return { sql: `COALESCE(${eq.sql}, 0) = 0`, params: eq.params };
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const operator = { lt: '<', lte: '<=', gt: '>', gte: '>=' }[filter.op];
      const bound = filter.value as string | number;
      return { sql: `${value} ${operator} ? AND ${typeGuard(type, bound)}`, params: [bound] };
    }
    case 'in': {
      const strings = filter.values.filter((v): v is string => typeof v === 'string');
      const numbers = filter.values.filter((v): v is number => typeof v === 'number');
      const parts: Fragment[] = [];
      if (strings.length) parts.push({ sql: `(${value} IN (${marks(strings.length)}) AND ${type} = 'text')`, params: strings });
      if (numbers.length) parts.push({ sql: `(${value} IN (${marks(numbers.length)}) AND ${type} ${NUMERIC})`, params: numbers });
      if (!parts.length) return { sql: '0', params: [] };
      return { sql: parts.map((p) => p.sql).join(' OR '), params: parts.flatMap((p) => p.params) };
    }
    case 'prefix': {
      // `52` matches `52` and `52.71` but not `521`. The range [v, v + '/') holds exactly the strings that start
      // with v followed by nothing or a character up to '.', so it can use an index; the last term keeps v and
      // 'v.' strings only. No LIKE: it ignores case and does not use these expression indexes.
      const v = filter.value;
      return {
        sql: `${value} >= ? AND ${value} < ? AND (${value} = ? OR ${value} >= ?) AND ${type} = 'text'`,
        params: [v, `${v}/`, v, `${v}.`],
      };
    }
    case 'contains':
      // instr, not LIKE: the needle is matched literally, so % _ and regex characters need no escaping.
      return { sql: `${type} = 'text' AND instr(${FOLD_FUNCTION}(${value}), ?) > 0`, params: [fold(filter.value)] };
  }
}

function equals(field: string, target: string | number | boolean | null): Fragment {
  const value = valueExpr(field);
  const type = typeExpr(field);
  if (target === null) return { sql: `${value} IS NULL`, params: [] };
  // JSON true/false extract as 1/0; the json_type term keeps them apart from numbers.
  if (typeof target === 'boolean') return { sql: `(${value} = ${target ? 1 : 0} AND ${type} = '${target}')`, params: [] };
  return { sql: `(${value} = ? AND ${typeGuard(type, target)})`, params: [target] };
}

function typeGuard(type: string, bound: string | number): string {
  return typeof bound === 'string' ? `${type} = 'text'` : `${type} ${NUMERIC}`;
}

function marks(n: number): string {
  return new Array(n).fill('?').join(', ');
}

/**
 * Keyset pagination: rows strictly after the cursor's row in the sort order, where NULL (null or missing)
 * sorts first ascending and last descending, as in SQLite and MongoDB. Spelled as
 * OR_i (key_0 = v_0 AND ... AND key_{i-1} = v_{i-1} AND key_i after v_i).
 */
export function afterSql(sort: readonly SortKey[], after: CursorPosition): Fragment {
  const values: CursorValue[] = [...after.values, after.id];
  const levels: Fragment[] = [];
  const equalities: Fragment[] = [];
  sort.forEach((key, i) => {
    const expr = sortExpr(key.field);
    const v = bindable(values[i]);
    const beyond = strictlyAfter(expr, key.direction, v);
    if (beyond) levels.push({ sql: [...equalities.map((e) => e.sql), beyond.sql].join(' AND '), params: [...equalities.flatMap((e) => e.params), ...beyond.params] });
    equalities.push(v === null ? { sql: `${expr} IS NULL`, params: [] } : { sql: `${expr} = ?`, params: [v] });
  });
  const predicate: Fragment = levels.length
    ? { sql: levels.map((l) => `(${l.sql})`).join(' OR '), params: levels.flatMap((l) => l.params) }
    : { sql: '0', params: [] };
  // A redundant lower bound on an ascending first key lets SQLite start an index range scan at the cursor.
  const first = sort[0];
  const v0 = bindable(values[0]);
  if (sort.length > 1 && first.direction === 'asc' && v0 !== null) {
    return { sql: `${sortExpr(first.field)} >= ? AND (${predicate.sql})`, params: [v0, ...predicate.params] };
  }
  return predicate;
}

function strictlyAfter(expr: string, direction: 'asc' | 'desc', v: string | number | null): Fragment | null {
  if (direction === 'asc') return v === null ? { sql: `${expr} IS NOT NULL`, params: [] } : { sql: `${expr} > ?`, params: [v] };
  // Descending: nothing comes after NULL, and NULLs come after every value.
  return v === null ? null : { sql: `(${expr} < ? OR ${expr} IS NULL)`, params: [v] };
}

function bindable(value: CursorValue): string | number | null {
  return typeof value === 'boolean' ? (value ? 1 : 0) : value;
}
