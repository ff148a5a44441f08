import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikrar-es-contract-'));
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  return {
    store,
    teardown: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
