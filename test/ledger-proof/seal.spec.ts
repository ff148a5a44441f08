import { createHash, generateKeyPairSync, verify as cryptoVerify } from 'node:crypto';
import {
  Seal,
  SealError,
  SealFields,
  canonicalize,
  createSeal,
  generateSigningKey,
  merkleRoot,
  privateKeyFromPem,
  publicKeyFromPem,
  publicKeyToPem,
  sealHash,
  sealSigningInput,
  verifySeal,
} from '@ikrar/ledger-proof';

const keys = generateSigningKey();
const fields: SealFields = {
  treeSize: 3,
  rootHash: merkleRoot([Buffer.alloc(32, 1), Buffer.alloc(32, 2), Buffer.alloc(32, 3)]).toString('hex'),
  chainHead: '03'.repeat(32),
  previousSealHash: null,
  sealedAt: '2024-05-01T10:00:00.000Z',
  keyId: 'ikrar-2024-1',
};

describe('seals', () => {
  it('a valid seal verifies', () => {
    const seal = createSeal(fields, keys.privateKey);
    expect(seal).toEqual({ ...fields, signature: expect.any(String) });
    expect(Buffer.from(seal.signature, 'base64')).toHaveLength(64);
    expect(verifySeal(seal, keys.publicKey)).toBe(true);
    // survives a JSON round trip (what an auditor stores)
    expect(verifySeal(JSON.parse(JSON.stringify(seal)), keys.publicKey)).toBe(true);
  });

  it('signs exactly the canonical JSON of the six fields (checkable with plain Ed25519)', () => {
    const seal = createSeal(fields, keys.privateKey);
    const text =
      `{"chainHead":"${fields.chainHead}","keyId":"ikrar-2024-1","previousSealHash":null,` +
      `"rootHash":"${fields.rootHash}","sealedAt":"2024-05-01T10:00:00.000Z","treeSize":3}`;
    expect(sealSigningInput(seal).toString('utf8')).toBe(text);
    expect(cryptoVerify(null, Buffer.from(text, 'utf8'), keys.publicKey, Buffer.from(seal.signature, 'base64'))).toBe(true);
  });

  it('ignores extra input members when creating and is deterministic (Ed25519)', () => {
    const seal = createSeal({ ...fields, extra: 'x' } as SealFields, keys.privateKey);
    expect(Object.keys(seal).sort()).toEqual(['chainHead', 'keyId', 'previousSealHash', 'rootHash', 'sealedAt', 'signature', 'treeSize']);
    expect(createSeal(fields, keys.privateKey).signature).toBe(seal.signature);
  });

  it.each<[string, Partial<SealFields>]>([
    ['treeSize', { treeSize: 4 }],
    ['rootHash', { rootHash: '00'.repeat(32) }],
    ['chainHead', { chainHead: '04'.repeat(32) }],
    ['previousSealHash', { previousSealHash: 'ee'.repeat(32) }],
    ['sealedAt', { sealedAt: '2024-05-01T10:00:00.001Z' }],
    ['keyId', { keyId: 'ikrar-2024-2' }],
  ])('a changed %s fails', (_name, change) => {
    const seal = createSeal(fields, keys.privateKey);
    expect(verifySeal({ ...seal, ...change }, keys.publicKey)).toBe(false);
  });

  it('a forged or damaged signature fails', () => {
    const seal = createSeal(fields, keys.privateKey);
    const sig = Buffer.from(seal.signature, 'base64');
    for (const i of [0, 31, 32, 63]) {
      const bad = Buffer.from(sig);
      bad[i] ^= 0x01;
      expect(verifySeal({ ...seal, signature: bad.toString('base64') }, keys.publicKey)).toBe(false);
    }
    expect(verifySeal({ ...seal, signature: Buffer.alloc(64).toString('base64') }, keys.publicKey)).toBe(false);
    expect(verifySeal({ ...seal, signature: sig.subarray(0, 63).toString('base64') }, keys.publicKey)).toBe(false);
    expect(verifySeal({ ...seal, signature: sig.toString('hex') }, keys.publicKey)).toBe(false);
    expect(verifySeal({ ...seal, signature: '' }, keys.publicKey)).toBe(false);
    // a signature by the right key over another seal
    const other = createSeal({ ...fields, treeSize: 4 }, keys.privateKey);
    expect(verifySeal({ ...seal, signature: other.signature }, keys.publicKey)).toBe(false);
  });

  it('a wrong key fails, even if the attacker signs with their own key and keeps the keyId', () => {
    const attacker = generateSigningKey();
    const forged = createSeal(fields, attacker.privateKey);
    expect(verifySeal(forged, keys.publicKey)).toBe(false);
    expect(verifySeal(createSeal(fields, keys.privateKey), attacker.publicKey)).toBe(false);
  });

  it('rejects structurally wrong seals', () => {
    const seal = createSeal(fields, keys.privateKey) as unknown as Record<string, unknown>;
    expect(verifySeal({ ...seal, extra: 1 }, keys.publicKey)).toBe(false);
    const { keyId: _k, ...missing } = seal;
    expect(verifySeal(missing, keys.publicKey)).toBe(false);
    expect(verifySeal({ ...seal, treeSize: '3' }, keys.publicKey)).toBe(false);
    expect(verifySeal(null, keys.publicKey)).toBe(false);
    expect(verifySeal([seal], keys.publicKey)).toBe(false);
  });

  it('validates fields when creating', () => {
    const bad: Array<Partial<Record<keyof SealFields, unknown>>> = [
      { treeSize: -1 },
      { treeSize: 1.5 },
      { rootHash: 'AB'.repeat(32) },
      { rootHash: 'ab' },
      { chainHead: null },
      { treeSize: 0, chainHead: '03'.repeat(32) },
      { previousSealHash: '' },
      { sealedAt: '2024-05-01 10:00:00' },
      { sealedAt: '2024-13-45T10:00:00Z' },
      { sealedAt: '2023-02-29T10:00:00Z' },
      { sealedAt: '2024-05-01T10:00:00+02:00' },
      { keyId: '' },
    ];
    for (const change of bad) {
      expect(() => createSeal({ ...fields, ...change } as SealFields, keys.privateKey)).toThrow(SealError);
    }
    // the empty ledger can be sealed
    const empty = createSeal(
      { ...fields, treeSize: 0, chainHead: null, rootHash: merkleRoot([]).toString('hex') },
      keys.privateKey,
    );
    expect(verifySeal(empty, keys.publicKey)).toBe(true);
  });

  it('refuses keys of the wrong kind', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => createSeal(fields, rsa.privateKey)).toThrow(SealError);
    expect(() => createSeal(fields, keys.publicKey)).toThrow(SealError);
    expect(() => verifySeal(createSeal(fields, keys.privateKey), rsa.publicKey)).toThrow(SealError);
    expect(() => publicKeyFromPem(rsa.publicKey.export({ format: 'pem', type: 'spki' }).toString())).toThrow(SealError);
    expect(() => privateKeyFromPem(rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString())).toThrow(SealError);
  });

  it('keys round-trip through PEM', () => {
    const priv = privateKeyFromPem(keys.privateKeyPem);
    const pub = publicKeyFromPem(keys.publicKeyPem);
    expect(keys.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(keys.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(publicKeyToPem(pub)).toBe(keys.publicKeyPem);
    expect(verifySeal(createSeal(fields, priv), pub)).toBe(true);
    expect(verifySeal(createSeal(fields, keys.privateKey), publicKeyFromPem(keys.privateKeyPem))).toBe(true);
  });

  it('sealHash covers every field and the signature and chains seals', () => {
    const first = createSeal(fields, keys.privateKey);
    const h = sealHash(first);
    expect(h).toBe(createHash('sha256').update(canonicalize(first)).digest('hex'));
    expect(sealHash({ ...first, treeSize: 4 })).not.toBe(h);
    const otherSig: Seal = { ...first, signature: createSeal({ ...fields, keyId: 'x' }, keys.privateKey).signature };
    expect(sealHash(otherSig)).not.toBe(h);

    const second = createSeal({ ...fields, treeSize: 5, chainHead: '05'.repeat(32), previousSealHash: h }, keys.privateKey);
    expect(verifySeal(second, keys.publicKey)).toBe(true);
    expect(second.previousSealHash).toBe(sealHash(first));
    // replacing the first seal breaks the link from the second
    const replaced = createSeal({ ...fields, sealedAt: '2024-05-01T11:00:00.000Z' }, keys.privateKey);
    expect(second.previousSealHash).not.toBe(sealHash(replaced));
  });
});
