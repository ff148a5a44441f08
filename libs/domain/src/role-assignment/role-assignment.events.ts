import { CalendarDate, Role } from '../shared';
import { RoleScopeType } from './role-assignment.commands';

export type RoleAssigned = {
  type: 'RoleAssigned';
  data: {
    assignmentId: string;
    partnerId: string;
    role: Role;
    scopeType: RoleScopeType;
    scopeId: string;
    validFrom: CalendarDate;
    validUntil: CalendarDate | null;
    /** IATI organisation role: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing. */
    iatiOrganisationRole: 1 | 2 | 3 | 4;
  };
};

/** Ends the assignment's latest period on `revokedOn`. */
export type RoleRevoked = {
  type: 'RoleRevoked';
  data: { assignmentId: string; reason: string; revokedOn: CalendarDate };
};

export type RoleAssignmentEvent = RoleAssigned | RoleRevoked;
