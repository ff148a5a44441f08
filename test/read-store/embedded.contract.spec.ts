import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStore, SqliteReadStore } from '@ikrar/read-store';
import { describeReadStoreContract } from './read-store.contract';

describeReadStoreContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ikrar-rs-contract-'));
  const opened: ReadStore[] = [];
  return {
    open: async () => {
      const store = SqliteReadStore.open({ file: join(dir, 'read-models.sqlite') });
      opened.push(store);
      return store;
    },
    teardown: async () => {
      for (const store of opened) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
