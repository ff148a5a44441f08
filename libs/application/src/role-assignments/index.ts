import { AssignRoleHandler } from './assign-role';
import { GetRoleAssignmentHandler } from './get-role-assignment';
import { RevokeRoleHandler } from './revoke-role';

export * from './assign-role';
export * from './revoke-role';
export * from './get-role-assignment';

export const ROLE_ASSIGNMENT_HANDLERS = [AssignRoleHandler, RevokeRoleHandler, GetRoleAssignmentHandler];
