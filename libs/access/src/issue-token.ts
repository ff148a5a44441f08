import { signHs256 } from './jwt';
import { PrincipalRole } from './principal';

export interface IssueTokenOptions {
  readonly secret: Buffer | string;
  readonly issuer: string;
  readonly audience: string;
  readonly subject: string;
  readonly role: PrincipalRole;
  readonly name?: string;
  readonly partnerId?: string;
  readonly forumIds?: readonly string[];
  readonly ttlSeconds: number;
  readonly now?: Date;
}

/** A signed HS256 token for local use and tests (`ikrar token`); claims as the README documents them. */
export function issueToken(options: IssueTokenOptions): string {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return signHs256(
    {
      iss: options.issuer,
      aud: options.audience,
      sub: options.subject,
      iat,
      exp: iat + options.ttlSeconds,
      role: options.role,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.partnerId !== undefined ? { partnerId: options.partnerId } : {}),
      ...(options.forumIds !== undefined ? { forumIds: options.forumIds } : {}),
    },
    options.secret,
  );
}
