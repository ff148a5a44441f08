import { Decider } from '../shared';
import { PartnerCommand } from './partner.commands';
import { decidePartner } from './partner.decide';
import { PartnerEvent } from './partner.events';
import { evolvePartner } from './partner.evolve';
import { PartnerState, initialPartnerState } from './partner.state';

export * from './partner.commands';
export * from './partner.events';
export * from './partner.state';
export * from './partner.decide';
export * from './partner.evolve';

export const PARTNER_STREAM_CATEGORY = 'partner';

export function partnerStreamId(partnerId: string): string {
  return `${PARTNER_STREAM_CATEGORY}-${partnerId}`;
}

export const PARTNER_EVENT_SCHEMA_VERSIONS: Record<PartnerEvent['type'], number> = {
  PartnerRegistered: 1,
  PartnerDetailsUpdated: 1,
  PartnerDeactivated: 1,
  PartnerContactErased: 1,
};

/** Every event type of this aggregate (for projections: an event type no projection knows is a recorded failure). */
export const PARTNER_EVENT_TYPES = Object.keys(PARTNER_EVENT_SCHEMA_VERSIONS) as readonly PartnerEvent['type'][];

export const partnerDecider: Decider<PartnerCommand, PartnerEvent, PartnerState> = {
  initialState: initialPartnerState,
  decide: decidePartner,
  evolve: evolvePartner,
};
