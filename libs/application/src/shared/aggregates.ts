import { Resource } from '@ikrar/access';
import {
  accountabilityReportDecider,
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  agreementDecider,
  AgreementState,
  agreementStreamId,
  COMMITMENT_EVENT_SCHEMA_VERSIONS,
  commitmentDecider,
  CommitmentState,
  commitmentStreamId,
  FORUM_EVENT_SCHEMA_VERSIONS,
  forumDecider,
  forumStreamId,
  PARTNER_EVENT_SCHEMA_VERSIONS,
  partnerDecider,
  partnerStreamId,
  REPORT_EVENT_SCHEMA_VERSIONS,
  ReportState,
  reportStreamId,
  ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS,
  roleAssignmentDecider,
  RoleAssignmentState,
  roleAssignmentStreamId,
} from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { loadAggregate } from './aggregate-store';

/**
 * Which decider, event versions, entity name and stream an id addresses, and where the entity
 * lives (`locate`: its forum and partners, which decide who may see and change it): the fixed
 * part of every command run and entity read.
 */
export const partnerAggregate = (id: string) =>
  ({
    decider: partnerDecider,
    schemaVersions: PARTNER_EVENT_SCHEMA_VERSIONS,
    entity: 'partner',
    id,
    streamId: partnerStreamId(id),
    locate: async (): Promise<Resource> => ({ kind: 'partner', forumId: null, partnerIds: [id] }),
  }) as const;

export const forumAggregate = (id: string) =>
  ({
    decider: forumDecider,
    schemaVersions: FORUM_EVENT_SCHEMA_VERSIONS,
    entity: 'forum',
    id,
    streamId: forumStreamId(id),
    locate: async (): Promise<Resource> => ({ kind: 'forum', forumId: id, partnerIds: [] }),
  }) as const;

export const agreementAggregate = (id: string) =>
  ({
    decider: agreementDecider,
    schemaVersions: AGREEMENT_EVENT_SCHEMA_VERSIONS,
    entity: 'agreement',
    id,
    streamId: agreementStreamId(id),
    locate: async (state: AgreementState): Promise<Resource> => ({ kind: 'agreement', forumId: state.forumId, partnerIds: [...state.partyPartnerIds] }),
  }) as const;

export const commitmentAggregate = (id: string) =>
  ({
    decider: commitmentDecider,
    schemaVersions: COMMITMENT_EVENT_SCHEMA_VERSIONS,
    entity: 'commitment',
    id,
    streamId: commitmentStreamId(id),
    locate: async (state: CommitmentState): Promise<Resource> => ({ kind: 'commitment', forumId: state.forumId, partnerIds: partners(state.partnerId) }),
  }) as const;

export const roleAssignmentAggregate = (id: string) =>
  ({
    decider: roleAssignmentDecider,
    schemaVersions: ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS,
    entity: 'role assignment',
    id,
    streamId: roleAssignmentStreamId(id),
    locate: async (state: RoleAssignmentState, store: EventStore): Promise<Resource> => ({
      kind: 'roleAssignment',
      forumId: await forumOfScope(store, state.scopeType, state.scopeId),
      partnerIds: partners(state.partnerId),
    }),
  }) as const;

export const reportAggregate = (id: string) =>
  ({
    decider: accountabilityReportDecider,
    schemaVersions: REPORT_EVENT_SCHEMA_VERSIONS,
    entity: 'report',
    id,
    streamId: reportStreamId(id),
    locate: async (state: ReportState): Promise<Resource> => ({ kind: 'report', forumId: state.forumId, partnerIds: partners(state.partnerId) }),
  }) as const;

/** The forum a role's scope belongs to: the forum itself, or the forum of the agreement. */
export async function forumOfScope(store: EventStore, scopeType: string | null, scopeId: string | null): Promise<string | null> {
  if (scopeId === null) return null;
  if (scopeType === 'forum') return scopeId;
  const { state } = await loadAggregate(store, agreementDecider, agreementStreamId(scopeId));
  return state.forumId;
}

function partners(partnerId: string | null): string[] {
  return partnerId === null ? [] : [partnerId];
}
