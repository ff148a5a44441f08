import { createHash } from 'node:crypto';
import {
  consistencyProof,
  emptyRoot,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
} from '@ikrar/ledger-proof';

// ---------- independent reference implementation (no code shared with the library) ----------
const H = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const refLeaf = (d: Buffer): Buffer => H(Buffer.from([0]), d);
const refNode = (l: Buffer, r: Buffer): Buffer => H(Buffer.from([1]), l, r);

/**
 * Bottom-up construction: pair neighbours level by level, a lone last node moves up unchanged.
 * This is a different algorithm from RFC 9162's top-down split, yet yields the same tree.
 */
function refLevels(leaves: Buffer[]): Buffer[][] {
  const levels = [leaves.map(refLeaf)];
  while (levels[levels.length - 1].length > 1) {
    const cur = levels[levels.length - 1];
    const next: Buffer[] = [];
    for (let i = 0; i < cur.length; i += 2) next.push(i + 1 < cur.length ? refNode(cur[i], cur[i + 1]) : cur[i]);
    levels.push(next);
  }
  return levels;
}
function refRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return H();
  const levels = refLevels(leaves);
  return levels[levels.length - 1][0];
}
/** Audit path read off the bottom-up levels: the sibling at each level, if there is one. */
function refPath(index: number, leaves: Buffer[]): Buffer[] {
  const path: Buffer[] = [];
  let i = index;
  for (const level of refLevels(leaves).slice(0, -1)) {
    const sib = i % 2 === 1 ? i - 1 : i + 1;
    if (sib < level.length) path.push(level[sib]);
    i = Math.floor(i / 2);
  }
  return path;
}
/** Root recomputed from a path the naive way: walk up the bottom-up shape. */
function refRootFromPath(leafH: Buffer, index: number, size: number, path: Buffer[]): Buffer | null {
  let i = index;
  let width = size;
  let r = leafH;
  let k = 0;
  while (width > 1) {
    const sib = i % 2 === 1 ? i - 1 : i + 1;
    if (sib < width) {
      if (k >= path.length) return null;
      r = sib < i ? refNode(path[k], r) : refNode(r, path[k]);
      k++;
    }
    i = Math.floor(i / 2);
    width = Math.ceil(width / 2);
  }
  return k === path.length ? r : null;
}

const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');
const flip = (b: Buffer, byte = 0, bit = 0): Buffer => {
  const c = Buffer.from(b);
  c[byte % c.length] ^= 1 << bit;
  return c;
};

const MAX = 33;
const LEAVES: Buffer[] = Array.from({ length: MAX }, (_, i) => H(Buffer.from(`event ${i}`)));
const ROOTS: Buffer[] = Array.from({ length: MAX + 1 }, (_, n) => merkleRoot(LEAVES.slice(0, n)));

