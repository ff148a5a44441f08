import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Contact, ContactVault, SealedContact } from './contact-vault';

const ALGORITHM = 'aes-256-gcm';

/** Per-partner AES-256-GCM keys in their own SQLite file, apart from the ledger. */
export class SqliteContactVault implements ContactVault {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteContactVault {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS partner_keys (
      key_id TEXT PRIMARY KEY,
      partner_id TEXT NOT NULL UNIQUE,
      key BLOB NOT NULL,
      created_at TEXT NOT NULL
    )`);
    return new SqliteContactVault(db);
  }

  async seal(partnerId: string, contact: Contact): Promise<SealedContact> {
    const { keyId, key } = this.keyFor(partnerId);
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, key, iv);
    cipher.setAAD(Buffer.from(keyId));
    const body = Buffer.concat([cipher.update(JSON.stringify(contact), 'utf8'), cipher.final()]);
    return { keyId, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') };
  }

  async open(sealed: SealedContact): Promise<Contact | null> {
    const row = this.db.prepare('SELECT key FROM partner_keys WHERE key_id = ?').get(sealed.keyId) as
      | { key: Buffer }
      | undefined;
    if (!row) return null;
    const raw = Buffer.from(sealed.ciphertext, 'base64');
    const decipher = createDecipheriv(ALGORITHM, row.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(sealed.keyId));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as Contact;
  }

  async erase(partnerId: string): Promise<void> {
    this.db.prepare('DELETE FROM partner_keys WHERE partner_id = ?').run(partnerId);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private keyFor(partnerId: string): { keyId: string; key: Buffer } {
    const existing = this.db.prepare('SELECT key_id, key FROM partner_keys WHERE partner_id = ?').get(partnerId) as
      | { key_id: string; key: Buffer }
      | undefined;
    if (existing) return { keyId: existing.key_id, key: existing.key };
    const keyId = `${partnerId}:${randomBytes(8).toString('hex')}`;
    const key = randomBytes(32);
    this.db
      .prepare('INSERT INTO partner_keys (key_id, partner_id, key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(partner_id) DO NOTHING')
      .run(keyId, partnerId, key, new Date().toISOString());
    return this.keyFor(partnerId);
  }
}
