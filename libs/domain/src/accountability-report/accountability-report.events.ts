import { ActorRef, CalendarDate } from '../shared';
import { EvidenceItem, ReportRevisionChanges } from './accountability-report.commands';

export type ReportDrafted = {
  type: 'ReportDrafted';
  data: {
    reportId: string;
    commitmentId: string;
    forumId: string;
    partnerId: string;
    periodStart: CalendarDate;
    periodEnd: CalendarDate;
    quantityDelivered: number;
    rupiahDisbursed: number;
    narrative: string;
    evidence: EvidenceItem[];
    draftedBy: ActorRef;
  };
};

/** Only the fields that really changed; `previous` holds the values they replaced. */
export type ReportRevised = {
  type: 'ReportRevised';
  data: { reportId: string; changes: ReportRevisionChanges; previous: ReportRevisionChanges };
};

/** `submissionNumber` counts from 1; a resubmission after a return is 2 or more. */
export type ReportSubmitted = {
  type: 'ReportSubmitted';
  data: { reportId: string; submissionNumber: number; submittedBy: ActorRef };
};

export type ReportReturned = {
  type: 'ReportReturned';
  data: { reportId: string; comments: string; reviewedBy: ActorRef };
};

/** Only accepted reports count toward fulfilment, so this event carries the amounts. */
export type ReportAccepted = {
  type: 'ReportAccepted';
  data: {
    reportId: string;
    commitmentId: string;
    partnerId: string;
    quantityDelivered: number;
    rupiahDisbursed: number;
    reviewedBy: ActorRef;
  };
};

export type ReportEvent = ReportDrafted | ReportRevised | ReportSubmitted | ReportReturned | ReportAccepted;
