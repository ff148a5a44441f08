import { ActorRef, CalendarDate } from '../shared';
import { EvidenceItem, ReportRevisionChanges } from './accountability-report.commands';

export type ReportStatus = 'undrafted' | 'draft' | 'submitted' | 'returned' | 'accepted';

export interface ReportReturn {
  comments: string;
  reviewedBy: ActorRef;
}

export interface ReportRevision {
  changes: ReportRevisionChanges;
  previous: ReportRevisionChanges;
}

/** The report as it stands now, with who submitted and reviewed it and every return for revision. */
export interface ReportState {
  status: ReportStatus;
  reportId: string | null;
  commitmentId: string | null;
  forumId: string | null;
  partnerId: string | null;
  periodStart: CalendarDate | null;
  periodEnd: CalendarDate | null;
  quantityDelivered: number | null;
  rupiahDisbursed: number | null;
  narrative: string | null;
  evidence: EvidenceItem[];
  draftedBy: ActorRef | null;
  /** The latest submitter. */
  submittedBy: ActorRef | null;
  /** The latest reviewer (returned or accepted). */
  reviewedBy: ActorRef | null;
  /** 0 until first submitted. */
  submissionNumber: number;
  returns: ReportReturn[];
  revisions: ReportRevision[];
}

export function initialReportState(): ReportState {
  return {
    status: 'undrafted',
    reportId: null,
    commitmentId: null,
    forumId: null,
    partnerId: null,
    periodStart: null,
    periodEnd: null,
    quantityDelivered: null,
    rupiahDisbursed: null,
    narrative: null,
    evidence: [],
    draftedBy: null,
    submittedBy: null,
    reviewedBy: null,
    submissionNumber: 0,
    returns: [],
    revisions: [],
  };
}
