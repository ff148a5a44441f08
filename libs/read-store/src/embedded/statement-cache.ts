import type { Database, Statement } from 'better-sqlite3';

const CAPACITY = 256;

/**
 * Prepared statements by SQL text, least recently used evicted. Find statements vary with the filters, so
 * the cache is bounded; statements of a dropped table are forgotten (they could never run again).
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement) {
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.statements.size >= CAPACITY) this.statements.delete(this.statements.keys().next().value!);
    }
    this.statements.set(sql, statement);
    return statement;
  }

  forgetTable(table: string): void {
    const quoted = `"${table}"`;
    for (const sql of [...this.statements.keys()]) if (sql.includes(quoted)) this.statements.delete(sql);
  }

  clear(): void {
    this.statements.clear();
  }
}
