import { RoleAssignmentEvent } from './role-assignment.events';
import { RoleAssignmentState, RolePeriod } from './role-assignment.state';

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolveRoleAssignment(state: RoleAssignmentState, event: RoleAssignmentEvent): RoleAssignmentState {
  if (event == null || typeof event !== 'object' || event.data == null || typeof event.data !== 'object') return state;
  switch (event.type) {
    case 'RoleAssigned': {
      const data = event.data;
      const period: RolePeriod = {
        validFrom: data.validFrom,
        validUntil: data.validUntil ?? null,
        revokedOn: null,
        revocationReason: null,
      };
      const periods = [...state.periods, period].sort((a, b) =>
        a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0,
      );
      return withLatest({
        ...state,
        assignmentId: data.assignmentId,
        partnerId: data.partnerId,
        role: data.role,
        scopeType: data.scopeType,
        scopeId: data.scopeId,
        iatiOrganisationRole: data.iatiOrganisationRole ?? null,
        periods,
      });
    }
    case 'RoleRevoked': {
      const latest = state.periods[state.periods.length - 1];
      if (latest === undefined || latest.revokedOn !== null) return state;
      const revoked: RolePeriod = { ...latest, revokedOn: event.data.revokedOn, revocationReason: event.data.reason };
      return withLatest({ ...state, periods: [...state.periods.slice(0, -1), revoked] });
    }
    default:
      return state;
  }
}

/** Top-level `validFrom`, `validUntil` and `status` follow the latest period. */
function withLatest(state: RoleAssignmentState): RoleAssignmentState {
  const latest = state.periods[state.periods.length - 1];
  if (latest === undefined) return state;
  return {
    ...state,
    status: latest.revokedOn === null ? 'active' : 'revoked',
    validFrom: latest.validFrom,
    validUntil: latest.validUntil,
  };
}
