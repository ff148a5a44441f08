import { readFileSync } from 'node:fs';
import { IkrarConfig } from '@ikrar/config';
import { isHexSha256, leafHash, publicKeyFromPem, verifyInclusion, verifySeal } from '@ikrar/ledger-proof';
import { signedSeal } from '@ikrar/ledger-seal';

export const VERIFY_PROOF_USAGE = 'verify-proof <file> [--public-key <spki.pem>]';

export interface ProofCheck {
  readonly valid: boolean;
  readonly problems: string[];
}

/**
 * Checks an inclusion proof document (as `GET /audit/events/:id/proof` returns it) offline: the seal's
 * Ed25519 signature (with `publicKeyPem`, trusted only if nothing better is given), then the root rebuilt
 * from the leaf (the event hash) and the audit path against the seal's root and tree size.
 */
export function checkInclusionProof(document: unknown, trustedPublicKeyPem?: string): ProofCheck {
  const problems: string[] = [];
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return { valid: false, problems: ['the proof is not a JSON object'] };
  const d = document as Record<string, unknown>;
  const seal = d.seal as Record<string, unknown> | undefined;
  if (seal === null || typeof seal !== 'object' || Array.isArray(seal)) return { valid: false, problems: ['the proof has no seal object'] };
  const keyPem = trustedPublicKeyPem ?? (typeof seal.publicKeyPem === 'string' ? seal.publicKeyPem : null);
  if (keyPem === null) return { valid: false, problems: ['no public key: the seal carries no publicKeyPem and none was given (--public-key)'] };
  let signatureOk = false;
  try {
    const publicKey = publicKeyFromPem(keyPem);
    signatureOk = verifySeal(signedSeal(seal as never), publicKey);
  } catch (error) {
    problems.push(`the public key is not an Ed25519 key: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!signatureOk) problems.push('the seal signature does not verify');
  // Tree size and root come from the (verified) seal, never from the proof's own copies.
  const treeSize = seal.treeSize as number;
  const rootHash = seal.rootHash as string;
  if (d.treeSize !== undefined && d.treeSize !== treeSize) problems.push('treeSize differs from the seal');
  if (d.rootHash !== undefined && d.rootHash !== rootHash) problems.push('rootHash differs from the seal');
  const path = d.proof;
  if (!isHexSha256(d.eventHash)) problems.push('eventHash must be 64 lowercase hex characters');
  else if (!Number.isSafeInteger(d.ledgerIndex)) problems.push('ledgerIndex must be an integer');
  else if (!Array.isArray(path) || !path.every(isHexSha256)) problems.push('proof must be an array of 64-character lowercase hex hashes');
  else if (!isHexSha256(rootHash) || !Number.isSafeInteger(treeSize)) problems.push('the seal has no valid rootHash / treeSize');
  else {
    const included = verifyInclusion(
      leafHash(Buffer.from(d.eventHash as string, 'hex')),
      d.ledgerIndex as number,
      treeSize,
      (path as string[]).map((node) => Buffer.from(node, 'hex')),
      Buffer.from(rootHash, 'hex'),
    );
    if (!included) problems.push('the inclusion proof does not lead to the sealed root');
  }
  return { valid: problems.length === 0, problems };
}

/** `verify-proof <file>`: exit 0 when the proof is valid, 2 when it is not, 64 on bad usage. */
export async function verifyProof(_config: IkrarConfig, args: string[]): Promise<number> {
  let keyFile: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--public-key') keyFile = args[++i];
    else if (args[i].startsWith('--public-key=')) keyFile = args[i].slice('--public-key='.length);
    else files.push(args[i]);
  }
  if (files.length !== 1 || (keyFile !== undefined && keyFile === '')) {
    process.stderr.write(`ikrar: usage: ${VERIFY_PROOF_USAGE}\n`);
    return 64;
  }
  let document: unknown;
  let trusted: string | undefined;
  try {
    document = JSON.parse(readFileSync(files[0], 'utf8'));
    if (keyFile !== undefined) trusted = readFileSync(keyFile, 'utf8');
  } catch (error) {
    process.stderr.write(`ikrar: invalid: cannot read the proof: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const check = checkInclusionProof(document, trusted);
  if (check.valid) {
    const d = document as { eventId?: string; ledgerIndex: number; seal: { treeSize: number; keyId: string } };
    process.stdout.write(`valid: event ${d.eventId ?? '?'} is leaf ${d.ledgerIndex} of the tree of size ${d.seal.treeSize} sealed by ${d.seal.keyId}\n`);
    return 0;
  }
  process.stderr.write(`invalid:\n${check.problems.map((problem) => `  - ${problem}`).join('\n')}\n`);
  return 2;
}
