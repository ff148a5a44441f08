import { Decider } from '../shared';
import { RoleAssignmentCommand } from './role-assignment.commands';
import { decideRoleAssignment } from './role-assignment.decide';
import { RoleAssignmentEvent } from './role-assignment.events';
import { evolveRoleAssignment } from './role-assignment.evolve';
import { RoleAssignmentState, initialRoleAssignmentState } from './role-assignment.state';

export * from './role-assignment.commands';
export * from './role-assignment.events';
export * from './role-assignment.state';
export * from './role-assignment.key';
export * from './role-assignment.decide';
export * from './role-assignment.evolve';

export const ROLE_ASSIGNMENT_STREAM_CATEGORY = 'roleAssignment';

export function roleAssignmentStreamId(assignmentId: string): string {
  return `${ROLE_ASSIGNMENT_STREAM_CATEGORY}-${assignmentId}`;
}

export const ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS: Record<RoleAssignmentEvent['type'], number> = {
  RoleAssigned: 1,
  RoleRevoked: 1,
};

/** Every event type of this aggregate (for projections: an event type no projection knows is a recorded failure). */
export const ROLE_ASSIGNMENT_EVENT_TYPES = Object.keys(ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS) as readonly RoleAssignmentEvent['type'][];

export const roleAssignmentDecider: Decider<RoleAssignmentCommand, RoleAssignmentEvent, RoleAssignmentState> = {
  initialState: initialRoleAssignmentState,
  decide: decideRoleAssignment,
  evolve: evolveRoleAssignment,
};
