import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventToAppend, SqliteEventStore } from '@ikrar/event-store';
import { generateSigningKey } from '@ikrar/ledger-proof';
import { Sealer, SEALS_FILE, SealSigningKey, signingKeyFromPem } from '@ikrar/ledger-seal';

export function anEvent(note: string): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'SealTested',
    schemaVersion: 1,
    data: { note },
    metadata: {
      occurredAt: '2025-11-25T08:00:00.000Z',
      actor: { userId: 'seal-suite', role: 'system' },
      correlationId: 'seal-correlation',
      causationId: null,
      idempotencyKey: null,
    },
  };
}

export interface SealFixture {
  readonly dir: string;
  readonly store: SqliteEventStore;
  readonly key: SealSigningKey;
  sealer: Sealer;
  readonly file: string;
  /** Appends `count` events, spread over a few streams; returns their ids in log order. */
  append(count: number): Promise<string[]>;
  reopen(options?: { sealEvery?: number }): Promise<Sealer>;
  close(): Promise<void>;
}

export async function sealFixture(sealEvery = 3): Promise<SealFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'ikrar-seal-'));
  const store = await SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  const key = signingKeyFromPem(generateSigningKey().privateKeyPem, 'seal-test-key');
  const file = join(dir, SEALS_FILE);
  const streams = ['partner-a', 'forum-b', 'commitment-c'];
  const revisions = new Map<string, number>();
  let n = 0;
  const fixture: SealFixture = {
    dir,
    store,
    key,
    file,
    sealer: Sealer.open({ eventStore: store, file, signingKey: key, sealEvery, sealIntervalMs: 0 }),
    async append(count) {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const stream = streams[n % streams.length];
        const event = anEvent(`event ${n++}`);
        const expected = revisions.get(stream) ?? 'no_stream';
        const result = await store.append(stream, [event], expected);
        revisions.set(stream, result.nextExpectedRevision);
        ids.push(event.eventId);
      }
      return ids;
    },
    async reopen(options = {}) {
      await fixture.sealer.close();
      fixture.sealer = Sealer.open({ eventStore: store, file, signingKey: key, sealEvery: options.sealEvery ?? sealEvery, sealIntervalMs: 0 });
      return fixture.sealer;
    },
    async close() {
      await fixture.sealer.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
