import type { Database } from 'better-sqlite3';
import { InvalidQueryError } from '../errors';
import { IndexSpec } from '../port';

/**
 * Naming and DDL of the document tables: one table `g<N>_<collection>(id, doc, position)` per generation and
 * collection, created on first use. `doc` holds SQLite's binary JSON (JSONB, written with `jsonb(?)` and read
 * back with `json(doc)`), so the expression indexes and filters extract fields without parsing JSON text
 * (tables written before hold JSON text, which every JSON function reads the same way). Every name and field reaching this file was validated (identifiers and
 * dotted identifiers only), which is what makes splicing them into SQL safe. Field paths must be spliced, not
 * bound: SQLite uses an expression index only when the query repeats the indexed expression textually.
 */

export function tableName(generation: number, collection: string): string {
  return `g${generation}_${collection}`;
}

/** The generation a document table belongs to, or null for any other table. */
export function generationOfTable(name: string): number | null {
  const match = /^g(\d+)_/.exec(name);
  return match ? Number(match[1]) : null;
}

export function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** The SQL value of a document field (`null` when missing): JSON strings are TEXT, numbers INTEGER/REAL, booleans 1/0. */
export function valueExpr(field: string): string {
  return `json_extract(doc, '$.${field}')`;
}

/** The JSON type of a field: 'text', 'integer', 'real', 'true', 'false', 'null', 'object', 'array', or NULL when missing. */
export function typeExpr(field: string): string {
  return `json_type(doc, '$.${field}')`;
}

/** Sorting by `id` uses the primary key column; every other field its JSON value. */
export function sortExpr(field: string): string {
  return field === 'id' ? 'id' : valueExpr(field);
}

/**
 * Index on the spec's fields followed by `id`: the rowid table's indexes do not carry `id` by themselves,
 * and the appended `id` lets a query sorted by the fields plus the `id` tie-breaker read the index in order.
 */
function indexDdl(table: string, spec: IndexSpec): string {
  const columns = [...spec.fields.map(sortExpr), ...(spec.fields.includes('id') ? [] : ['id'])];
  const name = `ix:${table}:${spec.fields.join(',')}`;
  return `CREATE INDEX IF NOT EXISTS ${quote(name)} ON ${quote(table)} (${columns.join(', ')})`;
}

/**
 * Creates or replaces the documents of one commit in one statement: `?` is a JSON array of
 * `[id, position, document]`, read with SQLite's JSONB functions, so each document is stored as the
 * JSONB of its JSON text (the same bytes as `jsonb(text)`) without a round trip per row.
 */
export function upsertSql(table: string): string {
  return `INSERT INTO ${quote(table)} (id, doc, position)
          SELECT value ->> 0, jsonb_extract(value, '$[2]'), value ->> 1 FROM jsonb_each(?) WHERE true
          ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, position = excluded.position`;
}

/** Deletes the documents whose ids `?` lists (a JSON array). */
export function deleteSql(table: string): string {
  return `DELETE FROM ${quote(table)} WHERE id IN (SELECT value FROM json_each(?))`;
}

export function storedIndexSpecs(db: Database, collection: string): IndexSpec[] {
  const rows = db.prepare('SELECT fields FROM index_specs WHERE collection = ? ORDER BY fields').all(collection) as Array<{ fields: string }>;
  return rows.map((row) => ({ collection, fields: JSON.parse(row.fields) as string[] }));
}

export function tableExists(db: Database, name: string): boolean {
  const row = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE").get(name) as
    | { name: string }
    | undefined;
  if (!row) return false;
  // SQLite table names ignore case: two collections differing only in case would share one table.
  if (row.name !== name) throw new InvalidQueryError(`Collection table ${name} clashes with existing table ${row.name} (names differ only in case)`);
  return true;
}

/**
 * Creates the table and (unless `withIndexes` is false: a bulk-loaded generation gets them at activation)
 * the indexes declared for its collection, if missing. Call inside a write transaction.
 */
export function ensureTable(db: Database, generation: number, collection: string, withIndexes = true): string {
  const table = tableName(generation, collection);
  if (tableExists(db, table)) return table;
  db.exec(
    `CREATE TABLE ${quote(table)} (
       id       TEXT    NOT NULL PRIMARY KEY,
       doc      TEXT    NOT NULL,
       position INTEGER NOT NULL
     )`,
  );
  if (withIndexes) for (const spec of storedIndexSpecs(db, collection)) db.exec(indexDdl(table, spec));
  return table;
}

export function ensureIndex(db: Database, generation: number, spec: IndexSpec): void {
  const table = ensureTable(db, generation, spec.collection);
  db.exec(indexDdl(table, spec));
}
