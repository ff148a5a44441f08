import type { Versioned } from '../draft';

/** Collections of the `roles` projection; `roleAgreements` and `rolePartners` are its private copies. */
export const ROLES_COLLECTIONS = {
  roleAssignments: 'roleAssignments',
  /** agreementId -> forumId, to place an agreement-scoped role in its forum. */
  roleAgreements: 'roleAgreements',
  /** partnerId -> name, and the assignments that show it. */
  rolePartners: 'rolePartners',
} as const;

export type RolePeriodEntry = {
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revokedOn: string | null;
  readonly revocationReason: string | null;
};

export type RoleAssignmentDocument = Versioned & {
  readonly id: string;
  readonly partnerId: string;
  readonly partnerName: string | null;
  readonly role: string;
  readonly iatiOrganisationRole: number;
  readonly scopeType: 'forum' | 'agreement';
  readonly scopeId: string;
  /** The forum of the scope: the forum itself, or the agreement's forum. */
  readonly forumId: string;
  /** Every period the role was held, ordered by validFrom. */
  readonly periods: RolePeriodEntry[];
};

export type RoleAgreementDocument = Versioned & {
  readonly id: string;
  readonly forumId: string;
};

export type RolePartnerDocument = Versioned & {
  readonly id: string;
  readonly name: string;
  readonly assignmentIds: string[];
};
