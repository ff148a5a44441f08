import { Sector } from '../shared';
import { SealedContact } from './partner.commands';

export type PartnerLifecycleStatus = 'unregistered' | 'active' | 'deactivated';

export interface PartnerState {
  status: PartnerLifecycleStatus;
  partnerId: string | null;
  name: string | null;
  sector: Sector | null;
  regionCode: string | null;
  contact: SealedContact | null;
  /** True once a contact was erased (and no new contact was given since). */
  contactErased: boolean;
  deactivationReason: string | null;
}

export function initialPartnerState(): PartnerState {
  return {
    status: 'unregistered',
    partnerId: null,
    name: null,
    sector: null,
    regionCode: null,
    contact: null,
    contactErased: false,
    deactivationReason: null,
  };
}
