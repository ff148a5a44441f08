import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Clock } from '@ikrar/application';
import { EventStore, SqliteEventStore } from '@ikrar/event-store';
import { generateSigningKey } from '@ikrar/ledger-proof';
import { registerSealer, Sealer, SEALS_FILE, signingKeyFromPem } from '@ikrar/ledger-seal';
import { SqliteContactVault } from '@ikrar/personal-data';
import { createProjections, Projector } from '@ikrar/projections';
import { openReadStore, ReadStore } from '@ikrar/read-store';
import { createApp } from '../../apps/ledger-api/src/create-app';
import { SqliteIdempotencyStore } from '../../apps/ledger-api/src/http/idempotency-store';

export interface TestLedger {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly store: EventStore;
  readonly dataDir: string;
  /** The embedded read models the query routes answer from. */
  readonly readStore: ReadStore;
  /** Runs inline (as the API does by default) unless `projector: 'off'` was asked for. */
  readonly projector: Projector;
  /** Follows the log and seals every `sealEvery` events (default 2), as the API process does. */
  readonly sealer: Sealer;
  close(): Promise<void>;
}

export interface TestLedgerOptions {
  readonly clock?: Clock;
  readonly bodyLimitBytes?: number;
  /** `off`: the projector is built but not started, so the read models stay where they are. */
  readonly projector?: 'inline' | 'off';
  /** Seal every this many events (default 2; no timer). */
  readonly sealEvery?: number;
}

/** The real HTTP app on fresh embedded stores (events, read models) in a temp folder, projecting inline. */
export async function startTestLedger(options: TestLedgerOptions = {}): Promise<TestLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ikrar-e2e-'));
  const store = await SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const contactVault = SqliteContactVault.open(join(dataDir, 'contact-keys.sqlite'));
  const idempotencyStore = SqliteIdempotencyStore.open(join(dataDir, 'idempotency.sqlite'));
  const readStore = await openReadStore({ mongodbUrl: null, dataDir });
  const projector = new Projector({ eventStore: store, readStore, projections: createProjections() });
  if (options.projector !== 'off') await projector.start();
  const sealer = Sealer.open({
    eventStore: store,
    file: join(dataDir, SEALS_FILE),
    signingKey: signingKeyFromPem(generateSigningKey().privateKeyPem, 'ikrar-test'),
    sealEvery: options.sealEvery ?? 2,
    sealIntervalMs: 0,
  });
  await sealer.start();
  registerSealer(store, sealer);
  const app = await createApp(
    { eventStore: store, contactVault, idempotencyStore, clock: options.clock, readStore, projector },
    { bodyLimitBytes: options.bodyLimitBytes ?? 262_144, logLevel: 'error' },
  );
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    store,
    dataDir,
    readStore,
    projector,
    sealer,
    async close() {
      await app.close();
      await sealer.close();
      await projector.stop();
      await readStore.close();
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
