import { FieldFilter } from '@ikrar/read-store';
import { CommitmentListStatus } from '../commitment-status';
import { CommitmentDocument, ForumDocument, ReportDocument } from '../documents';

/**
 * What a forum has published, for anonymous readers (masyarakat).
 *
 * A commitment is published once the forum accepted it (`acceptedOn` is set); from then on it is shown
 * with its status as it is now, whatever that became (accepted, fulfilled, partially-fulfilled, withdrawn,
 * cancelled). A pledge never accepted is not published. A report is published, as a summary, once accepted.
 * Everything here is built field by field from named fields: no contact, narrative, review comments,
 * actor ids or event bookkeeping can reach a public response.
 */
export const PUBLISHED_COMMITMENT_STATUSES = ['accepted', 'fulfilled', 'partially-fulfilled', 'withdrawn', 'cancelled'] as const satisfies readonly CommitmentListStatus[];
export type PublishedCommitmentStatus = (typeof PUBLISHED_COMMITMENT_STATUSES)[number];

/** The store filter that keeps published commitments only. */
export const PUBLISHED: FieldFilter = { field: 'acceptedOn', op: 'ne', value: null };

export function isPublished(doc: Pick<CommitmentDocument, 'acceptedOn'>): boolean {
  return doc.acceptedOn !== null && doc.acceptedOn !== undefined;
}

export interface PublicForum {
  readonly id: string;
  readonly name: string;
  readonly regionCode: string;
  readonly programmes: string[];
}

/** A published commitment as public lists show it. */
export interface PublicCommitmentItem {
  readonly id: string;
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
  readonly acceptedOn: string;
  readonly closedOn: string | null;
  readonly outcome: string | null;
  /** Sums over accepted reports only. */
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly reportsAccepted: number;
}

export interface PublicMilestone {
  readonly title: string;
  readonly dueDate: string;
  readonly metOn: string | null;
}

/** An accepted report, summarised: no narrative (it may name beneficiaries), no review comments. */
export interface PublicReportSummary {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly evidenceCount: number;
  /** When the secretariat accepted it (the report's last review). */
  readonly acceptedAt: string;
}

export interface PublicCommitmentView extends PublicCommitmentItem {
  readonly forumId: string;
  readonly milestones: PublicMilestone[];
  /** Its accepted reports, oldest period first. */
  readonly reports: PublicReportSummary[];
}

export function toPublicForum(doc: ForumDocument): PublicForum {
  return { id: doc.id, name: doc.name, regionCode: doc.regionCode, programmes: [...(doc.programmes ?? [])] };
}

export function toPublicCommitmentItem(doc: CommitmentDocument): PublicCommitmentItem {
  return {
    id: doc.id,
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
    acceptedOn: doc.acceptedOn as string,
    closedOn: doc.closedOn ?? null,
    outcome: doc.outcome ?? null,
    quantityDelivered: doc.quantityDelivered ?? 0,
    rupiahDisbursed: doc.rupiahDisbursed ?? 0,
    reportsAccepted: doc.reportsAccepted ?? 0,
  };
}

export function toPublicReportSummary(doc: ReportDocument): PublicReportSummary {
  return {
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
    quantityDelivered: doc.quantityDelivered,
    rupiahDisbursed: doc.rupiahDisbursed,
    evidenceCount: doc.evidenceCount,
    acceptedAt: doc.reviewedAt as string,
  };
}
