import { createHash } from 'node:crypto';

/** SHA-256 of the concatenation of `parts`. */
export function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** True for a lowercase hex SHA-256 digest (64 characters). */
export function isHexSha256(value: unknown): value is string {
  return typeof value === 'string' && HEX_SHA256.test(value);
}
