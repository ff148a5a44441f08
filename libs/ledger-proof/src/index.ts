export { CanonicalizationError, canonicalBytes, canonicalize, compareUtf16 } from './canonical-json';
export { sha256, isHexSha256 } from './hash';
export { eventHash, eventHashOfCanonicalParts, verifyEventHash } from './event-hash';
export type { CanonicalEnvelopeParts } from './event-hash';
export {
  HASH_SIZE,
  MerkleFrontier,
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  merkleRoot,
  merkleRootFromLeafHashes,
  nodeHash,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
export {
  SealError,
  createSeal,
  generateSigningKey,
  privateKeyFromPem,
  publicKeyFromPem,
  publicKeyToPem,
  sealFieldsProblem,
  sealHash,
  sealSigningInput,
  verifySeal,
  verifySealAsync,
} from './seal';
export type { Seal, SealFields, SigningKeyPair } from './seal';
