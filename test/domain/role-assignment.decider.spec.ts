import {
  ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS,
  ROLE_ASSIGNMENT_STREAM_CATEGORY,
  AssignRole,
  RoleAssigned,
  RoleAssignmentCommand,
  RoleAssignmentEvent,
  RoleRevoked,
  initialRoleAssignmentState,
  roleAssignmentDecider,
  roleAssignmentKey,
  roleAssignmentStreamId,
} from '@ikrar/domain';
import { DeciderSpecification } from '../support/decider-spec';

const spec = () => DeciderSpecification(roleAssignmentDecider);

const assignmentId = 'ra-1';
const secretariat = { userId: 'u-sek', role: 'secretariat' as const };
const partner = { userId: 'u-csr', role: 'partner' as const, partnerId: 'p-csr' };
const auditor = { userId: 'u-aud', role: 'auditor' as const };
type Actor = typeof secretariat | typeof partner | typeof auditor;

function assign(overrides: Partial<AssignRole['data']> = {}): RoleAssignmentCommand {
  return {
    type: 'AssignRole',
    data: {
      assignmentId,
      partnerId: 'p-csr',
      role: 'funding-supporter',
      scopeType: 'forum',
      scopeId: 'f-ntb',
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
      scopeExists: true,
      partnerStatuses: { 'p-csr': 'active' },
      actor: secretariat,
      ...overrides,
    },
  };
}

function assigned(validFrom: string, validUntil: string | null): RoleAssigned {
  return {
    type: 'RoleAssigned',
    data: {
      assignmentId,
      partnerId: 'p-csr',
      role: 'funding-supporter',
      scopeType: 'forum',
      scopeId: 'f-ntb',
      validFrom,
      validUntil,
      iatiOrganisationRole: 1,
    },
  };
}

function revoked(revokedOn: string, reason = 'MoU ended early'): RoleRevoked {
  return { type: 'RoleRevoked', data: { assignmentId, reason, revokedOn } };
}

function revoke(revokedOn: string, reason = 'MoU ended early', actor: Actor = secretariat): RoleAssignmentCommand {
  return { type: 'RevokeRole', data: { assignmentId, reason, revokedOn, actor } };
}

