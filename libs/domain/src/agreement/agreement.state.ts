import { CalendarDate } from '../shared';
import { AgreementAmendmentChanges, AgreementCorrectionChanges } from './agreement.commands';

export type AgreementStatus = 'unrecorded' | 'in-force' | 'terminated';

export interface AgreementCorrection {
  reason: string;
  changes: AgreementCorrectionChanges;
  previous: AgreementCorrectionChanges;
}

export interface AgreementAmendment {
  amendmentNumber: number;
  rationale: string;
  changes: AgreementAmendmentChanges;
  previous: AgreementAmendmentChanges;
  amendedOn: CalendarDate;
}

/** The agreement's latest view: values after every correction and amendment, plus their history. */
export interface AgreementState {
  status: AgreementStatus;
  agreementId: string | null;
  forumId: string | null;
  meetingId: string | null;
  title: string | null;
  text: string | null;
  partyPartnerIds: string[];
  effectiveFrom: CalendarDate | null;
  effectiveUntil: CalendarDate | null;
  corrections: AgreementCorrection[];
  amendments: AgreementAmendment[];
  terminatedOn: CalendarDate | null;
  terminationReason: string | null;
}

export function initialAgreementState(): AgreementState {
  return {
    status: 'unrecorded',
    agreementId: null,
    forumId: null,
    meetingId: null,
    title: null,
    text: null,
    partyPartnerIds: [],
    effectiveFrom: null,
    effectiveUntil: null,
    corrections: [],
    amendments: [],
    terminatedOn: null,
    terminationReason: null,
  };
}
