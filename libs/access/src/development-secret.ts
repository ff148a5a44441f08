import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const DEVELOPMENT_SECRET_FILE = 'jwt-secret';

/**
 * The configured HS256 secret, or (development, no identity provider) the one in
 * `<dataDir>/jwt-secret`, generated once, so `npm start` and `ikrar token` agree without setup.
 */
export function resolveJwtSecret(config: { readonly dataDir: string; readonly jwtSecret: string | null }, warn: (message: string) => void = () => {}): string {
  if (config.jwtSecret !== null) return config.jwtSecret;
  const file = join(config.dataDir, DEVELOPMENT_SECRET_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    } catch (error) {
      // Another process (the CLI, a second API) created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  warn(`IKRAR_JWT_SECRET is not set: tokens are signed and verified with the development secret in ${file}; set IKRAR_JWT_SECRET or IKRAR_JWKS_URL in production`);
  return readFileSync(file, 'utf8').trim();
}
