import { PartnerEvent } from './partner.events';
import { PartnerState } from './partner.state';

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolvePartner(state: PartnerState, event: PartnerEvent): PartnerState {
  if (event == null || typeof event !== 'object' || event.data == null || typeof event.data !== 'object') return state;
  switch (event.type) {
    case 'PartnerRegistered':
      return {
        ...state,
        status: 'active',
        partnerId: event.data.partnerId,
        name: event.data.name,
        sector: event.data.sector,
        regionCode: event.data.regionCode ?? null,
        contact: event.data.contact ?? null,
        contactErased: false,
      };
    case 'PartnerDetailsUpdated': {
      const changes = event.data.changes ?? {};
      const next: PartnerState = { ...state };
      if (changes.name !== undefined) next.name = changes.name;
      if (changes.sector !== undefined) next.sector = changes.sector;
      if (changes.regionCode !== undefined) next.regionCode = changes.regionCode;
      if (changes.contact !== undefined) {
        next.contact = changes.contact;
        if (changes.contact !== null) next.contactErased = false;
      }
      return next;
    }
    case 'PartnerDeactivated':
      return { ...state, status: 'deactivated', deactivationReason: event.data.reason ?? null };
    case 'PartnerContactErased':
      return { ...state, contact: null, contactErased: true };
    default:
      return state;
  }
}
