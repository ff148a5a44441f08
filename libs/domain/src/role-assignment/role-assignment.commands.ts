import { ActorRef, CalendarDate, PartnerStatuses, Role } from '../shared';

export type RoleScopeType = 'forum' | 'agreement';

export type AssignRole = {
  type: 'AssignRole';
  data: {
    assignmentId: string;
    partnerId: string;
    role: Role;
    scopeType: RoleScopeType;
    scopeId: string;
    validFrom: CalendarDate;
    /** `null`: until revoked. */
    validUntil: CalendarDate | null;
    /** Whether the handler found the forum or agreement named by `scopeType`/`scopeId`. */
    scopeExists: boolean;
    /** The handler's view of the partner. */
    partnerStatuses: PartnerStatuses;
    actor: ActorRef;
  };
};

export type RevokeRole = {
  type: 'RevokeRole';
  data: { assignmentId: string; reason: string; revokedOn: CalendarDate; actor: ActorRef };
};

export type RoleAssignmentCommand = AssignRole | RevokeRole;
