import { Principal } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { partnerDecider, partnerStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { Contact, ContactVault } from '@ikrar/personal-data';
import { CONTACT_VAULT, EVENT_STORE, LoadOptions, readEntity, partnerAggregate } from '../shared';

export interface PartnerView {
  readonly id: string;
  readonly revision: number;
  readonly name: string;
  readonly sector: string;
  readonly regionCode: string | null;
  /** Decrypted for the reader; `null` when none was given or it was erased. */
  readonly contact: Contact | null;
  readonly contactErased: boolean;
  readonly status: 'active' | 'deactivated';
  readonly deactivationReason: string | null;
}

export class GetPartnerQuery extends Query<PartnerView> {
  constructor(readonly partnerId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(GetPartnerQuery)
export class GetPartnerHandler implements IQueryHandler<GetPartnerQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Inject(CONTACT_VAULT) private readonly vault: ContactVault) {}

  async execute({ partnerId, viewer, options }: GetPartnerQuery): Promise<PartnerView> {
    const { state, revision } = await readEntity(this.store, partnerAggregate(partnerId), viewer, options);
    const contact = state.contact ? await this.vault.open(state.contact) : null;
    return {
      id: partnerId,
      revision,
      name: state.name ?? '',
      sector: state.sector ?? '',
      regionCode: state.regionCode,
      contact,
      contactErased: state.contactErased || (state.contact !== null && contact === null),
      status: state.status === 'deactivated' ? 'deactivated' : 'active',
      deactivationReason: state.deactivationReason,
    };
  }
}
