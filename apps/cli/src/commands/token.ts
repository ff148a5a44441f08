import { issueToken, PRINCIPAL_ROLES, PrincipalRole, resolveJwtSecret } from '@ikrar/access';
import { IkrarConfig } from '@ikrar/config';

export const TOKEN_USAGE = 'token --role <secretariat|partner|auditor|admin> [--partner <id>] [--forum <id>]... [--sub <user>] [--name <name>] [--ttl 1h]';

const ENTITY_ID = /^[A-Za-z0-9._-]{1,128}$/;
const TTL = /^(\d{1,7})([smhd])$/;
const SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/**
 * Prints a signed HS256 token for local use and tests, with the secret the API verifies with
 * (IKRAR_JWT_SECRET, or the development secret in the data folder). Refused when tokens come from
 * an identity provider (IKRAR_JWKS_URL): there, the provider issues them.
 */
export async function printToken(config: IkrarConfig, args: string[], out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  const problems: string[] = [];
  const values = (flag: string): string[] => args.flatMap((arg, index) => (arg === flag ? [args[index + 1] ?? ''] : []));
  const one = (flag: string): string | undefined => {
    const found = values(flag);
    if (found.length > 1) problems.push(`${flag} given more than once`);
    return found[0];
  };
  const known = new Set(['--role', '--partner', '--forum', '--sub', '--name', '--ttl']);
  args.forEach((arg, index) => {
    if (arg.startsWith('--') && !known.has(arg)) problems.push(`unknown option ${arg}`);
    if (known.has(arg) && (args[index + 1] === undefined || args[index + 1].startsWith('--'))) problems.push(`${arg} needs a value`);
  });
  const role = one('--role');
  const partnerId = one('--partner');
  const forumIds = values('--forum');
  const name = one('--name');
  const ttl = one('--ttl') ?? '1h';
  if (role === undefined) problems.push(`--role is required (${PRINCIPAL_ROLES.join(', ')})`);
  else if (!(PRINCIPAL_ROLES as readonly string[]).includes(role)) problems.push(`--role must be one of ${PRINCIPAL_ROLES.join(', ')}, got "${role}"`);
  if (role === 'partner' && partnerId === undefined) problems.push('--partner <id> is required for a partner token');
  if (role !== undefined && role !== 'partner' && partnerId !== undefined) problems.push('--partner is only for a partner token');
  if (role !== undefined && role !== 'secretariat' && forumIds.length > 0) problems.push('--forum is only for a secretariat token');
  if (role === 'secretariat' && forumIds.length === 0) problems.push('--forum <id> is required for a secretariat token (repeat it for several forums)');
  for (const id of [partnerId, ...forumIds]) if (id !== undefined && id !== '' && !ENTITY_ID.test(id)) problems.push(`"${id}" is not an id`);
  const ttlMatch = TTL.exec(ttl);
  if (!ttlMatch || Number(ttlMatch[1]) === 0) problems.push(`--ttl must be a duration such as 15m, 1h or 7d, got "${ttl}"`);
  if (config.jwksUrl !== null) problems.push('IKRAR_JWKS_URL is set: tokens come from the identity provider, not from this command');
  if (problems.length > 0) {
    err.write(`ikrar token: ${problems.join('; ')}\nUsage: npm run --silent ikrar -- ${TOKEN_USAGE}\n`);
    return 64;
  }
  const ttlSeconds = Number(ttlMatch![1]) * SECONDS[ttlMatch![2] as keyof typeof SECONDS];
  const secret = resolveJwtSecret(config, (message) => err.write(`${message}\n`));
  out.write(
    `${issueToken({
      secret,
      issuer: config.jwtIssuer,
      audience: config.jwtAudience,
      subject: one('--sub') ?? `local-${role}`,
      role: role as PrincipalRole,
      ...(name !== undefined ? { name } : {}),
      ...(partnerId !== undefined ? { partnerId: partnerId.toLowerCase() } : {}),
      ...(forumIds.length > 0 ? { forumIds: forumIds.map((id) => id.toLowerCase()) } : {}),
      ttlSeconds,
    })}\n`,
  );
  return 0;
}
