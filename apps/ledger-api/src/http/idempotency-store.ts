import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface StoredResponse {
  readonly requestHash: string;
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** First responses to idempotent requests, by (user, key). */
export interface IdempotencyStore {
  find(scope: string): StoredResponse | null;
  save(scope: string, response: StoredResponse): void;
  close(): void;
}

export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly findStatement: Database.Statement<[string], { request_hash: string; status_code: number; body: string; headers: string }>;
  private readonly saveStatement: Database.Statement<[string, string, number, string, string, string]>;

  private constructor(private readonly db: Database.Database) {
    this.findStatement = db.prepare('SELECT request_hash, status_code, body, headers FROM idempotency_records WHERE scope = ?');
    this.saveStatement = db.prepare(
      'INSERT INTO idempotency_records (scope, request_hash, status_code, body, headers, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(scope) DO NOTHING',
    );
  }

  static open(file: string): SqliteIdempotencyStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS idempotency_records (
      scope TEXT PRIMARY KEY,
      request_hash TEXT NOT NULL,
      status_code INTEGER NOT NULL,
      body TEXT NOT NULL,
      headers TEXT NOT NULL,
      recorded_at TEXT NOT NULL
    )`);
    return new SqliteIdempotencyStore(db);
  }

  find(scope: string): StoredResponse | null {
    const row = this.findStatement.get(scope);
    if (!row) return null;
    return { requestHash: row.request_hash, statusCode: row.status_code, body: JSON.parse(row.body), headers: JSON.parse(row.headers) };
  }

  save(scope: string, response: StoredResponse): void {
    this.saveStatement.run(scope, response.requestHash, response.statusCode, JSON.stringify(response.body), JSON.stringify(response.headers), new Date().toISOString());
  }

  close(): void {
    this.db.close();
  }
}
