import Database from 'better-sqlite3';
import {
  consistencyProof as merkleConsistencyProof,
  leafHash,
  merkleRoot,
  sealHash,
  verifyConsistency,
  verifyInclusion,
  verifySeal,
} from '@ikrar/ledger-proof';
import { Sealer, signedSeal } from '@ikrar/ledger-seal';
import { checkInclusionProof } from '../../apps/cli/src/commands/verify-proof';
import { SealFixture, sealFixture } from './fixtures';

const hex = (h: string) => Buffer.from(h, 'hex');

describe('Sealer', () => {
  let f: SealFixture;
  beforeEach(async () => {
    f = await sealFixture(3);
  });
  afterEach(async () => {
    await f.close();
  });

  it('gives every event a dense ledger index in global log order', async () => {
    const ids = await f.append(7);
    await f.sealer.catchUp();
    const events = await f.store.readAll();
    expect(ids.map((id) => f.sealer.indexOf(id)!.ledgerIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(ids.map((id) => f.sealer.indexOf(id)!.globalPosition)).toEqual(events.map((e) => e.globalPosition));
    // The event hash the store records (or, before it did, the one computed over the envelope).
    const recorded = events.map((e) => (e as unknown as { hash?: string }).hash);
    if (recorded.every((h) => typeof h === 'string')) expect(ids.map((id) => f.sealer.indexOf(id)!.eventHash)).toEqual(recorded);
  });

  it('writes a seal every N events, chained and signed', async () => {
    await f.append(10);
    await f.sealer.catchUp();
    const seals = f.sealer.seals();
    expect(seals.map((s) => s.treeSize)).toEqual([3, 6, 9]);
    expect(seals.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect(seals[0].previousSealHash).toBeNull();
    for (const [i, seal] of seals.entries()) {
      expect(verifySeal(signedSeal(seal), f.key.publicKey)).toBe(true);
      expect(seal.keyId).toBe('seal-test-key');
      expect(seal.sealHash).toBe(sealHash(signedSeal(seal)));
      if (i > 0) expect(seal.previousSealHash).toBe(seals[i - 1].sealHash);
    }
    const leaves = (await f.store.readAll()).map((e) => hex(f.sealer.indexOf(e.eventId)!.eventHash));
    expect(seals[2].rootHash).toBe(merkleRoot(leaves.slice(0, 9)).toString('hex'));
    expect(seals[2].chainHead).toBe(leaves[8].toString('hex'));
    // The tenth event waits for the next seal (or the timer); sealNow seals it.
    expect(f.sealer.sealNow()!.treeSize).toBe(10);
    expect(f.sealer.sealNow()).toBeNull();
    expect(f.sealer.verifySealChain()).toEqual({ valid: true, seals: 4, problems: [] });
  });

  it('follows the live log from its own checkpoint across restarts', async () => {
    await f.sealer.start();
    await f.append(4);
    await f.sealer.waitForPosition((await f.store.readAll()).at(-1)!.globalPosition);
    expect(f.sealer.size()).toBe(4);
    expect(f.sealer.latestSeal()!.treeSize).toBe(3);
    await f.reopen();
    await f.append(2);
    await f.sealer.start();
    await f.sealer.waitForPosition((await f.store.readAll()).at(-1)!.globalPosition);
    expect(f.sealer.size()).toBe(6);
    expect(f.sealer.seals().map((s) => s.treeSize)).toEqual([3, 6]);
    expect(f.sealer.verifySealChain().valid).toBe(true);
  });

  it('seals pending events on its timer', async () => {
    await f.sealer.close();
    f.sealer = Sealer.open({ eventStore: f.store, file: f.file, signingKey: f.key, sealEvery: 1000, sealIntervalMs: 50 });
    await f.append(2);
    await f.sealer.start();
    const deadline = Date.now() + 5000;
    while (f.sealer.latestSeal() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(f.sealer.latestSeal()!.treeSize).toBe(2);
  });

  describe('verifySealChain names forged seals', () => {
    beforeEach(async () => {
      await f.append(9);
      await f.sealer.catchUp();
      expect(f.sealer.verifySealChain().valid).toBe(true);
    });
    const tamper = (sql: string, ...params: unknown[]) => {
      const db = new Database(f.file);
      db.prepare(sql).run(...params);
      db.close();
    };

    it('a changed root', () => {
      tamper('UPDATE seals SET root_hash = ? WHERE seq = 2', 'ab'.repeat(32));
      const report = f.sealer.verifySealChain();
      expect(report.valid).toBe(false);
      expect(report.problems.map((p) => p.seq)).toContain(2);
      expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/seal 2: signature does not verify/);
      expect(report.problems.map((p) => p.problem).join('\n')).toMatch(/seal 2: root hash does not match the ledger index/);
    });

    it('a changed signature', () => {
      const other = f.sealer.seals()[0].signature;
      tamper('UPDATE seals SET signature = ? WHERE seq = 3', other);
      const report = f.sealer.verifySealChain();
      expect(report.valid).toBe(false);
      expect(report.problems).toEqual(expect.arrayContaining([{ seq: 3, problem: 'seal 3: signature does not verify' }]));
    });

    it('a changed previous-seal link', () => {
      tamper('UPDATE seals SET previous_seal_hash = ? WHERE seq = 2', 'cd'.repeat(32));
      const report = f.sealer.verifySealChain();
      expect(report.problems.map((p) => p.problem)).toEqual(
        expect.arrayContaining(['seal 2: signature does not verify', 'seal 2: previous seal hash does not match seal 1']),
      );
    });

    it('a rewritten ledger index under a seal', () => {
      tamper('UPDATE ledger_index SET event_hash = ? WHERE ledger_index = 4', 'ef'.repeat(32));
      const report = f.sealer.verifySealChain();
      expect(report.problems.map((p) => p.seq)).toEqual([2, 3]);
      expect(report.problems[0].problem).toBe('seal 2: root hash does not match the ledger index');
    });
  });

  describe('inclusion proofs', () => {
    it('exist for every sealed event, verify offline and fail when altered', async () => {
      const ids = await f.append(8);
      await f.sealer.catchUp();
      expect(f.sealer.latestSeal()!.treeSize).toBe(6);
      for (const id of ids.slice(6)) expect(f.sealer.inclusionProofFor(id)).toBeNull();
      expect(f.sealer.inclusionProofFor('00000000-0000-4000-8000-000000000000')).toBeNull();
      for (const id of ids.slice(0, 6)) {
        const proof = f.sealer.inclusionProofFor(id)!;
        expect(proof.treeSize).toBe(6);
        expect(verifyInclusion(leafHash(hex(proof.eventHash)), proof.ledgerIndex, proof.seal.treeSize, proof.proof.map(hex), hex(proof.seal.rootHash))).toBe(true);
        expect(checkInclusionProof(JSON.parse(JSON.stringify(proof)))).toEqual({ valid: true, problems: [] });
        const alteredPath = { ...proof, proof: proof.proof.map((p, i) => (i === 0 ? '00'.repeat(32) : p)) };
        expect(checkInclusionProof(alteredPath).valid).toBe(false);
        const alteredLeaf = { ...proof, eventHash: '11'.repeat(32) };
        expect(checkInclusionProof(alteredLeaf).valid).toBe(false);
        const otherIndex = { ...proof, ledgerIndex: (proof.ledgerIndex + 1) % 6 };
        expect(checkInclusionProof(otherIndex).problems).toContain('the inclusion proof does not lead to the sealed root');
        const forgedRoot = { ...proof, rootHash: '22'.repeat(32), seal: { ...proof.seal, rootHash: '22'.repeat(32) } };
        expect(checkInclusionProof(forgedRoot).problems).toContain('the seal signature does not verify');
      }
      f.sealer.sealNow();
      expect(f.sealer.inclusionProofFor(ids[7])!.treeSize).toBe(8);
    });
  });

  describe('consistency proofs', () => {
    beforeEach(async () => {
      await f.append(12);
      await f.sealer.catchUp();
    });

    it('verify between every pair of sealed sizes', () => {
      const sizes = f.sealer.seals().map((s) => s.treeSize);
      expect(sizes).toEqual([3, 6, 9, 12]);
      for (const from of sizes) {
        for (const to of sizes.filter((s) => s >= from)) {
          const p = f.sealer.consistencyProof(from, to)!;
          expect(p.fromRoot).toBe(p.seals.from.rootHash);
          expect(p.toRoot).toBe(p.seals.to.rootHash);
          expect(verifySeal(signedSeal(p.seals.from), f.key.publicKey) && verifySeal(signedSeal(p.seals.to), f.key.publicKey)).toBe(true);
          expect(verifyConsistency(from, to, hex(p.seals.from.rootHash), hex(p.seals.to.rootHash), p.proof.map(hex))).toBe(true);
        }
      }
    });

    it('refuse sizes that are not sealed, and impossible ranges', () => {
      expect(f.sealer.consistencyProof(4, 12)).toBeNull();
      expect(f.sealer.consistencyProof(3, 13)).toBeNull();
      expect(() => f.sealer.consistencyProof(6, 3)).toThrow(RangeError);
      expect(() => f.sealer.consistencyProof(0, 3)).toThrow(RangeError);
    });

    it('fail once the older part of the index was rewritten', () => {
      const before = f.sealer.consistencyProof(6, 12)!;
      const db = new Database(f.file);
      db.prepare('UPDATE ledger_index SET event_hash = ? WHERE ledger_index = 1').run('99'.repeat(32));
      db.close();
      const after = f.sealer.consistencyProof(6, 12)!;
      expect(after.proof).not.toEqual(before.proof);
      // Against the signed roots, the proof over the rewritten index does not verify.
      expect(verifyConsistency(6, 12, hex(after.seals.from.rootHash), hex(after.seals.to.rootHash), after.proof.map(hex))).toBe(false);
      // And a proof honestly built over the rewritten leaves cannot reach the old signed root either.
      const reader = new Database(f.file, { readonly: true });
      const leaves = (reader.prepare('SELECT event_hash FROM ledger_index ORDER BY ledger_index').all() as { event_hash: string }[]).map((r) => hex(r.event_hash));
      reader.close();
      const rebuilt = merkleConsistencyProof(6, leaves.slice(0, 12));
      expect(verifyConsistency(6, 12, hex(before.fromRoot), merkleRoot(leaves.slice(0, 12)), rebuilt)).toBe(false);
      expect(f.sealer.verifySealChain().valid).toBe(false);
    });
  });
});
