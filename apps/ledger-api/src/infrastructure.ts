import { join } from 'node:path';
import { IkrarConfig } from '@ikrar/config';
import { openEventStore } from '@ikrar/event-store';
import { SqliteContactVault } from '@ikrar/personal-data';
import { LedgerApiPorts } from './app.module';
import { SqliteIdempotencyStore } from './http/idempotency-store';

export interface Infrastructure extends LedgerApiPorts {
  close(): Promise<void>;
}

/** Opens every adapter the configuration selects; `close()` flushes and releases them. */
export async function openInfrastructure(config: IkrarConfig): Promise<Infrastructure> {
  const eventStore = await openEventStore(config);
  const contactVault = SqliteContactVault.open(join(config.dataDir, 'contact-keys.sqlite'));
  const idempotencyStore = SqliteIdempotencyStore.open(join(config.dataDir, 'idempotency.sqlite'));
  return {
    eventStore,
    contactVault,
    idempotencyStore,
    async close() {
      await eventStore.close();
      await contactVault.close();
      idempotencyStore.close();
    },
  };
}
