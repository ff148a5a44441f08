import { resolveJwtSecret } from './development-secret';
import { JwksKeys, sharedSecretKeys } from './keys';
import { TokenVerifier } from './token-verifier';

export interface TokenSettings {
  readonly dataDir: string;
  readonly jwtSecret: string | null;
  readonly jwksUrl: string | null;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
}

/** The verifier the configuration selects: an identity provider's JWKS, else the HS256 secret (configured or development). */
export function tokenVerifierFor(settings: TokenSettings, warn: (message: string) => void = () => {}): TokenVerifier {
  const keys = settings.jwksUrl !== null ? new JwksKeys({ url: settings.jwksUrl }) : sharedSecretKeys(resolveJwtSecret(settings, warn));
  return new TokenVerifier({ keys, issuer: settings.jwtIssuer, audience: settings.jwtAudience });
}
