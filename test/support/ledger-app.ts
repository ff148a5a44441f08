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
import { AuthedClient, authedClient } from './authed-client';
import { bearer, TestIdentity, testTokenVerifier } from './tokens';

export interface TestLedger {
  readonly app: INestApplication;
  /**
   * Requests as the forum secretariat (a secretariat token naming every forum established through
   * this ledger), and as the administrator for `POST /forums`, which only an admin may do.
   */
  readonly http: AuthedClient;
  /** Requests as an auditor (inspektorat): reads everything, audit routes included. */
  readonly auditor: AuthedClient;
  /** Requests without any token. */
  readonly anonymous: ReturnType<typeof request>;
  /** Forums established through `http` so far: the default secretariat's `forumIds`. */
  readonly forumIds: ReadonlySet<string>;
  /** Headers for the secretariat of every forum so far, as another user (`sub`). */
  secretariat(sub?: string): Record<string, string>;
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
  /** Requests per minute per caller (default: effectively unlimited). */
  readonly rateLimitPerMinute?: number;
  /** Browser origins allowed by CORS (default none). */
  readonly corsOrigins?: readonly string[];
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
    { eventStore: store, contactVault, idempotencyStore, clock: options.clock, readStore, projector, tokenVerifier: testTokenVerifier(), rateLimitPerMinute: options.rateLimitPerMinute ?? 1_000_000 },
    { bodyLimitBytes: options.bodyLimitBytes ?? 262_144, logLevel: 'error', corsOrigins: options.corsOrigins ?? [] },
  );
  await app.init();
  const server = app.getHttpServer();
  const forumIds = new Set<string>();
  const secretariat = (sub?: string): TestIdentity => ({ role: 'secretariat', sub: sub ?? 'test-secretariat', forumIds: [...forumIds] });
  return {
    app,
    http: authedClient(
      server,
      (method, path) => (method === 'post' && path === '/forums' ? { role: 'admin', sub: 'test-admin' } : secretariat()),
      (method, path, res) => {
        if (method === 'post' && path === '/forums' && res.status === 201) forumIds.add(res.body.id);
      },
    ),
    auditor: authedClient(server, () => ({ role: 'auditor', sub: 'test-auditor' })),
    anonymous: request(server),
    forumIds,
    secretariat: (sub?: string) => bearer(secretariat(sub)),
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
