import { createPrivateKey } from 'node:crypto';
import { resolve } from 'node:path';

export interface IkrarConfig {
  readonly port: number;
  readonly dataDir: string;
  /** `null`: the embedded SQLite event store in `dataDir`. */
  readonly eventStoreUrl: string | null;
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number;
  readonly logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** `null`: the embedded SQLite read store (`read-models.sqlite` in `dataDir`). */
  readonly mongodbUrl: string | null;
  /** `inline`: the API process runs the projector; `off`: the API only reads and `apps/projector` projects. */
  readonly projectorMode: 'inline' | 'off';
  /** PKCS#8 PEM of the Ed25519 key that signs ledger seals; `null`: a development key in `<dataDir>/seal-key.pem`. */
  readonly sealKeyPem: string | null;
  /** Identifier published with every seal; `null`: derived from the public key. */
  readonly sealKeyId: string | null;
  /** A seal after this many new events... */
  readonly sealEvery: number;
  /** ...or after this long with unsealed events, whichever comes first (0: count only). */
  readonly sealIntervalMs: number;
  /** HS256 secret for bearer tokens; `null` with no JWKS URL: a development secret in `<dataDir>/jwt-secret`. */
  readonly jwtSecret: string | null;
  /** RS256/ES256 keys of an identity provider; exclusive with `jwtSecret`. */
  readonly jwksUrl: string | null;
  readonly jwtIssuer: string;
  readonly jwtAudience: string;
  /** Browser origins allowed to call the API (CORS); empty: none. */
  readonly corsOrigins: readonly string[];
  /** Requests per minute one caller (token subject, or address when anonymous) may make. */
  readonly rateLimitPerMinute: number;
}

export interface ConfigVariable {
  readonly name: string;
  readonly default: string;
  readonly description: string;
}

