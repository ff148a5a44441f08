import { Principal, PrincipalRole } from './principal';

/**
 * Who may see and do what: the authorization matrix of the README, in one place.
 * Visibility first: an object the caller may not see is answered exactly as if it did not exist
 * (404, or "not found" inside a rule), so ids cannot be probed. Only what the caller can see
 * may then be refused as forbidden (403).
 */

export type ResourceKind = 'forum' | 'partner' | 'agreement' | 'commitment' | 'report' | 'roleAssignment';

/** Where an object lives: its forum (null for the partner registry) and the partners it belongs to. */
export interface Resource {
  readonly kind: ResourceKind;
  readonly forumId: string | null;
  readonly partnerIds: readonly string[];
}

export function canRead(principal: Principal, resource: Resource): boolean {
  switch (principal.role) {
    case 'system':
    case 'auditor':
      return true;
    case 'admin':
      return resource.kind === 'forum' || resource.kind === 'partner';
    case 'secretariat':
      return resource.kind === 'partner' || (resource.forumId !== null && principal.forumIds.includes(resource.forumId));
    case 'partner':
      return resource.kind !== 'forum' && principal.partnerId !== null && resource.partnerIds.includes(principal.partnerId);
  }
}

export const WRITE_ACTS = [
  'establish-forum',
  'record-meeting',
  'register-partner',
  'update-partner-details',
  'deactivate-partner',
  'erase-partner-contact',
  'record-agreement',
  'correct-agreement',
  'amend-agreement',
  'terminate-agreement',
  'pledge-commitment',
  'accept-commitment',
  'amend-commitment',
  'mark-milestone-met',
  'close-commitment',
  'cancel-commitment',
  'withdraw-commitment',
  'assign-role',
  'revoke-role',
  'draft-report',
  'submit-report',
  'return-report',
  'accept-report',
] as const;
export type WriteAct = (typeof WRITE_ACTS)[number];

const PARTNER_REGISTRY: readonly WriteAct[] = ['register-partner', 'update-partner-details', 'deactivate-partner', 'erase-partner-contact'];
/** What a partner user may do, and only for its own organisation. */
const PARTNER_ACTS: readonly WriteAct[] = ['update-partner-details', 'pledge-commitment', 'withdraw-commitment', 'draft-report', 'submit-report'];

/** Which roles may do an act at all; scope (own forum, own partner) is checked by `mayWrite`. */
export function rolesFor(act: WriteAct): readonly PrincipalRole[] {
  if (act === 'establish-forum') return ['admin'];
  if (PARTNER_REGISTRY.includes(act)) return PARTNER_ACTS.includes(act) ? ['secretariat', 'admin', 'partner'] : ['secretariat', 'admin'];
  return PARTNER_ACTS.includes(act) ? ['secretariat', 'partner'] : ['secretariat'];
}

/**
 * May the principal do `act` on `target` (the object written, or for a creation the object it will
 * be: its forum and partners as far as the caller can see them)? A secretariat writes only in its
 * own forums; a partner only for itself; an auditor never; an admin only on forums and partners.
 */
export function mayWrite(principal: Principal, act: WriteAct, target: Resource | null): boolean {
  if (principal.role === 'system') return true;
  if (!rolesFor(act).includes(principal.role)) return false;
  // Nothing the caller can see yet: the decider refuses it as a reference to nothing.
  if (target === null) return true;
  if (principal.role === 'partner') {
    return principal.partnerId !== null && target.partnerIds.includes(principal.partnerId);
  }
  if (principal.role === 'secretariat' && target.kind !== 'partner') {
    return target.forumId === null || principal.forumIds.includes(target.forumId);
  }
  return true;
}

/** What a list may show the principal: every row (`all`), rows of some forums or of one partner, or none. */
export type ListScope = { readonly all: true } | { readonly forumIds: readonly string[] } | { readonly partnerId: string } | { readonly none: true };

export function listScope(principal: Principal): ListScope {
  switch (principal.role) {
    case 'system':
    case 'auditor':
      return { all: true };
    case 'secretariat':
      return { forumIds: principal.forumIds };
    case 'partner':
      return principal.partnerId !== null ? { partnerId: principal.partnerId } : { none: true };
    case 'admin':
      return { none: true };
  }
}
