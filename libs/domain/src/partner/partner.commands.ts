import { ActorRef, Sector } from '../shared';

/**
 * The contact person's email and phone, encrypted with a per-partner key held
 * outside the ledger. Erasing the key leaves the event intact and the contact unreadable.
 */
export interface SealedContact {
  keyId: string;
  ciphertext: string;
}

export interface PartnerDetailsChanges {
  name?: string;
  sector?: Sector;
  regionCode?: string | null;
  contact?: SealedContact | null;
}

export type RegisterPartner = {
  type: 'RegisterPartner';
  data: {
    partnerId: string;
    name: string;
    sector: Sector;
    regionCode: string | null;
    contact: SealedContact | null;
    actor: ActorRef;
  };
};

export type UpdatePartnerDetails = {
  type: 'UpdatePartnerDetails';
  data: { partnerId: string; changes: PartnerDetailsChanges; actor: ActorRef };
};

export type DeactivatePartner = {
  type: 'DeactivatePartner';
  data: { partnerId: string; reason: string; actor: ActorRef };
};

export type EraseContact = {
  type: 'EraseContact';
  data: { partnerId: string; reason: string; actor: ActorRef };
};

export type PartnerCommand = RegisterPartner | UpdatePartnerDetails | DeactivatePartner | EraseContact;