// ---------- published vectors (RFC 6962 / Certificate Transparency reference test data) ----------
const CT_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('Merkle tree (RFC 9162)', () => {
  describe('hashing and roots', () => {
    it('domain-separates leaves (0x00) and nodes (0x01)', () => {
      const a = Buffer.from('a');
      expect(hex(leafHash(a))).toBe(hex(H(Buffer.from([0x00]), a)));
      const l = leafHash(Buffer.from('l'));
      const r = leafHash(Buffer.from('r'));
      expect(hex(nodeHash(l, r))).toBe(hex(H(Buffer.from([0x01]), l, r)));
      // A two-leaf root is not the leaf hash of the concatenated children (second-preimage protection).
      expect(hex(merkleRoot([l, r]))).not.toBe(hex(leafHash(Buffer.concat([l, r]))));
    });

    it('the empty tree hashes to SHA-256 of the empty string', () => {
      expect(hex(emptyRoot())).toBe(CT_ROOTS[0]);
      expect(hex(merkleRoot([]))).toBe(CT_ROOTS[0]);
    });

    it('matches the published reference roots for sizes 0..8', () => {
      for (let n = 0; n <= 8; n++) expect(hex(merkleRoot(CT_LEAVES.slice(0, n)))).toBe(CT_ROOTS[n]);
    });

    it('matches hand-built trees', () => {
      const [a, b, c, d, e] = LEAVES.map(refLeaf);
      expect(hex(merkleRoot(LEAVES.slice(0, 1)))).toBe(hex(a));
      expect(hex(merkleRoot(LEAVES.slice(0, 3)))).toBe(hex(refNode(refNode(a, b), c)));
      expect(hex(merkleRoot(LEAVES.slice(0, 5)))).toBe(hex(refNode(refNode(refNode(a, b), refNode(c, d)), e)));
      const f = refLeaf(LEAVES[5]);
      const g = refLeaf(LEAVES[6]);
      expect(hex(merkleRoot(LEAVES.slice(0, 7)))).toBe(
        hex(refNode(refNode(refNode(a, b), refNode(c, d)), refNode(refNode(e, f), g))),
      );
    });

    it('splits at the largest power of two smaller than n', () => {
      expect([2, 3, 4, 5, 8, 9, 16, 17, 33].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 8, 16, 32]);
      expect(() => splitPoint(1)).toThrow(RangeError);
    });

    it('agrees with an independent bottom-up implementation for sizes 0..33', () => {
      for (let n = 0; n <= MAX; n++) expect(hex(ROOTS[n])).toBe(hex(refRoot(LEAVES.slice(0, n))));
    });
  });

  describe('inclusion proofs', () => {
    it('match the published reference proofs', () => {
      const cases = [
        { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
        { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
        { index: 0, size: 1, proof: [] },
      ];
      for (const c of cases) {
        const leaves = CT_LEAVES.slice(0, c.size);
        expect(inclusionProof(c.index, leaves).map(hex)).toEqual(c.proof);
        expect(verifyInclusion(leafHash(CT_LEAVES[c.index]), c.index, c.size, c.proof.map(unhex), unhex(CT_ROOTS[c.size]))).toBe(true);
      }
    });

    it('equal the independently derived audit paths for every leaf of every size 1..33', () => {
      for (let n = 1; n <= MAX; n++) {
        const leaves = LEAVES.slice(0, n);
        for (let i = 0; i < n; i++) {
          const proof = inclusionProof(i, leaves);
          expect(proof.map(hex)).toEqual(refPath(i, leaves).map(hex));
          expect(hex(refRootFromPath(refLeaf(leaves[i]), i, n, proof)!)).toBe(hex(ROOTS[n]));
        }
      }
    });

    it('every proof verifies, and fails when a sibling, the leaf, the index, the size or the root is altered', () => {
      let checked = 0;
      for (let n = 1; n <= MAX; n++) {
        const leaves = LEAVES.slice(0, n);
        for (let i = 0; i < n; i++) {
          const proof = inclusionProof(i, leaves);
          const lh = leafHash(leaves[i]);
          expect(verifyInclusion(lh, i, n, proof, ROOTS[n])).toBe(true);

          // each sibling altered
          for (let k = 0; k < proof.length; k++) {
            const bad = proof.slice();
            bad[k] = flip(bad[k], k, k % 8);
            expect(verifyInclusion(lh, i, n, bad, ROOTS[n])).toBe(false);
          }
          // missing, extra, reordered siblings
          if (proof.length > 0) expect(verifyInclusion(lh, i, n, proof.slice(0, -1), ROOTS[n])).toBe(false);
          expect(verifyInclusion(lh, i, n, [...proof, ROOTS[n]], ROOTS[n])).toBe(false);
          if (proof.length > 1) expect(verifyInclusion(lh, i, n, [proof[1], proof[0], ...proof.slice(2)], ROOTS[n])).toBe(false);
          // another leaf, or the leaf data instead of its leaf hash
          expect(verifyInclusion(flip(lh), i, n, proof, ROOTS[n])).toBe(false);
          expect(verifyInclusion(leaves[i], i, n, proof, ROOTS[n])).toBe(false);
          // every other index
          for (let j = 0; j < n + 2; j++) if (j !== i) expect(verifyInclusion(lh, j, n, proof, ROOTS[n])).toBe(false);
          // another size: the proof does not prove inclusion in the tree of that size
          for (let m = 1; m <= MAX; m++) if (m !== n) expect(verifyInclusion(lh, i, m, proof, ROOTS[m])).toBe(false);
          // the root altered
          expect(verifyInclusion(lh, i, n, proof, flip(ROOTS[n], 31, 7))).toBe(false);
          if (n > 1) expect(verifyInclusion(lh, i, n, proof, ROOTS[n - 1])).toBe(false);
          checked++;
        }
      }
      expect(checked).toBe((MAX * (MAX + 1)) / 2);
    });

    it('rejects malformed input without throwing, and refuses to build impossible proofs', () => {
      const proof = inclusionProof(3, LEAVES.slice(0, 8));
      const lh = leafHash(LEAVES[3]);
      expect(verifyInclusion(lh, -1, 8, proof, ROOTS[8])).toBe(false);
      expect(verifyInclusion(lh, 8, 8, proof, ROOTS[8])).toBe(false);
      expect(verifyInclusion(lh, 1.5, 8, proof, ROOTS[8])).toBe(false);
      expect(verifyInclusion(lh, 3, 0, [], emptyRoot())).toBe(false);
      expect(verifyInclusion(lh.subarray(0, 31), 3, 8, proof, ROOTS[8])).toBe(false);
      expect(verifyInclusion(lh, 3, 8, [proof[0].subarray(1), ...proof.slice(1)], ROOTS[8])).toBe(false);
      expect(verifyInclusion(lh, 3, 8, proof, ROOTS[8].subarray(1))).toBe(false);
      expect(verifyInclusion(lh, 3, 8, 'x' as unknown as Buffer[], ROOTS[8])).toBe(false);
      expect(() => inclusionProof(0, [])).toThrow(RangeError);
      expect(() => inclusionProof(8, LEAVES.slice(0, 8))).toThrow(RangeError);
      expect(() => inclusionProof(-1, LEAVES.slice(0, 8))).toThrow(RangeError);
    });

    it('a proof from a tree with a rewritten leaf does not verify against the original root', () => {
      for (let n = 1; n <= 17; n++) {
        for (let k = 0; k < n; k++) {
          const rewritten = LEAVES.slice(0, n);
          rewritten[k] = H(Buffer.from(`forged ${k}`));
          for (let i = 0; i < n; i++) {
            expect(verifyInclusion(leafHash(rewritten[i]), i, n, inclusionProof(i, rewritten), ROOTS[n])).toBe(false);
          }
        }
      }
    });
  });

  describe('consistency proofs', () => {
    it('match the published reference proofs', () => {
      const cases = [
        { m: 1, n: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
        { m: 2, n: 8, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
        { m: 6, n: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
        { m: 8, n: 8, proof: [] },
      ];
      for (const c of cases) {
        expect(consistencyProof(c.m, CT_LEAVES.slice(0, c.n)).map(hex)).toEqual(c.proof);
        expect(verifyConsistency(c.m, c.n, unhex(CT_ROOTS[c.m]), unhex(CT_ROOTS[c.n]), c.proof.map(unhex))).toBe(true);
      }
    });

    it('match a hand-built proof', () => {
      // m = 3, n = 7: SUBPROOF(3, D[0:4], true) : MTH(D[4:7])
      //             = [MTH(D[2:3]), MTH(D[0:2]), MTH(D[3:4])... ] per the recursion:
      // SUBPROOF(3, D[0:4]) -> m > k=2 -> SUBPROOF(1, D[2:4], false) : MTH(D[0:2])
      // SUBPROOF(1, D[2:4], false) -> m <= k=1 -> SUBPROOF(1, D[2:3], false) : MTH(D[3:4]) = [c, d]
      const [a, b, c, d, e, f, g] = LEAVES.map(refLeaf);
      const expected = [c, d, refNode(a, b), refNode(refNode(e, f), g)];
      expect(consistencyProof(3, LEAVES.slice(0, 7)).map(hex)).toEqual(expected.map(hex));
    });

    it('every proof for 1 <= m <= n <= 33 verifies and fails when altered', () => {
      let checked = 0;
      for (let n = 1; n <= MAX; n++) {
        const leaves = LEAVES.slice(0, n);
        for (let m = 1; m <= n; m++) {
          const proof = consistencyProof(m, leaves);
          expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], proof)).toBe(true);
          if (m === n) expect(proof).toEqual([]);

          // every link altered, one at a time, at two different bit positions
          for (let k = 0; k < proof.length; k++) {
            for (const bit of [0, 7]) {
              const bad = proof.slice();
              bad[k] = flip(bad[k], 13, bit);
              expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], bad)).toBe(false);
            }
          }
          // links dropped, added, swapped
          for (let k = 0; k < proof.length; k++) {
            expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], proof.filter((_, j) => j !== k))).toBe(false);
          }
          expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], [...proof, ROOTS[m]])).toBe(false);
          expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], [ROOTS[m], ...proof])).toBe(false);
          if (proof.length > 1) {
            expect(verifyConsistency(m, n, ROOTS[m], ROOTS[n], [proof[1], proof[0], ...proof.slice(2)])).toBe(false);
          }
          // either root altered
          expect(verifyConsistency(m, n, flip(ROOTS[m]), ROOTS[n], proof)).toBe(false);
          expect(verifyConsistency(m, n, ROOTS[m], flip(ROOTS[n]), proof)).toBe(false);
          // other sizes (with their genuine roots)
          for (let m2 = 1; m2 <= n; m2++) if (m2 !== m) expect(verifyConsistency(m2, n, ROOTS[m2], ROOTS[n], proof)).toBe(false);
          for (let n2 = m; n2 <= MAX; n2++) if (n2 !== n) expect(verifyConsistency(m, n2, ROOTS[m], ROOTS[n2], proof)).toBe(false);
          checked++;
        }
      }
      expect(checked).toBe((MAX * (MAX + 1)) / 2);
    });

    it('fails for a tree whose old part was rewritten, wherever the rewrite is', () => {
      for (let n = 2; n <= MAX; n++) {
        for (let m = 1; m < n; m++) {
          for (let k = 0; k < m; k++) {
            const rewritten = LEAVES.slice(0, n);
            rewritten[k] = H(Buffer.from(`forged ${k}`));
            const newRoot = merkleRoot(rewritten);
            const proof = consistencyProof(m, rewritten);
            // The honest old checkpoint (m, ROOTS[m]) does not extend to the rewritten history ...
            expect(verifyConsistency(m, n, ROOTS[m], newRoot, proof)).toBe(false);
            // ... nor does the genuine history's proof connect to the rewritten root.
            expect(verifyConsistency(m, n, ROOTS[m], newRoot, consistencyProof(m, LEAVES.slice(0, n)))).toBe(false);
          }
        }
      }
    });

    it('fails when leaves were removed or reordered before appending', () => {
      for (let n = 3; n <= MAX; n++) {
        for (let m = 2; m < n; m++) {
          const swapped = LEAVES.slice(0, n);
          [swapped[m - 2], swapped[m - 1]] = [swapped[m - 1], swapped[m - 2]];
          expect(verifyConsistency(m, n, ROOTS[m], merkleRoot(swapped), consistencyProof(m, swapped))).toBe(false);
          const deleted = [...LEAVES.slice(0, m - 1), ...LEAVES.slice(m, n + 1)];
          expect(verifyConsistency(m, n, ROOTS[m], merkleRoot(deleted), consistencyProof(m, deleted))).toBe(false);
        }
      }
    });

    it('rejects malformed input without throwing, and refuses impossible proofs', () => {
      const proof = consistencyProof(5, LEAVES.slice(0, 9));
      expect(verifyConsistency(0, 9, emptyRoot(), ROOTS[9], proof)).toBe(false);
      expect(verifyConsistency(9, 5, ROOTS[9], ROOTS[5], proof)).toBe(false);
      expect(verifyConsistency(5, 9, ROOTS[5], ROOTS[9], [])).toBe(false);
      expect(verifyConsistency(5, 5, ROOTS[5], ROOTS[5], [])).toBe(true);
      expect(verifyConsistency(5, 5, ROOTS[5], ROOTS[6], [])).toBe(false);
      expect(verifyConsistency(5, 5, ROOTS[5], ROOTS[5], [ROOTS[5]])).toBe(false);
      expect(verifyConsistency(5, 9, ROOTS[5].subarray(1), ROOTS[9], proof)).toBe(false);
      expect(verifyConsistency(5, 9, ROOTS[5], ROOTS[9], [proof[0].subarray(1), ...proof.slice(1)])).toBe(false);
      expect(verifyConsistency(5.5, 9, ROOTS[5], ROOTS[9], proof)).toBe(false);
      expect(() => consistencyProof(0, LEAVES.slice(0, 9))).toThrow(RangeError);
      expect(() => consistencyProof(10, LEAVES.slice(0, 9))).toThrow(RangeError);
    });
  });
});
