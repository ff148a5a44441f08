import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import { tokenVerifierFor } from '@ikrar/access';
import { IkrarConfig } from '@ikrar/config';
import { openEventStore } from '@ikrar/event-store';
import { registerSealer, resolveSealSigningKey, Sealer, SEALS_FILE, unregisterSealer } from '@ikrar/ledger-seal';
import { SqliteContactVault } from '@ikrar/personal-data';
import { createProjections, Projector } from '@ikrar/projections';
import { openReadStore } from '@ikrar/read-store';
import { LedgerApiPorts } from './app.module';
import { SqliteIdempotencyStore } from './http/idempotency-store';

export interface Infrastructure extends LedgerApiPorts {
  close(): Promise<void>;
}

/**
 * Opens every adapter the configuration selects; `close()` flushes and releases them.
 * The projector always exists (queries wait on it and `GET /projections` reports it) but only
 * projects here when `IKRAR_PROJECTOR=inline`; with `off`, `apps/projector` does that work.
 */
export async function openInfrastructure(config: IkrarConfig): Promise<Infrastructure> {
  const tokenVerifier = tokenVerifierFor(config, (message) => Logger.warn(message, 'Ikrar'));
  if (config.jwksUrl !== null) Logger.log(`Verifying bearer tokens (RS256, ES256) with the keys at ${config.jwksUrl}`, 'Ikrar');
  const eventStore = await openEventStore(config);
  const contactVault = SqliteContactVault.open(join(config.dataDir, 'contact-keys.sqlite'));
  const idempotencyStore = SqliteIdempotencyStore.open(join(config.dataDir, 'idempotency.sqlite'));
  const readStore = await openReadStore({ mongodbUrl: config.mongodbUrl, dataDir: config.dataDir });
  const projector = new Projector({ eventStore, readStore, projections: createProjections() });
  if (config.projectorMode === 'inline') {
    await projector.start();
    Logger.log('Projecting the event log into the read models inside the API process', 'Ikrar');
  }
  const sealer = Sealer.open({ eventStore, file: join(config.dataDir, SEALS_FILE), signingKey: resolveSealSigningKey(config), sealEvery: config.sealEvery, sealIntervalMs: config.sealIntervalMs });
  await sealer.start();
  registerSealer(eventStore, sealer);
  Logger.log(`Sealing the ledger into ${SEALS_FILE} with key ${sealer.keyId}`, 'Ikrar');
  return {
    eventStore,
    contactVault,
    idempotencyStore,
    readStore,
    projector,
    tokenVerifier,
    rateLimitPerMinute: config.rateLimitPerMinute,
    async close() {
      unregisterSealer(eventStore, sealer);
      await sealer.close();
      // The projector first: it writes to the read store and reads the event store.
      await projector.stop();
      await readStore.close();
      await eventStore.close();
      await contactVault.close();
      idempotencyStore.close();
    },
  };
}
