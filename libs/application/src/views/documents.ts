/**
 * The read model documents the projections write (collection names and fields are fixed by the
 * read-side brief). Every document also carries `position` (global position of the last event that
 * changed it) and `revision` (its entity stream's revision).
 */
import { ReadDocument } from '@ikrar/read-store';

export const COLLECTIONS = {
  partners: 'partners',
  forums: 'forums',
  agreements: 'agreements',
  commitments: 'commitments',
  reports: 'reports',
  roleAssignments: 'roleAssignments',
} as const;

interface Tracked extends ReadDocument {
  readonly position: number;
  readonly revision: number;
}

export interface PartnerDocument extends Tracked {
  readonly name: string;
  readonly sector: string;
  readonly regionCode: string | null;
  readonly status: string;
}

export interface ForumDocument extends Tracked {
  readonly name: string;
  readonly regionCode: string;
  readonly programmes: string[];
  readonly secretariatPartnerId: string;
  readonly meetingCount: number;
}

export interface CommitmentMilestoneDocument {
  readonly milestoneId: string;
  readonly title: string;
  readonly dueDate: string;
  readonly metOn: string | null;
}

export interface CommitmentDocument extends Tracked {
  readonly agreementId: string;
  readonly forumId: string;
  readonly partnerId: string;
  /** The partner's current name and sector; `null` only if the partner's registration was never projected. */
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
  readonly acceptedOn: string | null;
  readonly closedOn: string | null;
  readonly outcome: string | null;
  readonly milestones: CommitmentMilestoneDocument[];
  /** Sums over accepted reports only. */
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly reportsAccepted: number;
  /** Latest periodEnd of a submitted or accepted report. */
  readonly lastReportPeriodEnd: string | null;
  readonly pledgedAt: string;
}

export interface ReportDocument extends Tracked {
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

export interface RolePeriodDocument {
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revokedOn: string | null;
  readonly revocationReason: string | null;
}

export interface RoleAssignmentDocument extends Tracked {
  readonly partnerId: string;
  readonly partnerName: string | null;
  readonly role: string;
  readonly iatiOrganisationRole: number;
  readonly scopeType: 'forum' | 'agreement';
  readonly scopeId: string;
  readonly forumId: string;
  readonly periods: RolePeriodDocument[];
}
