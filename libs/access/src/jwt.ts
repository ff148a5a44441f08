import { createHmac, KeyObject, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { AuthenticationError } from './errors';

export type JwtAlgorithm = 'HS256' | 'RS256' | 'ES256';

export interface JwtHeader {
  readonly alg: string;
  readonly kid?: string;
  readonly typ?: string;
}

/** Where verification keys come from; it also pins the algorithms a token may use. */
export interface KeyResolver {
  readonly algorithms: readonly JwtAlgorithm[];
  keyFor(header: JwtHeader & { alg: JwtAlgorithm }): Promise<KeyObject | Buffer>;
}

export interface VerifyOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly now: () => Date;
  /** Allowed clock skew between the identity provider and this server. */
  readonly clockToleranceSeconds?: number;
}

const MAX_TOKEN_LENGTH = 8192;
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Verifies a compact JWS and returns its claims. The algorithm is the resolver's, never the
 * token's choice: `none`, and any algorithm not pinned, are refused before any key is looked up.
 * `exp` is required; `iss` and `aud` must name this deployment.
 */
export async function verifyJwt(token: string, keys: KeyResolver, options: VerifyOptions): Promise<Record<string, unknown>> {
  if (token.length > MAX_TOKEN_LENGTH) throw new AuthenticationError('the token is too long');
  const parts = token.split('.');
  if (parts.length !== 3 || !SEGMENT.test(parts[0]) || !SEGMENT.test(parts[1])) throw new AuthenticationError('the token is not a compact JWS (header.payload.signature)');
  const header = decodeSegment(parts[0], 'header') as Partial<JwtHeader> & { crit?: unknown };
  if (typeof header.alg !== 'string') throw new AuthenticationError('the token header names no algorithm');
  if (header.alg.toLowerCase() === 'none') throw new AuthenticationError('unsigned tokens (alg none) are refused');
  if (!(keys.algorithms as readonly string[]).includes(header.alg)) {
    throw new AuthenticationError(`the token is signed with ${header.alg}; this server accepts only ${keys.algorithms.join(', ')}`);
  }
  if (header.crit !== undefined) throw new AuthenticationError('tokens with critical header extensions are refused');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new AuthenticationError('the kid header must be a string');
  if (parts[2] === '' || !SEGMENT.test(parts[2])) throw new AuthenticationError('the token has no signature');
  const alg = header.alg as JwtAlgorithm;
  const key = await keys.keyFor({ alg, ...(header.kid !== undefined ? { kid: header.kid } : {}) });
  if (!signatureHolds(alg, key, `${parts[0]}.${parts[1]}`, Buffer.from(parts[2], 'base64url'))) {
    throw new AuthenticationError('the signature does not verify');
  }
  const claims = decodeSegment(parts[1], 'payload');
  checkRegisteredClaims(claims, options);
  return claims;
}

/** Signs claims with HS256: for `ikrar token` and tests; an identity provider issues production tokens. */
export function signHs256(claims: Record<string, unknown>, secret: Buffer | string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function signatureHolds(alg: JwtAlgorithm, key: KeyObject | Buffer, signingInput: string, signature: Buffer): boolean {
  const data = Buffer.from(signingInput);
  if (alg === 'HS256') {
    if (!Buffer.isBuffer(key)) return false;
    const expected = createHmac('sha256', key).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  if (Buffer.isBuffer(key)) return false;
  try {
    if (alg === 'RS256') return key.asymmetricKeyType === 'rsa' && verifySignature('sha256', data, key, signature);
    // ES256 is P-256 only: a key on another curve is not this algorithm's key, whatever the resolver says.
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1' && verifySignature('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/** exp, nbf, iss and aud of verified claims, against `options.now()` (also for a token verified earlier). */
export function checkRegisteredClaims(claims: Record<string, unknown>, options: VerifyOptions): void {
  const now = options.now().getTime() / 1000;
  const tolerance = options.clockToleranceSeconds ?? 30;
  if (typeof claims.exp !== 'number') throw new AuthenticationError('the token has no expiry (exp)');
  if (now > claims.exp + tolerance) throw new AuthenticationError('the token has expired');
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || now + tolerance < claims.nbf)) throw new AuthenticationError('the token is not valid yet (nbf)');
  if (claims.iss !== options.issuer) throw new AuthenticationError(`the token was not issued by ${options.issuer} (iss)`);
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(options.audience)) throw new AuthenticationError(`the token is not meant for ${options.audience} (aud)`);
}

function decodeSegment(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new AuthenticationError(`the token ${what} is not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AuthenticationError(`the token ${what} is not a JSON object`);
  return value as Record<string, unknown>;
}
