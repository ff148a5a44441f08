/**
 * Signed ledger checkpoints ("seals").
 *
 * Signing input: the UTF-8 bytes of the RFC 8785 canonical JSON of exactly the six fields
 *   { chainHead, keyId, previousSealHash, rootHash, sealedAt, treeSize }
 * (i.e. the seal without `signature`), signed with Ed25519 (RFC 8032, pure, no pre-hash).
 * `signature` is the 64-byte signature in standard base64 (RFC 4648 §4, padded).
 * sealHash = lowercase hex SHA-256 of the canonical JSON of the whole seal, signature included.
 */
import {
  KeyObject,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
} from 'node:crypto';
import { canonicalBytes } from './canonical-json';
import { isHexSha256, sha256 } from './hash';

export interface SealFields {
  /** Number of leaves (events) in the Merkle tree, >= 0. */
  treeSize: number;
  /** RFC 9162 root over the first `treeSize` event hashes, lowercase hex. */
  rootHash: string;
  /** Hash of the last event covered (ledger index treeSize - 1), null iff treeSize is 0. */
  chainHead: string | null;
  /** sealHash of the previous seal, null for the first seal. */
  previousSealHash: string | null;
  /** UTC timestamp, ISO 8601 as produced by Date.prototype.toISOString (e.g. 2024-01-02T03:04:05.678Z). */
  sealedAt: string;
  /** Identifier of the signing key. */
  keyId: string;
}

export interface Seal extends SealFields {
  /** Ed25519 signature over canonical JSON of the fields, base64. */
  signature: string;
}

const FIELD_NAMES = ['chainHead', 'keyId', 'previousSealHash', 'rootHash', 'sealedAt', 'treeSize'] as const;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const BASE64_SIG = /^[A-Za-z0-9+/]{86}==$/;

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/** Returns a description of what is wrong with the fields, or null if they are well formed. */
export function sealFieldsProblem(fields: unknown): string | null {
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) return 'not an object';
  const f = fields as Record<string, unknown>;
  if (!Number.isSafeInteger(f.treeSize) || (f.treeSize as number) < 0) return 'treeSize must be a non-negative integer';
  if (!isHexSha256(f.rootHash)) return 'rootHash must be 64 lowercase hex characters';
  if (f.treeSize === 0 ? f.chainHead !== null : !isHexSha256(f.chainHead)) {
    return 'chainHead must be null iff treeSize is 0, otherwise 64 lowercase hex characters';
  }
  if (f.previousSealHash !== null && !isHexSha256(f.previousSealHash)) {
    return 'previousSealHash must be null or 64 lowercase hex characters';
  }
  if (typeof f.sealedAt !== 'string' || !ISO_UTC.test(f.sealedAt) || !isRealInstant(f.sealedAt)) {
    return 'sealedAt must be an ISO 8601 UTC timestamp';
  }
  if (typeof f.keyId !== 'string' || f.keyId.length === 0) return 'keyId must be a non-empty string';
  return null;
}

/** Rejects impossible calendar values such as 2024-02-30 that Date.parse would roll over. */
function isRealInstant(iso: string): boolean {
  const t = Date.parse(iso);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 19) === iso.slice(0, 19);
}

function pickFields(f: SealFields): SealFields {
  return {
    treeSize: f.treeSize,
    rootHash: f.rootHash,
    chainHead: f.chainHead,
    previousSealHash: f.previousSealHash,
    sealedAt: f.sealedAt,
    keyId: f.keyId,
  };
}

/** The exact bytes that are signed: UTF-8 canonical JSON of the six fields. */
export function sealSigningInput(fields: SealFields): Buffer {
  return canonicalBytes(pickFields(fields));
}

function assertEd25519(key: KeyObject, type: 'private' | 'public'): void {
  if (!(key instanceof KeyObject) || key.type !== type || key.asymmetricKeyType !== 'ed25519') {
    throw new SealError(`expected an Ed25519 ${type} key`);
  }
}

export function createSeal(fields: SealFields, privateKey: KeyObject): Seal {
  const problem = sealFieldsProblem(fields);
  if (problem) throw new SealError(`invalid seal fields: ${problem}`);
  assertEd25519(privateKey, 'private');
  const own = pickFields(fields);
  const signature = cryptoSign(null, sealSigningInput(own), privateKey).toString('base64');
  return { ...own, signature };
}

/**
 * True iff the seal has exactly the seven expected members, well-formed fields and a valid
 * Ed25519 signature by `publicKey`. Choosing the key for `seal.keyId` is the caller's job.
 */
export function verifySeal(seal: unknown, publicKey: KeyObject): boolean {
  assertEd25519(publicKey, 'public');
  if (seal === null || typeof seal !== 'object' || Array.isArray(seal)) return false;
  const s = seal as Record<string, unknown>;
  const keys = Object.keys(s).sort();
  const expected = [...FIELD_NAMES, 'signature'].sort();
  if (keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) return false;
  if (sealFieldsProblem(s) !== null) return false;
  if (typeof s.signature !== 'string' || !BASE64_SIG.test(s.signature)) return false;
  const signature = Buffer.from(s.signature, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== s.signature) return false;
  try {
    return cryptoVerify(null, sealSigningInput(s as unknown as SealFields), publicKey, signature);
  } catch {
    return false;
  }
}

/**
 * `verifySeal` with the Ed25519 check run on libuv's thread pool (`crypto.verify` with a callback),
 * so many seals are checked on the other cores while the caller goes on. Same answer as `verifySeal`.
 */
export function verifySealAsync(seal: unknown, publicKey: KeyObject): Promise<boolean> {
  assertEd25519(publicKey, 'public');
  if (seal === null || typeof seal !== 'object' || Array.isArray(seal)) return Promise.resolve(false);
  const s = seal as Record<string, unknown>;
  const keys = Object.keys(s).sort();
  const expected = [...FIELD_NAMES, 'signature'].sort();
  if (keys.length !== expected.length || keys.some((k, i) => k !== expected[i])) return Promise.resolve(false);
  if (sealFieldsProblem(s) !== null) return Promise.resolve(false);
  if (typeof s.signature !== 'string' || !BASE64_SIG.test(s.signature)) return Promise.resolve(false);
  const signature = Buffer.from(s.signature, 'base64');
  if (signature.length !== 64 || signature.toString('base64') !== s.signature) return Promise.resolve(false);
  let input: Buffer;
  try {
    input = sealSigningInput(s as unknown as SealFields);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    try {
      cryptoVerify(null, input, publicKey, signature, (error, valid) => resolve(!error && valid));
    } catch {
      resolve(false);
    }
  });
}

/** Lowercase hex SHA-256 over the canonical JSON of the complete seal (signature included). */
export function sealHash(seal: Seal): string {
  return sha256(canonicalBytes({ ...pickFields(seal), signature: seal.signature })).toString('hex');
}

export interface SigningKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM of the private key. */
  privateKeyPem: string;
  /** SPKI PEM of the public key. */
  publicKeyPem: string;
}

export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  };
}

/** Ed25519 public key from SPKI PEM; also accepts a private key PEM and derives the public key. */
export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  assertEd25519(key, 'public');
  return key;
}

/** Ed25519 private key from (unencrypted) PKCS#8 PEM. */
export function privateKeyFromPem(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  assertEd25519(key, 'private');
  return key;
}

export function publicKeyToPem(key: KeyObject): string {
  assertEd25519(key, 'public');
  return key.export({ format: 'pem', type: 'spki' }).toString();
}
