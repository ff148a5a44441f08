import { AuthenticationError } from './errors';

export const PRINCIPAL_ROLES = ['secretariat', 'partner', 'auditor', 'admin'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

/**
 * Who is calling, as a verified token says. Anonymous callers have no principal at all. `system`
 * is the process itself (the demo seeder, migrations): never a token's role.
 */
export interface Principal {
  /** The token's `sub`: recorded as the actor's user id in every event this caller causes. */
  readonly userId: string;
  readonly name: string | null;
  readonly role: PrincipalRole | 'system';
  /** The organisation a partner user acts for; `null` for every other role. */
  readonly partnerId: string | null;
  /** The forums a secretariat user runs; empty for every other role. */
  readonly forumIds: readonly string[];
}

/** The claims Ikrar reads beyond the registered ones (`iss`, `aud`, `exp`, `nbf`, `iat`). */
export interface IkrarClaims {
  readonly sub: string;
  readonly name?: string;
  readonly role: PrincipalRole;
  readonly partnerId?: string;
  readonly forumIds?: readonly string[];
}

const ID = /^[A-Za-z0-9._:@|-]{1,128}$/;
const ENTITY_ID = /^[A-Za-z0-9._-]{1,128}$/;
const MAX_FORUMS = 200;

/**
 * The principal a verified token names. Ids are compared lower-cased, as the API stores them;
 * a claim set that does not make sense for its role is refused rather than guessed at.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const { sub, name, role, partnerId, forumIds } = claims;
  if (typeof sub !== 'string' || !ID.test(sub)) throw new AuthenticationError('the sub claim must be a user id of 1-128 letters, digits and ._:@|-');
  if (name !== undefined && (typeof name !== 'string' || name.length > 200)) throw new AuthenticationError('the name claim must be a string of at most 200 characters');
  if (typeof role !== 'string' || !(PRINCIPAL_ROLES as readonly string[]).includes(role)) {
    throw new AuthenticationError(`the role claim must be one of ${PRINCIPAL_ROLES.join(', ')}`);
  }
  const principalRole = role as PrincipalRole;
  let partner: string | null = null;
  if (principalRole === 'partner') {
    if (typeof partnerId !== 'string' || !ENTITY_ID.test(partnerId)) throw new AuthenticationError('a partner token needs a partnerId claim');
    partner = partnerId.toLowerCase();
  } else if (partnerId !== undefined) {
    throw new AuthenticationError('only a partner token carries a partnerId claim');
  }
  let forums: string[] = [];
  if (forumIds !== undefined) {
    if (principalRole !== 'secretariat') throw new AuthenticationError('only a secretariat token carries a forumIds claim');
    if (!Array.isArray(forumIds) || forumIds.length > MAX_FORUMS || !forumIds.every((id) => typeof id === 'string' && ENTITY_ID.test(id))) {
      throw new AuthenticationError(`the forumIds claim must be an array of at most ${MAX_FORUMS} forum ids`);
    }
    forums = [...new Set(forumIds.map((id: string) => id.toLowerCase()))];
  }
  return { userId: sub, name: typeof name === 'string' ? name : null, role: principalRole, partnerId: partner, forumIds: forums };
}

/** The actor an event records: who asked, never what the request body claimed. */
export function actorOf(principal: Principal): { userId: string; role: PrincipalRole | 'system'; partnerId?: string; name?: string } {
  return {
    userId: principal.userId,
    role: principal.role,
    ...(principal.partnerId !== null ? { partnerId: principal.partnerId } : {}),
    ...(principal.name !== null ? { name: principal.name } : {}),
  };
}

/** The process acting on its own behalf (seeding demo data): sees and may do everything, and says so in every event. */
export function systemPrincipal(userId: string): Principal {
  return { userId, name: null, role: 'system', partnerId: null, forumIds: [] };
}