/** Every variable the apps read; the README's configuration table and the compose test use this list. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'PORT', default: '3000', description: 'HTTP port of the ledger API' },
  { name: 'IKRAR_DATA_DIR', default: './data', description: 'Folder of the embedded stores (events, contact keys, idempotency records)' },
  { name: 'EVENTSTORE_URL', default: '(unset: embedded SQLite)', description: 'EventStoreDB / KurrentDB connection string, e.g. esdb://localhost:2113?tls=false' },
  { name: 'IKRAR_BODY_LIMIT', default: '262144', description: 'Largest accepted request body in bytes (larger: 413)' },
  { name: 'IKRAR_LOG_LEVEL', default: 'log', description: 'error, warn, log or debug' },
  { name: 'MONGODB_URL', default: '(unset: embedded SQLite read models)', description: 'MongoDB connection string for the read models, e.g. mongodb://localhost:27017/ikrar?replicaSet=rs0' },
  { name: 'IKRAR_PROJECTOR', default: 'inline', description: 'inline: the API runs the projector; off: the API only reads (run apps/projector)' },
  { name: 'IKRAR_SEAL_KEY', default: '(unset: a development key generated once into <IKRAR_DATA_DIR>/seal-key.pem)', description: 'PKCS#8 PEM of the Ed25519 private key that signs ledger seals (\\n escapes allowed)' },
  { name: 'IKRAR_SEAL_EVERY', default: '100', description: 'Write a signed seal after this many new events' },
  { name: 'IKRAR_SEAL_INTERVAL_MS', default: '60000', description: 'Also write a seal after this long when events are unsealed (0: only by count)' },
  { name: 'IKRAR_JWT_SECRET', default: '(unset: a development secret generated once into <IKRAR_DATA_DIR>/jwt-secret)', description: 'HS256 secret (at least 32 characters) that signs and verifies bearer tokens' },
  { name: 'IKRAR_JWKS_URL', default: '(unset)', description: 'JWKS URL of an identity provider (Keycloak: .../protocol/openid-connect/certs); tokens then use RS256 or ES256. Not with IKRAR_JWT_SECRET' },
  { name: 'IKRAR_JWT_ISSUER', default: 'ikrar', description: 'Required iss claim of every token' },
  { name: 'IKRAR_JWT_AUDIENCE', default: 'ikrar-api', description: 'Required aud claim of every token' },
  { name: 'IKRAR_CORS_ORIGINS', default: '(unset: no cross-origin access)', description: 'Comma-separated browser origins allowed to call the API, e.g. https://forum.example.go.id' },
  { name: 'IKRAR_RATE_LIMIT', default: '600', description: 'Requests per minute per caller (token subject, or client address when anonymous); more: 429' },
  { name: 'IKRAR_SEAL_KEY_ID', default: '(unset: ikrar- + fingerprint of the public key)', description: 'Identifier of the seal signing key, published in every seal' },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once, at start-up; any problem stops the process loudly. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): IkrarConfig {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const port = integer('PORT', 3000, 0, 65535);
  const bodyLimitBytes = integer('IKRAR_BODY_LIMIT', 262_144, 1024, 64 * 1024 * 1024);
  const sealEvery = integer('IKRAR_SEAL_EVERY', 100, 1, 1_000_000);
  const sealIntervalMs = integer('IKRAR_SEAL_INTERVAL_MS', 60_000, 0, 86_400_000);
  const dataDir = resolve(env.IKRAR_DATA_DIR && env.IKRAR_DATA_DIR !== '' ? env.IKRAR_DATA_DIR : './data');
  const eventStoreUrl = env.EVENTSTORE_URL && env.EVENTSTORE_URL !== '' ? env.EVENTSTORE_URL : null;
  if (eventStoreUrl !== null && !/^(esdb|esdb\+discover):\/\/[^\s]+$/.test(eventStoreUrl)) {
    problems.push(`EVENTSTORE_URL must be an esdb:// (or esdb+discover://) connection string, got "${eventStoreUrl}"`);
  }
  const logLevel = (env.IKRAR_LOG_LEVEL ?? 'log') as IkrarConfig['logLevel'];
  if (!['error', 'warn', 'log', 'debug'].includes(logLevel)) {
    problems.push(`IKRAR_LOG_LEVEL must be one of error, warn, log, debug, got "${logLevel}"`);
  }
  const mongodbUrl = env.MONGODB_URL && env.MONGODB_URL !== '' ? env.MONGODB_URL : null;
  if (mongodbUrl !== null && !/^mongodb(\+srv)?:\/\/[^\s]+$/.test(mongodbUrl)) {
    // The URL may carry a password: never echo it.
    problems.push(`MONGODB_URL must be a mongodb:// (or mongodb+srv://) connection string, got "${mongodbUrl.replace(/\/\/[^@/]*@/, '//***@')}"`);
  }
  const projectorMode = (env.IKRAR_PROJECTOR && env.IKRAR_PROJECTOR !== '' ? env.IKRAR_PROJECTOR : 'inline') as IkrarConfig['projectorMode'];
  if (!['inline', 'off'].includes(projectorMode)) {
    problems.push(`IKRAR_PROJECTOR must be inline or off, got "${projectorMode}"`);
  }
  const sealKeyPem = env.IKRAR_SEAL_KEY && env.IKRAR_SEAL_KEY.trim() !== '' ? env.IKRAR_SEAL_KEY.replace(/\\n/g, '\n').trim() + '\n' : null;
  if (sealKeyPem !== null && !isEd25519PrivateKeyPem(sealKeyPem)) {
    // A private key: never echo it.
    problems.push('IKRAR_SEAL_KEY must be an unencrypted PKCS#8 PEM Ed25519 private key (-----BEGIN PRIVATE KEY-----)');
  }
  const sealKeyId = env.IKRAR_SEAL_KEY_ID && env.IKRAR_SEAL_KEY_ID !== '' ? env.IKRAR_SEAL_KEY_ID : null;
  if (sealKeyId !== null && !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(sealKeyId)) {
    problems.push(`IKRAR_SEAL_KEY_ID must be 1 to 128 characters of letters, digits, . _ : -, got "${sealKeyId}"`);
  }
  const rateLimitPerMinute = integer('IKRAR_RATE_LIMIT', 600, 1, 1_000_000);
  const jwtSecret = env.IKRAR_JWT_SECRET && env.IKRAR_JWT_SECRET !== '' ? env.IKRAR_JWT_SECRET : null;
  // A secret: never echo it.
  if (jwtSecret !== null && jwtSecret.length < 32) problems.push('IKRAR_JWT_SECRET must be at least 32 characters');
  const jwksUrl = env.IKRAR_JWKS_URL && env.IKRAR_JWKS_URL !== '' ? env.IKRAR_JWKS_URL : null;
  if (jwksUrl !== null && !isHttpUrl(jwksUrl)) problems.push(`IKRAR_JWKS_URL must be an http(s) URL, got "${jwksUrl}"`);
  if (jwtSecret !== null && jwksUrl !== null) problems.push('Set IKRAR_JWT_SECRET or IKRAR_JWKS_URL, not both: the token algorithm is pinned to one key source');
  const jwtIssuer = env.IKRAR_JWT_ISSUER && env.IKRAR_JWT_ISSUER !== '' ? env.IKRAR_JWT_ISSUER : 'ikrar';
  const jwtAudience = env.IKRAR_JWT_AUDIENCE && env.IKRAR_JWT_AUDIENCE !== '' ? env.IKRAR_JWT_AUDIENCE : 'ikrar-api';
  const corsOrigins = (env.IKRAR_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of corsOrigins) {
    if (!/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(origin)) problems.push(`IKRAR_CORS_ORIGINS: "${origin}" is not an origin such as https://forum.example.go.id`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    dataDir,
    eventStoreUrl,
    bodyLimitBytes,
    logLevel,
    mongodbUrl,
    projectorMode,
    sealKeyPem,
    sealKeyId,
    sealEvery,
    sealIntervalMs,
    jwtSecret,
    jwksUrl,
    jwtIssuer,
    jwtAudience,
    corsOrigins,
    rateLimitPerMinute,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function isEd25519PrivateKeyPem(pem: string): boolean {
  if (!/^-----BEGIN PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END PRIVATE KEY-----\s*$/.test(pem)) return false;
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    return key.asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}
