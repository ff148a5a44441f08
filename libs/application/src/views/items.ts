import { isOverdue } from './commitment-status';
import { CommitmentDocument, CommitmentMilestoneDocument, ReportDocument } from './documents';

/** A commitment as lists show it: the read model's fields plus `overdue`, derived from today on every read. */
export interface CommitmentItem {
  readonly id: string;
  readonly revision: number;
  /** Global position of the last event that changed this commitment. */
  readonly position: number;
  readonly agreementId: string;
  readonly forumId: string;
  readonly partnerId: string;
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
  readonly status: string;
  readonly overdue: boolean;
  readonly acceptedOn: string | null;
  readonly closedOn: string | null;
  readonly outcome: string | null;
  readonly milestones: CommitmentMilestoneDocument[];
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly reportsAccepted: number;
  readonly lastReportPeriodEnd: string | null;
  readonly pledgedAt: string;
}

export interface ReportItem {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
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
  readonly status: string;
  readonly submissionNumber: number;
  readonly draftedAt: string | null;
  readonly submittedAt: string | null;
  readonly reviewedAt: string | null;
  readonly lastReturnComments: string | null;
}

/** Named fields only, so an adapter's bookkeeping never leaks into a response. */
export function toCommitmentItem(doc: CommitmentDocument, today: string): CommitmentItem {
  return {
    id: doc.id,
    revision: doc.revision,
    position: doc.position,
    agreementId: doc.agreementId,
    forumId: doc.forumId,
    partnerId: doc.partnerId,
    partnerName: doc.partnerName ?? null,
    partnerSector: doc.partnerSector ?? null,
    description: doc.description,
    resourceType: doc.resourceType,
    quantity: doc.quantity,
    unit: doc.unit,
    valueRupiah: doc.valueRupiah,
    regionCode: doc.regionCode,
    programme: doc.programme,
    startDate: doc.startDate,
    dueDate: doc.dueDate,
    status: doc.status,
    overdue: isOverdue(doc, today),
    acceptedOn: doc.acceptedOn ?? null,
    closedOn: doc.closedOn ?? null,
    outcome: doc.outcome ?? null,
    milestones: (doc.milestones ?? []).map((m) => ({ milestoneId: m.milestoneId, title: m.title, dueDate: m.dueDate, metOn: m.metOn ?? null })),
    quantityDelivered: doc.quantityDelivered ?? 0,
    rupiahDisbursed: doc.rupiahDisbursed ?? 0,
    reportsAccepted: doc.reportsAccepted ?? 0,
    lastReportPeriodEnd: doc.lastReportPeriodEnd ?? null,
    pledgedAt: doc.pledgedAt,
  };
}

export function toReportItem(doc: ReportDocument): ReportItem {
  return {
    id: doc.id,
    revision: doc.revision,
    position: doc.position,
    commitmentId: doc.commitmentId,
    forumId: doc.forumId,
    partnerId: doc.partnerId,
    partnerName: doc.partnerName ?? null,
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
    quantityDelivered: doc.quantityDelivered,
    rupiahDisbursed: doc.rupiahDisbursed,
    narrative: doc.narrative,
    evidenceCount: doc.evidenceCount,
    status: doc.status,
    submissionNumber: doc.submissionNumber,
    draftedAt: doc.draftedAt ?? null,
    submittedAt: doc.submittedAt ?? null,
    reviewedAt: doc.reviewedAt ?? null,
    lastReturnComments: doc.lastReturnComments ?? null,
  };
}
