import { CalendarDate } from '../shared';
import { AgreementAmendmentChanges, AgreementCorrectionChanges } from './agreement.commands';

export type AgreementRecorded = {
  type: 'AgreementRecorded';
  data: {
    agreementId: string;
    forumId: string;
    meetingId: string | null;
    title: string;
    text: string;
    partyPartnerIds: string[];
    effectiveFrom: CalendarDate;
    effectiveUntil: CalendarDate | null;
  };
};

/** `changes` holds only the fields that really changed; `previous` the values they replaced (same keys). */
export type AgreementCorrected = {
  type: 'AgreementCorrected';
  data: {
    agreementId: string;
    reason: string;
    changes: AgreementCorrectionChanges;
    previous: AgreementCorrectionChanges;
  };
};

/** `amendmentNumber` counts from 1; `previous` holds the values the changes replaced (same keys). */
export type AgreementAmended = {
  type: 'AgreementAmended';
  data: {
    agreementId: string;
    amendmentNumber: number;
    rationale: string;
    changes: AgreementAmendmentChanges;
    previous: AgreementAmendmentChanges;
    amendedOn: CalendarDate;
  };
};

export type AgreementTerminated = {
  type: 'AgreementTerminated';
  data: { agreementId: string; reason: string; terminatedOn: CalendarDate };
};

export type AgreementEvent = AgreementRecorded | AgreementCorrected | AgreementAmended | AgreementTerminated;
