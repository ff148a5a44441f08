import { Logger } from '@nestjs/common';
import { createHash, KeyObject, createPublicKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateSigningKey, privateKeyFromPem, publicKeyToPem } from '@ikrar/ledger-proof';

export interface SealSigningKey {
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** SPKI PEM of the public key, handed out with every seal. */
  readonly publicKeyPem: string;
}

/** `ikrar-` + the first 16 hex characters of SHA-256 over the DER public key. */
export function defaultKeyId(publicKey: KeyObject): string {
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return `ikrar-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export function signingKeyFromPem(privateKeyPem: string, keyId?: string | null): SealSigningKey {
  const privateKey = privateKeyFromPem(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyId ?? defaultKeyId(publicKey), privateKey, publicKey, publicKeyPem: publicKeyToPem(publicKey) };
}

export const GENERATED_KEY_FILE = 'seal-key.pem';

/**
 * The configured key (IKRAR_SEAL_KEY / IKRAR_SEAL_KEY_ID), or, when none is configured (development),
 * the key in `<dataDir>/seal-key.pem`, generated once on first use and logged.
 */
export function resolveSealSigningKey(
  config: { readonly dataDir: string; readonly sealKeyPem: string | null; readonly sealKeyId: string | null },
  logger: Pick<Logger, 'warn' | 'log'> = new Logger('Sealer'),
): SealSigningKey {
  if (config.sealKeyPem !== null) return signingKeyFromPem(config.sealKeyPem, config.sealKeyId);
  const file = join(config.dataDir, GENERATED_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generateSigningKey().privateKeyPem, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    const key = signingKeyFromPem(readFileSync(file, 'utf8'), config.sealKeyId);
    logger.warn(`IKRAR_SEAL_KEY is not set: generated a development seal signing key ${key.keyId} into ${file}; set IKRAR_SEAL_KEY in production`);
    return key;
  }
  const key = signingKeyFromPem(readFileSync(file, 'utf8'), config.sealKeyId);
  logger.warn(`IKRAR_SEAL_KEY is not set: signing seals with the development key ${key.keyId} from ${file}`);
  return key;
}
