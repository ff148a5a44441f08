import { CalendarDate, Role } from '../shared';
import { RoleScopeType } from './role-assignment.commands';

export type RoleAssignmentStatus = 'unassigned' | 'active' | 'revoked';

/** One period the role was held; a revoked period ends on `revokedOn`, an open `validUntil` runs forever. */
export interface RolePeriod {
  validFrom: CalendarDate;
  validUntil: CalendarDate | null;
  revokedOn: CalendarDate | null;
  revocationReason: string | null;
}

/** `validFrom`, `validUntil` and `status` describe the latest period (the one that starts last). */
export interface RoleAssignmentState {
  status: RoleAssignmentStatus;
  assignmentId: string | null;
  partnerId: string | null;
  role: Role | null;
  scopeType: RoleScopeType | null;
  scopeId: string | null;
  iatiOrganisationRole: 1 | 2 | 3 | 4 | null;
  validFrom: CalendarDate | null;
  validUntil: CalendarDate | null;
  /** Ordered by `validFrom`; periods never overlap. */
  periods: RolePeriod[];
}

export function initialRoleAssignmentState(): RoleAssignmentState {
  return {
    status: 'unassigned',
    assignmentId: null,
    partnerId: null,
    role: null,
    scopeType: null,
    scopeId: null,
    iatiOrganisationRole: null,
    validFrom: null,
    validUntil: null,
    periods: [],
  };
}

/** The last day a period counts: its revocation date if revoked (or `validUntil` if earlier), else `validUntil`. */
export function rolePeriodEnd(period: RolePeriod): CalendarDate | null {
  if (period.revokedOn === null) return period.validUntil;
  if (period.validUntil !== null && period.validUntil < period.revokedOn) return period.validUntil;
  return period.revokedOn;
}
