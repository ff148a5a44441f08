import { Role } from '../shared';
import { RoleScopeType } from './role-assignment.commands';

/**
 * The natural key of an assignment: one partner, one role, one scope. The application layer
 * derives the assignment id from it (UUID v5), so overlapping periods meet in one stream.
 */
export function roleAssignmentKey(key: { scopeType: RoleScopeType; scopeId: string; partnerId: string; role: Role }): string {
  return `${key.scopeType}:${key.scopeId}:${key.partnerId}:${key.role}`;
}
