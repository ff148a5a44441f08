/**
 * RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle Hash Tree with SHA-256.
 *
 *   MTH({})      = SHA-256()                                  (empty input)
 *   MTH({d0})    = SHA-256(0x00 || d0)                        (leaf hash)
 *   MTH(D[n])    = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])) (node hash), n > 1,
 *                  k = the largest power of two smaller than n.
 *
 * In the ledger the leaf data d_i is the 32 raw bytes of the i-th event hash (ledger index order).
 * Tree sizes and indices are JS numbers and must be safe integers; no bitwise operators are used,
 * so sizes beyond 2^32 work.
 */
import * as nodeCrypto from 'node:crypto';
import { sha256 } from './hash';

export const HASH_SIZE = 32;
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** One-shot SHA-256 of a buffer (`crypto.hash` where Node has it: about twice as fast as a Hash object). */
const oneShot = (nodeCrypto as unknown as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash;
/** Scratch input of the common case: a 32-byte leaf, or two 32-byte children (copied, never kept). */
const scratchLeaf = Buffer.alloc(1 + HASH_SIZE);
const scratchNode = Buffer.alloc(1 + 2 * HASH_SIZE);
scratchLeaf[0] = 0x00;
scratchNode[0] = 0x01;

/** RFC 9162 leaf hash: SHA-256(0x00 || leaf). */
export function leafHash(leaf: Uint8Array): Buffer {
  if (oneShot && leaf.length === HASH_SIZE) {
    scratchLeaf.set(leaf, 1);
    return oneShot('sha256', scratchLeaf, 'buffer');
  }
  return sha256(LEAF_PREFIX, leaf);
}

/** RFC 9162 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (oneShot && left.length === HASH_SIZE && right.length === HASH_SIZE) {
    scratchNode.set(left, 1);
    scratchNode.set(right, 1 + HASH_SIZE);
    return oneShot('sha256', scratchNode, 'buffer');
  }
  return sha256(NODE_PREFIX, left, right);
}

/** Root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Buffer {
  return sha256();
}

/** Largest power of two strictly smaller than n (n >= 2). */
export function splitPoint(n: number): number {
  if (!(n >= 2)) throw new RangeError('splitPoint: n must be >= 2');
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over the given leaves (leaf data, not leaf hashes). */
export function merkleRoot(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return emptyRoot();
  return subtreeRoot(leaves.map(leafHash), 0, leaves.length);
}

/** Same as merkleRoot, but from already computed leaf hashes. */
export function merkleRootFromLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRoot();
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** MTH of the leaf hashes [lo, hi), hi - lo >= 1. */
function subtreeRoot(hashes: readonly Uint8Array[], lo: number, hi: number): Buffer {
  const n = hi - lo;
  if (n === 1) return Buffer.from(hashes[lo]);
  const k = splitPoint(n);
  return nodeHash(subtreeRoot(hashes, lo, lo + k), subtreeRoot(hashes, lo + k, hi));
}

/**
 * Inclusion proof (audit path, RFC 9162 §2.1.3.1) of leaf `index` in the tree over `leaves`:
 *   PATH(m, {d0}) = {}
 *   PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])        if m < k
 *   PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])    if m >= k
 * Ordered from the leaf upwards.
 */
export function inclusionProof(index: number, leaves: readonly Uint8Array[]): Buffer[] {
  const n = leaves.length;
  if (!Number.isSafeInteger(index) || index < 0 || index >= n) {
    throw new RangeError(`inclusionProof: index ${index} outside tree of size ${n}`);
  }
  const hashes = leaves.map(leafHash);
  const path: Buffer[] = [];
  const walk = (m: number, lo: number, hi: number): void => {
    if (hi - lo === 1) return;
    const k = splitPoint(hi - lo);
    if (m < k) {
      walk(m, lo, lo + k);
      path.push(subtreeRoot(hashes, lo + k, hi));
    } else {
      walk(m - k, lo + k, hi);
      path.push(subtreeRoot(hashes, lo, lo + k));
    }
  };
  walk(index, 0, n);
  return path;
}

function isHash(b: unknown): b is Uint8Array {
  return b instanceof Uint8Array && b.length === HASH_SIZE;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/**
 * Verifies an inclusion proof exactly as RFC 9162 §2.1.3.2. `leafHashValue` is the leaf hash
 * (SHA-256(0x00 || leaf)), not the leaf data. Returns false (never throws) on any malformed input.
 */
export function verifyInclusion(
  leafHashValue: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  if (!isHash(leafHashValue) || !isHash(root) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leafHashValue);
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

/**
 * Consistency proof between the first `m` leaves and all `leaves` (n = leaves.length),
 * RFC 9162 §2.1.4.1, 1 <= m <= n:
 *   PROOF(m, D[n]) = SUBPROOF(m, D[n], true)
 *   SUBPROOF(m, D[m], true)  = {}
 *   SUBPROOF(m, D[m], false) = {MTH(D[m])}
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])           if m <= k
 *   SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])   if m > k
 */
export function consistencyProof(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  const n = leaves.length;
  if (!Number.isSafeInteger(m) || m < 1 || m > n) {
    throw new RangeError(`consistencyProof: old size ${m} must be within 1..${n}`);
  }
  const hashes = leaves.map(leafHash);
  const proof: Buffer[] = [];
  const sub = (mm: number, lo: number, hi: number, b: boolean): void => {
    if (mm === hi - lo) {
      if (!b) proof.push(subtreeRoot(hashes, lo, hi));
      return;
    }
    const k = splitPoint(hi - lo);
    if (mm <= k) {
      sub(mm, lo, lo + k, b);
      proof.push(subtreeRoot(hashes, lo + k, hi));
    } else {
      sub(mm - k, lo + k, hi, false);
      proof.push(subtreeRoot(hashes, lo, lo + k));
    }
  };
  sub(m, 0, n, true);
  return proof;
}

/**
 * Verifies a consistency proof exactly as RFC 9162 §2.1.4.2: both the old root and the new root
 * are recomputed from the same proof nodes, so every node links the old tree into the new one.
 * m === n requires an empty proof and equal roots. Returns false (never throws) on malformed input.
 */
export function verifyConsistency(
  m: number,
  n: number,
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 1 || m > n) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !Array.isArray(proof) || !proof.every(isHash)) return false;
  if (m === n) return proof.length === 0 && equalBytes(oldRoot, newRoot);
  // 1. An empty proof fails.
  if (proof.length === 0) return false;
  // 2. If m is an exact power of two, prepend the old root.
  const path: readonly Uint8Array[] = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
  // 3.
  let fn = m - 1;
  let sn = n - 1;
  // 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  // 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
}

function isPowerOfTwo(x: number): boolean {
  let p = 1;
  while (p < x) p *= 2;
  return p === x;
}

/**
 * The RFC 9162 root of a growing list of leaves in O(log n) memory and time per leaf: the roots of
 * the perfect subtrees covering the leaves so far (the "compact range" of the left edge). For
 * n = 2^a + 2^b + ... (a > b > ...), MTH(D[n]) = NODE(MTH of the first 2^a, MTH of the rest), so the
 * root folds the stack from the right. Gives exactly `merkleRoot` of the same leaves.
 */
export class MerkleFrontier {
  /** Subtree roots, oldest (largest) first, with the number of leaves each covers. */
  private readonly nodes: Buffer[] = [];
  private readonly sizes: number[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds leaf data (not a leaf hash). */
  push(leaf: Uint8Array): void {
    let node = leafHash(leaf);
    let size = 1;
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      node = nodeHash(this.nodes.pop()!, node);
      size += this.sizes.pop()!;
    }
    this.nodes.push(node);
    this.sizes.push(size);
    this.count += 1;
  }

  root(): Buffer {
    if (this.nodes.length === 0) return emptyRoot();
    let root = this.nodes[this.nodes.length - 1];
    for (let i = this.nodes.length - 2; i >= 0; i--) root = nodeHash(this.nodes[i], root);
    return root;
  }
}
