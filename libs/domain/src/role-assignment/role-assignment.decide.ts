import {
  DomainRuleViolation,
  IATI_ORGANISATION_ROLE,
  ROLES,
  checkActor,
  isCalendarDate,
  isNonBlank,
  partnerStatusIn,
  periodsOverlap,
  requireSecretariat,
  rule,
} from '../shared';
import { AssignRole, RevokeRole, RoleAssignmentCommand } from './role-assignment.commands';
import { RoleAssignmentEvent } from './role-assignment.events';
import { RoleAssignmentState, rolePeriodEnd } from './role-assignment.state';

export function decideRoleAssignment(command: RoleAssignmentCommand, state: RoleAssignmentState): RoleAssignmentEvent[] {
  switch (command.type) {
    case 'AssignRole':
      return assign(command.data, state);
    case 'RevokeRole':
      return revoke(command.data, state);
    default: {
      const unknown = command as { type?: unknown };
      throw new DomainRuleViolation('command-unknown', `Unknown role assignment command ${String(unknown?.type)}`);
    }
  }
}

function assign(data: AssignRole['data'], state: RoleAssignmentState): RoleAssignmentEvent[] {
  requireRoleAdministration(data.actor, 'assign roles');
  rule(isNonBlank(data.assignmentId), 'assignment-id-required', 'A role assignment needs an id');
  rule((ROLES as readonly unknown[]).includes(data.role), 'role-unknown', `Unknown role ${String(data.role)}`, {
    allowed: [...ROLES],
  });
  rule(
    data.scopeType === 'forum' || data.scopeType === 'agreement',
    'scope-type-unknown',
    `A role is held in a forum or an agreement, not ${String(data.scopeType)}`,
  );
  rule(isNonBlank(data.partnerId), 'partner-id-required', 'A role is held by a partner');
  if (state.status !== 'unassigned') {
    // The id is derived from (scope, partner, role): another key in this stream is a caller's bug.
    rule(
      data.assignmentId === state.assignmentId &&
        data.partnerId === state.partnerId &&
        data.role === state.role &&
        data.scopeType === state.scopeType &&
        data.scopeId === state.scopeId,
      'role-assignment-mismatch',
      'This assignment is for another partner, role or scope',
    );
  }
  rule(
    isNonBlank(data.scopeId) && data.scopeExists === true,
    'role-scope-not-found',
    `No ${String(data.scopeType)} ${String(data.scopeId)}`,
  );
  const partner = partnerStatusIn(data.partnerStatuses, data.partnerId);
  rule(partner !== 'unregistered', 'partner-not-registered', `Partner ${data.partnerId} is not registered`, {
    partnerId: data.partnerId,
  });
  rule(partner === 'active', 'partner-deactivated', `Partner ${data.partnerId} is deactivated`, { partnerId: data.partnerId });

  const validUntil = data.validUntil ?? null;
  rule(isCalendarDate(data.validFrom), 'date-invalid', `validFrom: ${String(data.validFrom)} is not a calendar date`, {
    field: 'validFrom',
  });
  rule(validUntil === null || isCalendarDate(validUntil), 'date-invalid', `validUntil: ${String(validUntil)} is not a calendar date`, {
    field: 'validUntil',
  });
  rule(
    validUntil === null || validUntil >= data.validFrom,
    'role-period-invalid',
    `The period ends (${validUntil}) before it starts (${data.validFrom})`,
  );
  const clash = state.periods.find((period) =>
    periodsOverlap({ from: period.validFrom, until: rolePeriodEnd(period) }, { from: data.validFrom, until: validUntil }),
  );
  rule(
    clash === undefined,
    'role-period-overlaps',
    `The partner already holds this role from ${clash?.validFrom} until ${clash ? rolePeriodEnd(clash) ?? 'revoked' : ''}`,
    clash ? { validFrom: clash.validFrom, until: rolePeriodEnd(clash) } : undefined,
  );

  return [
    {
      type: 'RoleAssigned',
      data: {
        assignmentId: data.assignmentId,
        partnerId: data.partnerId,
        role: data.role,
        scopeType: data.scopeType,
        scopeId: data.scopeId,
        validFrom: data.validFrom,
        validUntil,
        iatiOrganisationRole: IATI_ORGANISATION_ROLE[data.role],
      },
    },
  ];
}

function revoke(data: RevokeRole['data'], state: RoleAssignmentState): RoleAssignmentEvent[] {
  requireRoleAdministration(data.actor, 'revoke roles');
  rule(
    state.status !== 'unassigned' && data.assignmentId === state.assignmentId,
    'role-assignment-not-found',
    `Role assignment ${String(data.assignmentId)} does not exist`,
  );
  rule(isCalendarDate(data.revokedOn), 'date-invalid', `revokedOn: ${String(data.revokedOn)} is not a calendar date`, {
    field: 'revokedOn',
  });
  const latest = state.periods[state.periods.length - 1];
  rule(
    latest !== undefined && latest.revokedOn === null && (latest.validUntil === null || latest.validUntil >= data.revokedOn),
    'role-assignment-not-active',
    latest?.revokedOn != null
      ? `This role was already revoked on ${latest.revokedOn}`
      : `This role ended on ${String(latest?.validUntil)}, before ${data.revokedOn}`,
  );
  rule(isNonBlank(data.reason), 'reason-required', 'Revoking a role needs a reason');
  return [{ type: 'RoleRevoked', data: { assignmentId: data.assignmentId, reason: data.reason, revokedOn: data.revokedOn } }];
}

/** The secretariat records who holds which role: a partner user may not. */
function requireRoleAdministration(actor: unknown, act: string): void {
  requireSecretariat(checkActor(actor), 'role-assignment-requires-secretariat', `Only the secretariat may ${act}`);
}
