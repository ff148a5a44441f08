import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventStore } from '@ikrar/event-store';
import { ContactVault } from '@ikrar/personal-data';
import { ReadStore } from '@ikrar/read-store';
import { AGREEMENT_HANDLERS } from './agreements';
import { AUDIT_HANDLERS } from './audit';
import { COMMITMENT_HANDLERS } from './commitments';
import { FORUM_HANDLERS } from './forums';
import { PARTNER_HANDLERS } from './partners';
import { REPORT_HANDLERS } from './reports';
import { ROLE_ASSIGNMENT_HANDLERS } from './role-assignments';
import { CLOCK, Clock, CommandRunner, CONTACT_VAULT, EVENT_STORE, PROJECTOR, READ_STORE, systemClock } from './shared';
import { ProjectionProgress, VIEW_HANDLERS } from './views';

export interface ApplicationPorts {
  readonly eventStore: EventStore;
  readonly contactVault: ContactVault;
  readonly clock?: Clock;
  /** The projected documents the list and dashboard queries read; absent where a process only writes. */
  readonly readStore?: ReadStore | null;
  /** The projector's progress, for `minPosition` waits and `GET /projections`. */
  readonly projector?: ProjectionProgress | null;
}

/** `@nestjs/cqrs` here is dependency injection and dispatch only; the ledger is the event store. */
@Module({})
export class ApplicationModule {
  static register(ports: ApplicationPorts): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: EVENT_STORE, useValue: ports.eventStore },
        { provide: CONTACT_VAULT, useValue: ports.contactVault },
        { provide: CLOCK, useValue: ports.clock ?? systemClock },
        { provide: READ_STORE, useValue: ports.readStore ?? null },
        { provide: PROJECTOR, useValue: ports.projector ?? null },
        { provide: CommandRunner, useFactory: (store: EventStore) => new CommandRunner(store), inject: [EVENT_STORE] },
        ...PARTNER_HANDLERS,
        ...FORUM_HANDLERS,
        ...AGREEMENT_HANDLERS,
        ...COMMITMENT_HANDLERS,
        ...ROLE_ASSIGNMENT_HANDLERS,
        ...REPORT_HANDLERS,
        ...AUDIT_HANDLERS,
        ...VIEW_HANDLERS,
      ],
      exports: [CqrsModule, EVENT_STORE, CONTACT_VAULT, CLOCK, READ_STORE, PROJECTOR, CommandRunner],
    };
  }
}
