import {
  accountabilityReportDecider,
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  agreementDecider,
  agreementStreamId,
  COMMITMENT_EVENT_SCHEMA_VERSIONS,
  commitmentDecider,
  commitmentStreamId,
  FORUM_EVENT_SCHEMA_VERSIONS,
  forumDecider,
  forumStreamId,
  PARTNER_EVENT_SCHEMA_VERSIONS,
  partnerDecider,
  partnerStreamId,
  REPORT_EVENT_SCHEMA_VERSIONS,
  reportStreamId,
  ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS,
  roleAssignmentDecider,
  roleAssignmentStreamId,
} from '@ikrar/domain';

/** Which decider, event versions, entity name and stream an id addresses: the fixed part of every command run. */
export const partnerAggregate = (id: string) =>
  ({ decider: partnerDecider, schemaVersions: PARTNER_EVENT_SCHEMA_VERSIONS, entity: 'partner', id, streamId: partnerStreamId(id) }) as const;

export const forumAggregate = (id: string) =>
  ({ decider: forumDecider, schemaVersions: FORUM_EVENT_SCHEMA_VERSIONS, entity: 'forum', id, streamId: forumStreamId(id) }) as const;

export const agreementAggregate = (id: string) =>
  ({ decider: agreementDecider, schemaVersions: AGREEMENT_EVENT_SCHEMA_VERSIONS, entity: 'agreement', id, streamId: agreementStreamId(id) }) as const;

export const commitmentAggregate = (id: string) =>
  ({ decider: commitmentDecider, schemaVersions: COMMITMENT_EVENT_SCHEMA_VERSIONS, entity: 'commitment', id, streamId: commitmentStreamId(id) }) as const;

export const roleAssignmentAggregate = (id: string) =>
  ({ decider: roleAssignmentDecider, schemaVersions: ROLE_ASSIGNMENT_EVENT_SCHEMA_VERSIONS, entity: 'role assignment', id, streamId: roleAssignmentStreamId(id) }) as const;

export const reportAggregate = (id: string) =>
  ({ decider: accountabilityReportDecider, schemaVersions: REPORT_EVENT_SCHEMA_VERSIONS, entity: 'report', id, streamId: reportStreamId(id) }) as const;
