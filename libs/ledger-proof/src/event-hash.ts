import * as nodeCrypto from 'node:crypto';
import { canonicalBytes, canonicalize } from './canonical-json';
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

/** The members of a ledger event's hashed envelope, with `data` and `metadata` as canonical JSON text. */
export interface CanonicalEnvelopeParts {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamRevision: number;
  /** RFC 8785 canonical JSON of the payload (as `canonicalize` writes it), not any other serialisation. */
  readonly dataJson: string;
  /** RFC 8785 canonical JSON of the metadata. */
  readonly metadataJson: string;
}

/**
 * `eventHash` of the envelope {eventId, type, schemaVersion, streamId, streamRevision, data, metadata}
 * when its payload and metadata are already canonical JSON text: the canonical envelope is spliced
 * around them (members in JCS order) instead of parsing and re-serialising them. Equal to
 * `eventHash(envelope, previousHash)` whenever `dataJson === canonicalize(data)` and
 * `metadataJson === canonicalize(metadata)`; for any other text it is simply a different hash, so a
 * verifier that gets a mismatch from it must fall back to `eventHash` before calling the event changed.
 */
export function eventHashOfCanonicalParts(parts: CanonicalEnvelopeParts, previousHashInStream: string | null): string {
  if (previousHashInStream !== null && !isHexSha256(previousHashInStream)) {
    throw new TypeError('eventHash: previousHash must be null or 64 lowercase hex characters');
  }
  const text =
    `{"data":${parts.dataJson},"eventId":${jcsString(parts.eventId)},"metadata":${parts.metadataJson},` +
    `"previousHash":${previousHashInStream === null ? 'null' : `"${previousHashInStream}"`},` +
    `"schemaVersion":${jcsNumber(parts.schemaVersion)},"streamId":${jcsString(parts.streamId)},` +
    `"streamRevision":${jcsNumber(parts.streamRevision)},"type":${jcsString(parts.type)}}`;
  return sha256Hex(text);
}

/** A number member as JCS writes it (canonicalize refuses what JSON cannot hold). */
function jcsNumber(value: number): string {
  return typeof value === 'number' && Number.isFinite(value) ? JSON.stringify(value) : canonicalize(value);
}

/** A string member as JCS writes it: JSON.stringify, unless surrogates call for canonicalize's lone-surrogate check. */
function jcsString(value: string): string {
  if (typeof value !== 'string') return canonicalize(value);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return canonicalize(value);
  }
  return JSON.stringify(value);
}

/** One-shot SHA-256 of a string's UTF-8 bytes as lowercase hex (`crypto.hash` where Node has it). */
const sha256Hex: (text: string) => string =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
    ? (text) => (nodeCrypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => sha256(Buffer.from(text, 'utf8')).toString('hex');
