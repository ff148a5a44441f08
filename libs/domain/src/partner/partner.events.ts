import { Sector } from '../shared';
import { PartnerDetailsChanges, SealedContact } from './partner.commands';

export type PartnerRegistered = {
  type: 'PartnerRegistered';
  data: {
    partnerId: string;
    name: string;
    sector: Sector;
    regionCode: string | null;
    contact: SealedContact | null;
  };
};

/** `changes` holds only the fields that really changed. */
export type PartnerDetailsUpdated = {
  type: 'PartnerDetailsUpdated';
  data: { partnerId: string; changes: PartnerDetailsChanges };
};

export type PartnerDeactivated = {
  type: 'PartnerDeactivated';
  data: { partnerId: string; reason: string };
};

export type PartnerContactErased = {
  type: 'PartnerContactErased';
  data: { partnerId: string; reason: string };
};

export type PartnerEvent = PartnerRegistered | PartnerDetailsUpdated | PartnerDeactivated | PartnerContactErased;
