import { ActorRef, CalendarDate, PartnerStatuses } from '../shared';

/** The handler's view of the agreement's forum, as it read it. */
export interface AgreementForumView {
  established: boolean;
  meetingIds: string[];
}

/** A correction (ralat) may fix anything that should have been recorded in the first place, except the forum. */
export interface AgreementCorrectionChanges {
  meetingId?: string | null;
  title?: string;
  text?: string;
  partyPartnerIds?: string[];
  effectiveFrom?: CalendarDate;
  effectiveUntil?: CalendarDate | null;
}

/** An amendment (adendum) changes the agreement from a date on; its start cannot move. */
export interface AgreementAmendmentChanges {
  title?: string;
  text?: string;
  partyPartnerIds?: string[];
  effectiveUntil?: CalendarDate | null;
}

export type RecordAgreement = {
  type: 'RecordAgreement';
  data: {
    agreementId: string;
    forumId: string;
    meetingId: string | null;
    title: string;
    text: string;
    partyPartnerIds: string[];
    effectiveFrom: CalendarDate;
    effectiveUntil: CalendarDate | null;
    forum: AgreementForumView;
    partnerStatuses: PartnerStatuses;
    actor: ActorRef;
  };
};

export type CorrectAgreement = {
  type: 'CorrectAgreement';
  data: {
    agreementId: string;
    reason: string;
    changes: AgreementCorrectionChanges;
    forum: AgreementForumView;
    partnerStatuses: PartnerStatuses;
    actor: ActorRef;
  };
};

export type AmendAgreement = {
  type: 'AmendAgreement';
  data: {
    agreementId: string;
    rationale: string;
    changes: AgreementAmendmentChanges;
    amendedOn: CalendarDate;
    partnerStatuses: PartnerStatuses;
    actor: ActorRef;
  };
};

export type TerminateAgreement = {
  type: 'TerminateAgreement';
  data: { agreementId: string; reason: string; terminatedOn: CalendarDate; actor: ActorRef };
};

export type AgreementCommand = RecordAgreement | CorrectAgreement | AmendAgreement | TerminateAgreement;
