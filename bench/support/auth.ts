import { issueToken } from '@ikrar/access';

/**
 * The one place where the bench builds the auth headers of an HTTP request, and the environment the
 * bench gives the API processes it starts. Every request carries both the development identity headers
 * (`X-Actor-*`, read by the API before access control) and a bearer token for the same actor signed
 * with the bench's own HS256 secret (read once access control is in): whichever the API reads, the
 * actor is the same. Nothing else in the bench knows about authentication.
 */
export interface BenchActor {
  readonly userId: string;
  readonly role: 'secretariat' | 'partner' | 'auditor' | 'admin';
  readonly partnerId?: string;
  readonly forumIds?: readonly string[];
}

const BENCH_JWT_SECRET = 'ikrar-bench-only-secret-0123456789abcdef';
const ISSUER = 'ikrar';
const AUDIENCE = 'ikrar-api';
const tokens = new Map<string, string>();

export function authHeaders(actor: BenchActor): Record<string, string> {
  const key = JSON.stringify(actor);
  let token = tokens.get(key);
  if (token === undefined) {
    token = issueToken({
      secret: BENCH_JWT_SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: actor.userId,
      role: actor.role,
      ...(actor.partnerId !== undefined ? { partnerId: actor.partnerId } : {}),
      ...(actor.forumIds !== undefined ? { forumIds: actor.forumIds } : {}),
      ttlSeconds: 6 * 3600,
    });
    tokens.set(key, token);
  }
  return {
    Authorization: `Bearer ${token}`,
    'X-Actor-Id': actor.userId,
    'X-Actor-Role': actor.role,
    ...(actor.partnerId !== undefined ? { 'X-Actor-Partner-Id': actor.partnerId } : {}),
  };
}

/**
 * Environment of every API process the bench starts: the secret its tokens are signed with, and a
 * per-caller rate limit high enough that a load generator with a handful of callers measures the
 * server rather than the limiter (the limiter still runs on every request).
 */
export function authEnv(): Record<string, string> {
  return { IKRAR_JWT_SECRET: BENCH_JWT_SECRET, IKRAR_JWT_ISSUER: ISSUER, IKRAR_JWT_AUDIENCE: AUDIENCE, IKRAR_RATE_LIMIT: '1000000' };
}

/** Registers partners, establishes forums, records agreements: the operator. */
export const ADMIN: BenchActor = { userId: 'bench-admin', role: 'admin' };

export function secretariatOf(forumIds: readonly string[]): BenchActor {
  return { userId: 'bench-secretariat', role: 'secretariat', forumIds };
}

export function partnerUser(partnerId: string): BenchActor {
  return { userId: `bench-user-${partnerId.slice(0, 8)}`, role: 'partner', partnerId };
}
