import type { Versioned } from '../draft';

/** Collections of the `ledger` projection. The last two are its own bookkeeping, not for queries. */
export const LEDGER_COLLECTIONS = {
  partners: 'partners',
  forums: 'forums',
  agreements: 'agreements',
  commitments: 'commitments',
  reports: 'reports',
  /** partnerId -> the commitments and reports that carry the partner's name. */
  partnerCommitments: 'partnerCommitments',
  /** commitmentId -> its submitted, returned and accepted reports (for `lastReportPeriodEnd`). */
  commitmentReports: 'commitmentReports',
} as const;

export type PartnerDocument = Versioned & {
  readonly id: string;
  readonly name: string;
  readonly sector: string;
  readonly regionCode: string | null;
  readonly status: 'active' | 'deactivated';
};

export type ForumDocument = Versioned & {
  readonly id: string;
  readonly name: string;
  readonly regionCode: string;
  readonly programmes: string[];
  readonly secretariatPartnerId: string;
  readonly meetingCount: number;
};

export type AgreementDocument = Versioned & {
  readonly id: string;
  readonly forumId: string;
  readonly title: string;
  readonly status: 'in-force' | 'terminated';
  readonly effectiveFrom: string;
  readonly effectiveUntil: string | null;
  readonly partyPartnerIds: string[];
};

export type MilestoneEntry = {
  readonly milestoneId: string;
  readonly title: string;
  readonly dueDate: string;
  readonly metOn: string | null;
};

export type CommitmentStatus = 'pledged' | 'accepted' | 'withdrawn' | 'cancelled' | 'fulfilled' | 'partially-fulfilled';

export type CommitmentDocument = Versioned & {
  readonly id: string;
  readonly agreementId: string;
  readonly forumId: string;
  readonly partnerId: string;
  /** The partner's name and sector as the ledger knows them now (kept current on PartnerDetailsUpdated). */
  readonly partnerName: string | null;
  readonly partnerSector: string | null;
  readonly description: string;
  readonly resourceType: string;
  readonly quantity: number;
  readonly unit: string;
  readonly valueRupiah: number;
  readonly regionCode: string;
  readonly programme: string;
  readonly startDate: string;
  readonly dueDate: string;
  readonly status: CommitmentStatus;
  readonly acceptedOn: string | null;
  readonly closedOn: string | null;
  readonly outcome: 'fulfilled' | 'partially-fulfilled' | null;
  readonly milestones: MilestoneEntry[];
  /** Sums over ACCEPTED reports only. */
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly reportsAccepted: number;
  /** Latest periodEnd of a report now submitted or accepted (a returned one no longer counts), or null. */
  readonly lastReportPeriodEnd: string | null;
  /** recordedAt of the pledge (ISO instant). */
  readonly pledgedAt: string;
};

export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export type ReportDocument = Versioned & {
  readonly id: string;
  readonly commitmentId: string;
  readonly forumId: string;
  readonly partnerId: string;
  readonly partnerName: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly narrative: string;
  readonly evidenceCount: number;
  readonly status: ReportStatus;
  /** 0 while a draft; the latest ReportSubmitted's number after. */
  readonly submissionNumber: number;
  /** recordedAt of the events (ISO instants). */
  readonly draftedAt: string;
  readonly submittedAt: string | null;
  readonly reviewedAt: string | null;
  readonly lastReturnComments: string | null;
};

export type PartnerCommitmentsDocument = Versioned & {
  readonly id: string;
  readonly commitmentIds: string[];
  readonly reportIds: string[];
};

export type CommitmentReportsDocument = Versioned & {
  readonly id: string;
  readonly reports: Array<{ readonly reportId: string; readonly periodEnd: string; readonly status: ReportStatus }>;
};
