import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Clock } from '@ikrar/application';
import { EventStore, SqliteEventStore } from '@ikrar/event-store';
import { SqliteContactVault } from '@ikrar/personal-data';
import { createApp } from '../../apps/ledger-api/src/create-app';
import { SqliteIdempotencyStore } from '../../apps/ledger-api/src/http/idempotency-store';

export interface TestLedger {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly store: EventStore;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The real HTTP app on a fresh embedded store in a temp folder. */
export async function startTestLedger(options: { clock?: Clock; bodyLimitBytes?: number } = {}): Promise<TestLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ikrar-e2e-'));
  const store = await SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const contactVault = SqliteContactVault.open(join(dataDir, 'contact-keys.sqlite'));
  const idempotencyStore = SqliteIdempotencyStore.open(join(dataDir, 'idempotency.sqlite'));
  const app = await createApp(
    { eventStore: store, contactVault, idempotencyStore, clock: options.clock },
    { bodyLimitBytes: options.bodyLimitBytes ?? 262_144, logLevel: 'error' },
  );
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    store,
    dataDir,
    async close() {
      await app.close();
      await store.close();
      await contactVault.close();
      idempotencyStore.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fixed "now" for rules that depend on today's date. */
export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}
