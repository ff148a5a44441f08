import { canonicalBytes } from './canonical-json';
import { isHexSha256, sha256 } from './hash';

/**
 * Hash of one ledger event, chaining it to the previous event of the same stream.
 *
 *   eventHash = lowercase hex( SHA-256( UTF-8( JCS( { ...envelope, previousHash } ) ) ) )
 *
 * Exactly the fields covered: every own enumerable property of `envelope` (whatever the envelope
 * holds: id, type, stream, version, payload, metadata, timestamps, ...), at every depth, plus one
 * extra top-level member `previousHash` whose value is the hash of the previous event in the stream
 * (lowercase hex) or JSON `null` for the first event of a stream. Members whose value is `undefined`
 * are omitted (JCS rules, see canonical-json.ts); `Date` values are covered as their ISO string.
 *
 * The envelope must NOT contain `hash` (the value being computed): strip it first, otherwise this
 * throws. If it contains `previousHash`, it must equal the argument.
 */
export function eventHash(envelopeWithoutHash: Record<string, unknown>, previousHashInStream: string | null): string {
  if (envelopeWithoutHash === null || typeof envelopeWithoutHash !== 'object' || Array.isArray(envelopeWithoutHash)) {
    throw new TypeError('eventHash: envelope must be a plain object');
  }
  if (previousHashInStream !== null && !isHexSha256(previousHashInStream)) {
    throw new TypeError('eventHash: previousHash must be null or 64 lowercase hex characters');
  }
  if (Object.prototype.hasOwnProperty.call(envelopeWithoutHash, 'hash')) {
    throw new TypeError('eventHash: envelope must not contain "hash"');
  }
  if (
    Object.prototype.hasOwnProperty.call(envelopeWithoutHash, 'previousHash') &&
    envelopeWithoutHash.previousHash !== previousHashInStream
  ) {
    throw new TypeError('eventHash: envelope.previousHash differs from previousHashInStream');
  }
  return sha256(canonicalBytes({ ...envelopeWithoutHash, previousHash: previousHashInStream })).toString('hex');
}

/** Recomputes the hash of a stored event (`hash` member removed) and compares it. */
export function verifyEventHash(
  storedEnvelope: Record<string, unknown> & { hash: string },
  previousHashInStream: string | null,
): boolean {
  const { hash, ...rest } = storedEnvelope;
  try {
    return isHexSha256(hash) && eventHash(rest, previousHashInStream) === hash;
  } catch {
    return false;
  }
}
