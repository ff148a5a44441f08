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

const SECRETARIAT: readonly PrincipalRole[] = ['secretariat'];
/** The partner registry is shared by every forum: any secretariat keeps it, and so does the admin. */
const REGISTRY: readonly PrincipalRole[] = ['secretariat', 'admin'];
/** Acts a partner user may do too, only for its own organisation. */
const WITH_PARTNER: readonly PrincipalRole[] = ['secretariat', 'partner'];

/** Which roles may do an act at all (the README's write matrix); scope (own forum, own partner) is `mayWrite`'s. */
const ROLES_FOR: Record<WriteAct, readonly PrincipalRole[]> = {
  'establish-forum': ['admin'],
  'record-meeting': SECRETARIAT,
  'register-partner': REGISTRY,
  'update-partner-details': ['secretariat', 'admin', 'partner'],
  'deactivate-partner': REGISTRY,
  'erase-partner-contact': REGISTRY,
  'record-agreement': SECRETARIAT,
  'correct-agreement': SECRETARIAT,
  'amend-agreement': SECRETARIAT,
  'terminate-agreement': SECRETARIAT,
  'pledge-commitment': WITH_PARTNER,
  'accept-commitment': SECRETARIAT,
  'amend-commitment': SECRETARIAT,
  'mark-milestone-met': SECRETARIAT,
  'close-commitment': SECRETARIAT,
  'cancel-commitment': SECRETARIAT,
  'withdraw-commitment': WITH_PARTNER,
  'assign-role': SECRETARIAT,
  'revoke-role': SECRETARIAT,
  'draft-report': WITH_PARTNER,
  'submit-report': WITH_PARTNER,
  'return-report': SECRETARIAT,
  'accept-report': SECRETARIAT,
};

export function rolesFor(act: WriteAct): readonly PrincipalRole[] {
  return ROLES_FOR[act];
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
