import { defineProjection, EventHandler, keys } from '../define-projection';
import type { WriteOptions } from '../draft';
import { BadPayloadError, MissingDocumentError } from '../errors';
import { idIn } from '../payload';
import type { Projection } from '../projection';
import {
  RoleAgreementDocument,
  RoleAssignmentDocument,
  RolePartnerDocument,
  RolePeriodEntry,
  ROLES_COLLECTIONS as C,
} from './documents';

export const ROLES_PROJECTION_NAME = 'roles';

const OWN: WriteOptions = { own: true };
const FOREIGN: WriteOptions = { own: false };

const HANDLERS: Readonly<Record<string, EventHandler>> = {
  PartnerRegistered: {
    schemaVersion: 1,
    reads: (event) => keys([C.rolePartners, idIn(event, 'partnerId')]),
    project(data, draft) {
      draft.put<RolePartnerDocument>(C.rolePartners, data.text('partnerId'), { name: data.text('name'), assignmentIds: [] }, OWN);
    },
  },

  PartnerDetailsUpdated: {
    schemaVersion: 1,
    reads: (event, docs) => {
      const partnerId = idIn(event, 'partnerId');
      const partner = partnerId === null ? null : (docs.get(C.rolePartners, partnerId) as RolePartnerDocument | null);
      return [...keys([C.rolePartners, partnerId]), ...(partner?.assignmentIds ?? []).map((id) => ({ collection: C.roleAssignments, id }))];
    },
    project(data, draft) {
      const partnerId = data.text('partnerId');
      const changes = data.object('changes');
      if (!changes.has('name')) return;
      const name = changes.text('name');
      draft.update<RolePartnerDocument>(C.rolePartners, partnerId, () => ({ name }), OWN);
      for (const assignmentId of draft.require<RolePartnerDocument>(C.rolePartners, partnerId).assignmentIds) {
        draft.update<RoleAssignmentDocument>(C.roleAssignments, assignmentId, () => ({ partnerName: name }), FOREIGN);
      }
    },
  },

  AgreementRecorded: {
    schemaVersion: 1,
    reads: (event) => keys([C.roleAgreements, idIn(event, 'agreementId')]),
    project(data, draft) {
      draft.put<RoleAgreementDocument>(C.roleAgreements, data.text('agreementId'), { forumId: data.text('forumId') }, OWN);
    },
  },

  RoleAssigned: {
    schemaVersion: 1,
    reads: (event) => {
      const partnerId = idIn(event, 'partnerId');
      const agreementId = idIn(event, 'scopeType') === 'agreement' ? idIn(event, 'scopeId') : null;
      return keys([C.roleAssignments, idIn(event, 'assignmentId')], [C.rolePartners, partnerId], [C.roleAgreements, agreementId]);
    },
    project(data, draft) {
      const assignmentId = data.text('assignmentId');
      const partnerId = data.text('partnerId');
      const scopeType = data.text('scopeType');
      const scopeId = data.text('scopeId');
      if (scopeType !== 'forum' && scopeType !== 'agreement') {
        throw new BadPayloadError(`RoleAssigned: scopeType must be forum or agreement, got "${scopeType}"`);
      }
      const iatiOrganisationRole = data.count('iatiOrganisationRole');
      const period: RolePeriodEntry = {
        validFrom: data.date('validFrom'),
        validUntil: data.nullableDate('validUntil'),
        revokedOn: null,
        revocationReason: null,
      };
      const forumId = scopeType === 'forum' ? scopeId : agreementForum(draft.get<RoleAgreementDocument>(C.roleAgreements, scopeId), scopeId);
      const partner = draft.get<RolePartnerDocument>(C.rolePartners, partnerId);
      const current = draft.get<RoleAssignmentDocument>(C.roleAssignments, assignmentId);
      // Same order as the domain's state: periods sorted by validFrom (stable for equal dates).
      const periods = [...(current?.periods ?? []), period].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
      draft.put<RoleAssignmentDocument>(
        C.roleAssignments,
        assignmentId,
        { partnerId, partnerName: partner?.name ?? null, role: data.text('role'), iatiOrganisationRole, scopeType, scopeId, forumId, periods },
        OWN,
      );
      if (partner && !partner.assignmentIds.includes(assignmentId)) {
        draft.update<RolePartnerDocument>(C.rolePartners, partnerId, (p) => ({ assignmentIds: [...p.assignmentIds, assignmentId] }), FOREIGN);
      }
    },
  },

  // Ends the latest period, as the domain does.
  RoleRevoked: {
    schemaVersion: 1,
    reads: (event) => keys([C.roleAssignments, idIn(event, 'assignmentId')]),
    project(data, draft) {
      const revokedOn = data.date('revokedOn');
      const revocationReason = data.text('reason');
      draft.update<RoleAssignmentDocument>(
        C.roleAssignments,
        data.text('assignmentId'),
        (assignment) => {
          const latest = assignment.periods[assignment.periods.length - 1];
          if (!latest || latest.revokedOn !== null) return {};
          return { periods: [...assignment.periods.slice(0, -1), { ...latest, revokedOn, revocationReason }] };
        },
        OWN,
      );
    },
  },
};

/** The forum an agreement belongs to; a role in an unknown agreement cannot be placed and is reported. */
function agreementForum(agreement: RoleAgreementDocument | null, agreementId: string): string {
  if (!agreement) throw new MissingDocumentError(C.roleAgreements, agreementId);
  return agreement.forumId;
}

/** Who holds which role in which forum or agreement, over time. */
export function createRolesProjection(): Projection {
  return defineProjection({
    name: ROLES_PROJECTION_NAME,
    collections: Object.values(C),
    indexes: [
      { collection: C.roleAssignments, fields: ['forumId'] },
      { collection: C.roleAssignments, fields: ['partnerId'] },
      { collection: C.roleAssignments, fields: ['scopeType', 'scopeId'] },
    ],
    handlers: HANDLERS,
  });
}
