import { createPublicKey, JsonWebKey, KeyObject } from 'node:crypto';
import { AuthenticationError } from './errors';
import { JwtAlgorithm, JwtHeader, KeyResolver } from './jwt';

/** The identity provider's key set could not be read: the server's problem (503), not the caller's. */
export class KeySetUnavailableError extends Error {
  constructor(readonly url: string, cause: string) {
    super(`The signing keys at ${url} could not be read: ${cause}`);
    this.name = 'KeySetUnavailableError';
  }
}

/** HS256 with one shared secret. */
export function sharedSecretKeys(secret: Buffer | string): KeyResolver {
  const key = Buffer.isBuffer(secret) ? secret : Buffer.from(secret, 'utf8');
  return { algorithms: ['HS256'], keyFor: async () => key };
}

export interface JwksOptions {
  readonly url: string;
  readonly fetch?: typeof fetch;
  /** A token naming an unknown `kid` refetches the set at most this often (key rotation). */
  readonly refetchAfterMs?: number;
  readonly now?: () => number;
}

interface Jwk extends JsonWebKey {
  readonly kid?: string;
  readonly alg?: string;
  readonly use?: string;
}

/**
 * RS256 / ES256 keys from a JWKS URL (Keycloak: `<realm>/protocol/openid-connect/certs`).
 * Fetched on first use and again when a token names a key id not seen yet, so a rotation at the
 * identity provider needs no restart, and a flood of made-up `kid`s cannot hammer it.
 */
export class JwksKeys implements KeyResolver {
  readonly algorithms: readonly JwtAlgorithm[] = ['RS256', 'ES256'];
  private keys: Jwk[] | null = null;
  private fetchedAt = -Infinity;
  private inFlight: Promise<void> | null = null;
  /** Why the last read of the set failed; `null` once a read succeeds. */
  private lastFailure: KeySetUnavailableError | null = null;

  constructor(private readonly options: JwksOptions) {}

  async keyFor(header: JwtHeader & { alg: JwtAlgorithm }): Promise<KeyObject> {
    let jwk = this.find(header);
    const now = (this.options.now ?? Date.now)();
    // A read already under way (the first one, or a rotation's) is joined, not raced past.
    if (!jwk && (this.inFlight !== null || now - this.fetchedAt >= (this.options.refetchAfterMs ?? 30_000))) {
      await this.refresh();
      jwk = this.find(header);
    }
    // The set was never read (the provider was down at the last try): the server's problem, not the token's.
    if (!jwk && this.keys === null) throw this.lastFailure ?? new KeySetUnavailableError(this.options.url, 'not read yet');
    if (!jwk) throw new AuthenticationError(header.kid ? `no ${header.alg} key with kid ${header.kid} in the identity provider's key set` : `no ${header.alg} key in the identity provider's key set`);
    try {
      return createPublicKey({ key: jwk, format: 'jwk' });
    } catch {
      throw new AuthenticationError(`the key ${header.kid ?? ''} in the identity provider's key set is unusable`);
    }
  }

  private find(header: JwtHeader & { alg: JwtAlgorithm }): Jwk | undefined {
    const candidates = (this.keys ?? []).filter((jwk) => fits(jwk, header.alg) && (header.kid === undefined || jwk.kid === header.kid));
    return header.kid === undefined && candidates.length > 1 ? undefined : candidates[0];
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async load(): Promise<void> {
    this.fetchedAt = (this.options.now ?? Date.now)();
    try {
      await this.read();
      this.lastFailure = null;
    } catch (error) {
      if (error instanceof KeySetUnavailableError) this.lastFailure = error;
      throw error;
    }
  }

  private async read(): Promise<void> {
    let body: unknown;
    try {
      const res = await (this.options.fetch ?? fetch)(this.options.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (error) {
      throw new KeySetUnavailableError(this.options.url, error instanceof Error ? error.message : String(error));
    }
    const keys = (body as { keys?: unknown })?.keys;
    if (!Array.isArray(keys)) throw new KeySetUnavailableError(this.options.url, 'the response has no keys array');
    this.keys = keys.filter((key): key is Jwk => typeof key === 'object' && key !== null);
  }
}

function fits(jwk: Jwk, alg: JwtAlgorithm): boolean {
  if (jwk.use !== undefined && jwk.use !== 'sig') return false;
  if (jwk.alg !== undefined && jwk.alg !== alg) return false;
  if (alg === 'RS256') return jwk.kty === 'RSA';
  return jwk.kty === 'EC' && jwk.crv === 'P-256';
}
