/** Fixed vocabularies from DOMAIN.md; one concept, one name, in API, code and events. */
export const SECTORS = ['government', 'business', 'academia', 'community', 'media', 'professional', 'womens'] as const;
export type Sector = (typeof SECTORS)[number];

export const PROGRAMMES = ['stunting', 'kb', 'ckg', 'kia', 'phbs', 'posyandu', 'other'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const RESOURCE_TYPES = ['funds', 'in-kind', 'technical-expertise', 'personnel', 'data'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const ROLES = [
  'regulator-coordinator',
  'data-provider',
  'monitoring-evaluation',
  'funding-supporter',
  'community-mobiliser',
  'technical-support',
  'secretariat',
] as const;
export type Role = (typeof ROLES)[number];

/** IATI organisation role codes: 1 Funding, 2 Accountable, 3 Extending, 4 Implementing. */
export const IATI_ORGANISATION_ROLE: Record<Role, 1 | 2 | 3 | 4> = {
  'regulator-coordinator': 2,
  'data-provider': 4,
  'monitoring-evaluation': 2,
  'funding-supporter': 1,
  'community-mobiliser': 4,
  'technical-support': 4,
  secretariat: 3,
};

export const CLOSURE_OUTCOMES = ['fulfilled', 'partially-fulfilled'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];
