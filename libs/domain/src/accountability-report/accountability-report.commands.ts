import { CommitmentStatus } from '../commitment/commitment.state';
import { ActorRef, CalendarDate } from '../shared';

/** A document kept by content hash: the ledger holds the fingerprint, the file lives elsewhere. */
export interface EvidenceItem {
  name: string;
  /** Exactly 64 lowercase hex characters. */
  sha256: string;
  /** `type/subtype`, e.g. `application/pdf`. */
  mediaType: string;
  sizeBytes: number;
}

/** The handler's view of the commitment reported on. */
export interface ReportCommitmentFacts {
  status: CommitmentStatus;
  partnerId: string;
  forumId: string;
  startDate: CalendarDate;
  dueDate: CalendarDate;
}

export type DraftReport = {
  type: 'DraftReport';
  data: {
    reportId: string;
    commitmentId: string;
    periodStart: CalendarDate;
    periodEnd: CalendarDate;
    quantityDelivered: number;
    rupiahDisbursed: number;
    narrative: string;
    evidence: EvidenceItem[];
    actor: ActorRef;
    today: CalendarDate;
    commitment: ReportCommitmentFacts;
  };
};

/** Fields a (re)submission may revise; an absent field stays as it is. */
export interface ReportRevisionChanges {
  quantityDelivered?: number;
  rupiahDisbursed?: number;
  narrative?: string;
  evidence?: EvidenceItem[];
}

export type SubmitReport = {
  type: 'SubmitReport';
  data: { reportId: string; changes: ReportRevisionChanges | null; actor: ActorRef };
};

export type ReturnReport = {
  type: 'ReturnReport';
  data: { reportId: string; comments: string; actor: ActorRef };
};

export type AcceptReport = {
  type: 'AcceptReport';
  data: { reportId: string; actor: ActorRef };
};

export type ReportCommand = DraftReport | SubmitReport | ReturnReport | AcceptReport;
