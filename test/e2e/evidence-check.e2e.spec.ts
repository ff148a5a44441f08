import { createHash, randomUUID } from 'node:crypto';
import { acceptCommitment, asPartner, ntbScenario, pledgeCommitment } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

const FILE = Buffer.from('%PDF-1.4 daftar penerima PMT ibu hamil KEK, Kota Mataram, tahap 1\n');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const RECEIPTS = { name: 'daftar-penerima-pmt.pdf', sha256: sha(FILE), mediaType: 'application/pdf', sizeBytes: FILE.length };
const PHOTO = { name: 'foto-penyaluran-pmt-tahap-1.jpg', sha256: 'a'.repeat(64), mediaType: 'image/jpeg', sizeBytes: 482_113 };

describe('POST /reports/:id/evidence/check', () => {
  let ledger: TestLedger;
  let reportId: string;
  beforeAll(async () => {
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    const ntb = await ntbScenario(ledger);
    const commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await acceptCommitment(ledger, commitmentId);
    const created = await ledger.http
      .post('/reports')
      .set(asPartner(ntb.bank, 'csr-officer-bank-ntb'))
      .send({
        commitmentId,
        periodStart: '2026-01-01',
        periodEnd: '2026-03-31',
        quantityDelivered: 250,
        rupiahDisbursed: 75_000_000,
        narrative: 'PMT tahap 1 disalurkan.',
        evidence: [PHOTO, RECEIPTS],
      })
      .expect(201);
    reportId = created.body.id;
  });
  afterAll(async () => ledger.close());

  const check = (id: string, bytes: Buffer, query = '') =>
    ledger.http.post(`/reports/${id}/evidence/check${query}`).set('Content-Type', 'application/octet-stream').send(bytes);

  it('answers matches true with the recorded item for the very file, by hash alone or by hash and name', async () => {
    const res = await check(reportId, FILE).expect(200);
    expect(res.body).toEqual({ sha256: sha(FILE), matches: true, evidence: RECEIPTS });
    const named = await check(reportId, FILE, `?name=${encodeURIComponent(RECEIPTS.name)}`).expect(200);
    expect(named.body).toEqual({ sha256: sha(FILE), matches: true, evidence: RECEIPTS });
    const wrongName = await check(reportId, FILE, `?name=${encodeURIComponent(PHOTO.name)}`).expect(200);
    expect(wrongName.body).toEqual({ sha256: sha(FILE), matches: false, evidence: null });
  });

  it('answers matches false for a file changed by one byte', async () => {
    const changed = Buffer.from(FILE);
    changed[5] ^= 1;
    const res = await check(reportId, changed).expect(200);
    expect(res.body).toEqual({ sha256: sha(changed), matches: false, evidence: null });
  });

  it('answers 404 for an unknown report', async () => {
    await check(randomUUID(), FILE).expect(404);
  });

  it('keeps 415 for other routes and for other content types here', async () => {
    await ledger.http.post('/reports').set('Content-Type', 'application/octet-stream').send(FILE).expect(415);
    await ledger.http.post(`/reports/${reportId}/evidence/check`).set('Content-Type', 'text/plain').send('hello').expect(415);
  });
});
