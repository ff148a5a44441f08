import { PartnerStatuses, partnerDecider, partnerStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { loadAggregate } from './aggregate-store';

/** The status of every partner a command names, as the ledger says now; unknown ids are left out. */
export async function loadPartnerStatuses(store: EventStore, partnerIds: readonly string[]): Promise<PartnerStatuses> {
  const unique = [...new Set(partnerIds)];
  const loaded = await Promise.all(unique.map((id) => loadAggregate(store, partnerDecider, partnerStreamId(id))));
  const statuses: PartnerStatuses = {};
  loaded.forEach((partner, index) => {
    if (partner.state.status === 'active' || partner.state.status === 'deactivated') {
      statuses[unique[index]] = partner.state.status;
    }
  });
  return statuses;
}
