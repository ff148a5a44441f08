import { PARTNER_EVENT_TYPES } from './partner';
import { FORUM_EVENT_TYPES } from './forum';
import { AGREEMENT_EVENT_TYPES } from './agreement';
import { COMMITMENT_EVENT_TYPES } from './commitment';
import { ROLE_ASSIGNMENT_EVENT_TYPES } from './role-assignment';
import { REPORT_EVENT_TYPES } from './accountability-report';

export * from './shared';
export * from './partner';
export * from './forum';
export * from './agreement';
export * from './commitment';
export * from './role-assignment';
export * from './accountability-report';

/** Every event type the domain emits, across all aggregates. */
export const KNOWN_EVENT_TYPES: readonly string[] = [
  ...PARTNER_EVENT_TYPES,
  ...FORUM_EVENT_TYPES,
  ...AGREEMENT_EVENT_TYPES,
  ...COMMITMENT_EVENT_TYPES,
  ...ROLE_ASSIGNMENT_EVENT_TYPES,
  ...REPORT_EVENT_TYPES,
];
