import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { ApplicationModule } from '@ikrar/application';
import { IkrarConfig } from '@ikrar/config';
import { EventStore, openEventStore } from '@ikrar/event-store';
import { SqliteContactVault } from '@ikrar/personal-data';

export interface LedgerContext {
  readonly commands: CommandBus;
  readonly queries: QueryBus;
  readonly store: EventStore;
  close(): Promise<void>;
}

/** The same application layer the API uses, without HTTP: operator commands go through the command bus too. */
export async function openLedgerContext(config: IkrarConfig): Promise<LedgerContext> {
  const store = await openEventStore(config);
  const contactVault = SqliteContactVault.open(join(config.dataDir, 'contact-keys.sqlite'));
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    ApplicationModule.register({ eventStore: store, contactVault }),
    { logger: ['error'] },
  );
  return {
    commands: app.get(CommandBus),
    queries: app.get(QueryBus),
    store,
    async close() {
      await app.close();
      await store.close();
      await contactVault.close();
    },
  };
}