describe('Role assignment decider', () => {
  describe('stream, key and schema', () => {
    it('lives in roleAssignment-<id> streams and every event is at schema version 1', () => {
      expect(ROLE_ASSIGNMENT_STREAM_CATEGORY).toBe('roleAssignment');
      expect(roleAssignmentStreamId('ra-1')).toBe('roleAssignment-ra-1');
      expect(ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS).toEqual({ RoleAssigned: 1, RoleRevoked: 1 });
    });

    it('the natural key is scope type, scope, partner and role', () => {
      expect(roleAssignmentKey({ scopeType: 'agreement', scopeId: 'a-1', partnerId: 'p-idi', role: 'technical-support' })).toBe(
        'agreement:a-1:p-idi:technical-support',
      );
    });
  });

  describe('assigning', () => {
    it('an active partner is assigned a known role in an existing scope, with its IATI organisation role', () => {
      spec().given().when(assign()).then(assigned('2025-01-01', '2025-12-31'));
    });

    it('a role can be held until revoked', () => {
      spec()
        .given()
        .when(assign({ validUntil: null, role: 'data-provider' }))
        .then({ ...assigned('2025-01-01', null), data: { ...assigned('2025-01-01', null).data, role: 'data-provider', iatiOrganisationRole: 4 } });
    });

    it('the role must be known', () => {
      spec()
        .given()
        .when(assign({ role: 'sponsor' as never }))
        .thenRejects('role-unknown');
    });

    it('the scope must exist', () => {
      spec().given().when(assign({ scopeExists: false })).thenRejects('role-scope-not-found');
    });

    it('the partner must be registered and active', () => {
      spec().given().when(assign({ partnerStatuses: {} })).thenRejects('partner-not-registered');
      spec()
        .given()
        .when(assign({ partnerStatuses: { 'p-csr': 'deactivated' } }))
        .thenRejects('partner-deactivated');
    });

    it('a period does not end before it starts', () => {
      spec().given().when(assign({ validUntil: '2024-12-31' })).thenRejects('role-period-invalid');
    });

    it('one partner cannot hold the same role in the same scope over overlapping periods', () => {
      spec()
        .given(assigned('2025-01-01', '2025-12-31'))
        .when(assign({ validFrom: '2025-12-31', validUntil: null }))
        .thenRejects('role-period-overlaps');
      spec()
        .given(assigned('2025-01-01', null))
        .when(assign({ validFrom: '2030-01-01', validUntil: null }))
        .thenRejects('role-period-overlaps');
    });

    it('a period that does not overlap any earlier one is added', () => {
      spec()
        .given(assigned('2025-01-01', '2025-12-31'))
        .when(assign({ validFrom: '2026-01-01', validUntil: null }))
        .then(assigned('2026-01-01', null));
    });

    it('a revoked period ends on its revocation date', () => {
      spec()
        .given(assigned('2025-01-01', null), revoked('2025-06-30'))
        .when(assign({ validFrom: '2025-07-01', validUntil: null }))
        .then(assigned('2025-07-01', null));
      spec()
        .given(assigned('2025-01-01', null), revoked('2025-06-30'))
        .when(assign({ validFrom: '2025-06-30', validUntil: null }))
        .thenRejects('role-period-overlaps');
    });

    it('an assignment stream holds one partner, one role, one scope', () => {
      spec()
        .given(assigned('2025-01-01', '2025-12-31'))
        .when(assign({ validFrom: '2026-01-01', validUntil: null, role: 'data-provider' }))
        .thenRejects('role-assignment-mismatch');
    });

    it('dates are real calendar dates', () => {
      spec().given().when(assign({ validFrom: '2025-13-01' })).thenRejects('date-invalid');
    });
  });

  describe('revoking', () => {
    it('an active role is revoked', () => {
      spec().given(assigned('2025-01-01', null)).when(revoke('2025-06-30')).then(revoked('2025-06-30'));
    });

    it('a role can be revoked on the last day of its period', () => {
      spec().given(assigned('2025-01-01', '2025-12-31')).when(revoke('2025-12-31')).then(revoked('2025-12-31'));
    });

    it('a role never assigned cannot be revoked', () => {
      spec().given().when(revoke('2025-06-30')).thenRejects('role-assignment-not-found');
    });

    it('a revoked role cannot be revoked again', () => {
      spec()
        .given(assigned('2025-01-01', null), revoked('2025-06-30'))
        .when(revoke('2025-07-31'))
        .thenRejects('role-assignment-not-active');
    });

    it('a period that ended before the revocation date cannot be revoked', () => {
      spec()
        .given(assigned('2025-01-01', '2025-12-31'))
        .when(revoke('2026-01-01'))
        .thenRejects('role-assignment-not-active');
    });

    it('revocation applies to the latest period', () => {
      spec()
        .given(assigned('2025-01-01', null), revoked('2025-06-30'), assigned('2026-01-01', null))
        .when(revoke('2026-03-31', 'Replaced'))
        .then(revoked('2026-03-31', 'Replaced'));
    });

    it('revoking needs a reason', () => {
      spec().given(assigned('2025-01-01', null)).when(revoke('2025-06-30', ' ')).thenRejects('reason-required');
    });
  });

  describe('who may write', () => {
    it('an auditor writes nothing: auditor-read-only', () => {
      spec().given().when(assign({ actor: auditor })).thenRejects('auditor-read-only');
      spec().given(assigned('2025-01-01', null)).when(revoke('2025-06-30', 'x', auditor)).thenRejects('auditor-read-only');
    });

    it('a partner user cannot assign or revoke roles, not even its own', () => {
      spec().given().when(assign({ actor: partner })).thenRejects('role-assignment-requires-secretariat');
      spec().given(assigned('2025-01-01', null)).when(revoke('2025-06-30', 'x', partner)).thenRejects('role-assignment-requires-secretariat');
    });
  });

  describe('state', () => {
    it('assign, revoke, reassign later: every period is kept and the top level follows the latest', () => {
      spec()
        .given(assigned('2025-01-01', null), revoked('2025-06-30'), assigned('2026-01-01', '2026-12-31'))
        .thenState((state) => {
          expect(state).toMatchObject({
            status: 'active',
            assignmentId,
            partnerId: 'p-csr',
            role: 'funding-supporter',
            scopeType: 'forum',
            scopeId: 'f-ntb',
            validFrom: '2026-01-01',
            validUntil: '2026-12-31',
          });
          expect(state.periods).toEqual([
            { validFrom: '2025-01-01', validUntil: null, revokedOn: '2025-06-30', revocationReason: 'MoU ended early' },
            { validFrom: '2026-01-01', validUntil: '2026-12-31', revokedOn: null, revocationReason: null },
          ]);
        });
    });

    it('a revoked latest period makes the assignment revoked', () => {
      spec()
        .given(assigned('2025-01-01', null), revoked('2025-06-30'))
        .thenState((state) => {
          expect(state.status).toBe('revoked');
          expect(state.validFrom).toBe('2025-01-01');
        });
    });

    it('evolve is total: an unknown event leaves the state unchanged', () => {
      const state = roleAssignmentDecider.evolve(initialRoleAssignmentState(), assigned('2025-01-01', null));
      expect(roleAssignmentDecider.evolve(state, { type: 'RoleRenamed', data: {} } as unknown as RoleAssignmentEvent)).toBe(state);
      expect(roleAssignmentDecider.evolve(initialRoleAssignmentState(), revoked('2025-01-01'))).toEqual(initialRoleAssignmentState());
    });
  });
});
