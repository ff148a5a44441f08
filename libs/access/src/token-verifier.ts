import { AuthenticationError } from './errors';
import { KeyResolver, verifyJwt } from './jwt';
import { Principal, principalFromClaims } from './principal';

export interface TokenVerifierOptions {
  readonly keys: KeyResolver;
  readonly issuer: string;
  readonly audience: string;
  readonly now?: () => Date;
}

/** `Authorization: Bearer <jwt>` -> the verified principal, or an `AuthenticationError` saying why not. */
export class TokenVerifier {
  constructor(private readonly options: TokenVerifierOptions) {}

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization.trim() === '') throw new AuthenticationError('this route needs Authorization: Bearer <token>');
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(authorization);
    if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    const claims = await verifyJwt(match[1], this.options.keys, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      now: this.options.now ?? (() => new Date()),
    });
    return principalFromClaims(claims);
  }
}
