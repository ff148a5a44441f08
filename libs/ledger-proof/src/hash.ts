import { createHash } from 'node:crypto';

/** SHA-256 of the concatenation of `parts`. */
export function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

export const HEX_SHA256 = /^[0-9a-f]{64}$/;

/** True for a lowercase hex SHA-256 digest (64 characters). Same as `HEX_SHA256.test`, without the regex engine (a hot path of verification). */
export function isHexSha256(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}
