import { AuthenticationError } from './errors';
import { checkRegisteredClaims, KeyResolver, verifyJwt, VerifyOptions } from './jwt';
import { Principal, principalFromClaims } from './principal';

export interface TokenVerifierOptions {
  readonly keys: KeyResolver;
  readonly issuer: string;
  readonly audience: string;
  readonly now?: () => Date;
  /** How many verified tokens to remember (default 10 000); 0 verifies every request's signature again. */
  readonly cacheSize?: number;
}

/** `Authorization: Bearer <jwt>` -> the verified principal, or an `AuthenticationError` saying why not. */
export class TokenVerifier {
  /**
   * Tokens whose signature already verified, with their claims: a client sends the same token on
   * every request until it expires, and the signature of the same bytes cannot stop verifying.
   * Expiry, nbf, issuer and audience are still checked on every request.
   */
  private readonly verified = new Map<string, { claims: Record<string, unknown>; principal: Principal }>();
  private readonly cacheSize: number;
  private readonly verifyOptions: VerifyOptions;

  constructor(private readonly options: TokenVerifierOptions) {
    this.cacheSize = options.cacheSize ?? 10_000;
    this.verifyOptions = { issuer: options.issuer, audience: options.audience, now: options.now ?? (() => new Date()) };
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') throw new AuthenticationError('this route needs Authorization: Bearer <token>');
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    const token = match[1];
    const known = this.verified.get(token);
    if (known !== undefined) {
      try {
        checkRegisteredClaims(known.claims, this.verifyOptions);
      } catch (error) {
        this.verified.delete(token);
        throw error;
      }
      return known.principal;
    }
    const claims = await verifyJwt(token, this.options.keys, this.verifyOptions);
    const principal = frozen(principalFromClaims(claims));
    if (this.cacheSize > 0) {
      // Full: start again rather than track recency; a burst of new tokens costs one signature check each.
      if (this.verified.size >= this.cacheSize) this.verified.clear();
      this.verified.set(token, { claims, principal });
    }
    return principal;
  }
}

/** One principal object serves every request made with its token: nothing may change it. */
function frozen(principal: Principal): Principal {
  for (const value of Object.values(principal)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(principal);
}
