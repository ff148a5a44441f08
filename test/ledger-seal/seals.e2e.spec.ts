import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyConsistency, verifySeal, publicKeyFromPem } from '@ikrar/ledger-proof';
import { signedSeal } from '@ikrar/ledger-seal';
import { startTestLedger, TestLedger } from '../support/ledger-app';

const ROOT = join(__dirname, '..', '..');
const hex = (h: string) => Buffer.from(h, 'hex');

function ikrar(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '', IKRAR_SEAL_KEY: '', IKRAR_SEAL_KEY_ID: '' },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

describe('audit seal routes and verify-proof (e2e)', () => {
  let ledger: TestLedger;
  let eventIds: string[];

  beforeAll(async () => {
    ledger = await startTestLedger({ sealEvery: 2 });
    for (const name of ['Dinas Kesehatan Provinsi NTB', 'PT Bank NTB Syariah', 'TP PKK Provinsi NTB', 'Puskesmas Ampenan', 'Yayasan Sehat']) {
      const res = await ledger.http.post('/partners').send({ name, sector: 'government', regionCode: '52' });
      expect(res.status).toBe(201);
    }
    const events = await ledger.store.readAll();
    await ledger.sealer.waitForPosition(events.at(-1)!.globalPosition);
    eventIds = events.map((event) => event.eventId);
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('GET /health says whether the ledger is being sealed', async () => {
    const res = await ledger.anonymous.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', sealing: 'following' });
  });

  it('GET /audit/seals/latest: the latest signed seal with its public key', async () => {
    const res = await ledger.auditor.get('/audit/seals/latest');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seq: 2, treeSize: 4, keyId: 'ikrar-test', previousSealHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verifySeal(signedSeal(res.body), publicKeyFromPem(res.body.publicKeyPem))).toBe(true);
  });

  it('GET /audit/events/:id/proof: a proof for sealed events, 404 for unknown or not yet sealed ones', async () => {
    const res = await ledger.auditor.get(`/audit/events/${eventIds[1]}/proof`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventId: eventIds[1], ledgerIndex: 1, treeSize: 4, seal: { treeSize: 4 } });
    expect((await ledger.auditor.get(`/audit/events/${eventIds[4]}/proof`)).status).toBe(404);
    const unknown = await ledger.auditor.get('/audit/events/00000000-0000-4000-8000-000000000000/proof');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('GET /audit/proofs/consistency: a verifiable proof between sealed sizes; 400 naming bad params; 404 for unsealed sizes', async () => {
    const res = await ledger.auditor.get('/audit/proofs/consistency?from=2&to=4');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ fromSize: 2, toSize: 4 });
    expect(verifyConsistency(2, 4, hex(res.body.seals.from.rootHash), hex(res.body.seals.to.rootHash), res.body.proof.map(hex))).toBe(true);
    const bad = await ledger.auditor.get('/audit/proofs/consistency?from=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'to']);
    const reversed = await ledger.auditor.get('/audit/proofs/consistency?from=4&to=2');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].field).toBe('from');
    const unsealed = await ledger.auditor.get('/audit/proofs/consistency?from=3&to=4');
    expect(unsealed.status).toBe(404);
    expect(unsealed.body.detail).toContain('3');
  });

  it('verify-proof: exit 0 for a valid proof, 2 when altered, 64 without a file', async () => {
    const proof = (await ledger.auditor.get(`/audit/events/${eventIds[2]}/proof`)).body;
    const good = join(ledger.dataDir, 'proof.json');
    writeFileSync(good, JSON.stringify(proof));
    const valid = ikrar(ledger.dataDir, 'verify-proof', good);
    expect({ status: valid.status, stderr: valid.stderr }).toEqual({ status: 0, stderr: '' });
    expect(valid.stdout).toContain(`event ${eventIds[2]} is leaf 2`);

    const altered = join(ledger.dataDir, 'altered.json');
    writeFileSync(altered, JSON.stringify({ ...proof, eventHash: 'ab'.repeat(32) }));
    const invalid = ikrar(ledger.dataDir, 'verify-proof', altered);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toContain('does not lead to the sealed root');

    const forged = join(ledger.dataDir, 'forged.json');
    writeFileSync(forged, JSON.stringify({ ...proof, seal: { ...proof.seal, treeSize: 5 } }));
    expect(ikrar(ledger.dataDir, 'verify-proof', forged).status).toBe(2);

    const keyFile = join(ledger.dataDir, 'trusted.pem');
    writeFileSync(keyFile, proof.seal.publicKeyPem);
    expect(ikrar(ledger.dataDir, 'verify-proof', good, '--public-key', keyFile).status).toBe(0);

    expect(ikrar(ledger.dataDir, 'verify-proof').status).toBe(64);
  }, 120_000);
});
