import { issueToken, PrincipalRole, TokenVerifier, sharedSecretKeys } from '@ikrar/access';

/** The HS256 secret every test ledger verifies with. */
export const TEST_JWT_SECRET = 'ikrar-tests-only-secret-0123456789abcdef';
export const TEST_ISSUER = 'ikrar';
export const TEST_AUDIENCE = 'ikrar-api';

export interface TestIdentity {
  readonly role: PrincipalRole;
  readonly sub?: string;
  readonly name?: string;
  readonly partnerId?: string;
  readonly forumIds?: readonly string[];
  readonly ttlSeconds?: number;
}

/** Token times are real time, whatever business clock a test fixes. */
export function testTokenVerifier(): TokenVerifier {
  return new TokenVerifier({ keys: sharedSecretKeys(TEST_JWT_SECRET), issuer: TEST_ISSUER, audience: TEST_AUDIENCE });
}

/** A valid token for the identity, as `ikrar token` would print it. */
export function tokenFor(identity: TestIdentity, now: Date = new Date()): string {
  return issueToken({
    secret: TEST_JWT_SECRET,
    issuer: TEST_ISSUER,
    audience: TEST_AUDIENCE,
    subject: identity.sub ?? `test-${identity.role}`,
    role: identity.role,
    ...(identity.name !== undefined ? { name: identity.name } : {}),
    ...(identity.partnerId !== undefined ? { partnerId: identity.partnerId } : {}),
    ...(identity.forumIds !== undefined ? { forumIds: identity.forumIds } : {}),
    ttlSeconds: identity.ttlSeconds ?? 3600,
    now,
  });
}

export function bearer(identity: TestIdentity, now?: Date): Record<string, string> {
  return { Authorization: `Bearer ${tokenFor(identity, now)}` };
}
