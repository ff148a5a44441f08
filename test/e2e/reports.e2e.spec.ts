import { reportStreamId } from '@ikrar/domain';
import { acceptCommitment, asAuditor, asPartner, ntbScenario, pledgeCommitment } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;

const PHOTO = { name: 'foto-penyaluran-pmt-tahap-1.jpg', sha256: 'a'.repeat(64), mediaType: 'image/jpeg', sizeBytes: 482_113 };
const RECEIPTS = { name: 'daftar-penerima-pmt.pdf', sha256: '0123456789abcdef'.repeat(4), mediaType: 'application/pdf', sizeBytes: 120_044 };

describe('accountability reports', () => {
  let ledger: TestLedger;
  let ntb: Scenario;
  let commitmentId: string;
  beforeEach(async () => {
    // "Today" is 15 April 2026 in Mataram (WIB); the bank's commitment runs 2025-11-25..2026-06-30.
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    ntb = await ntbScenario(ledger);
    commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await acceptCommitment(ledger, commitmentId);
  });
  afterEach(async () => {
    await ledger.close();
  });

  const report = (overrides: Record<string, unknown> = {}) => ({
    commitmentId,
    periodStart: '2026-01-01',
    periodEnd: '2026-03-31',
    quantityDelivered: 250,
    rupiahDisbursed: 75_000_000,
    narrative: 'PMT tahap 1 disalurkan ke 250 ibu hamil KEK di Kota Mataram.',
    evidence: [PHOTO],
    ...overrides,
  });
  const bank = () => asPartner(ntb.bank, 'csr-officer-bank-ntb');
  const draft = async (overrides: Record<string, unknown> = {}) =>
    (await ledger.http.post('/reports').set(bank()).send(report(overrides)).expect(201)).body.id as string;
  const events = (id: string) => ledger.store.readStream(reportStreamId(id));
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('goes draft -> submitted -> returned -> resubmitted with changes -> accepted, keeping submitter, reviewer and comments', async () => {
    const created = await ledger.http.post('/reports').set(bank()).send(report()).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
    expect(created.headers.location).toBe(`/reports/${created.body.id}`);
    const id = created.body.id;
    const drafted = await ledger.http.get(`/reports/${id}`).expect(200);
    expect(drafted.headers.etag).toBe('"0"');
    expect(drafted.body).toEqual({
      id,
      revision: 0,
      commitmentId,
      forumId: ntb.forumId,
      partnerId: ntb.bank,
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      quantityDelivered: 250,
      rupiahDisbursed: 75_000_000,
      narrative: 'PMT tahap 1 disalurkan ke 250 ibu hamil KEK di Kota Mataram.',
      evidence: [PHOTO],
      status: 'draft',
      submissionNumber: 0,
      submittedBy: null,
      reviewedBy: null,
      returns: [],
    });

    await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(200);
    expect((await ledger.http.get(`/reports/${id}`)).body).toMatchObject({ status: 'submitted', submissionNumber: 1 });

    const comments = 'Lampirkan daftar penerima PMT yang ditandatangani kepala Puskesmas.';
    await ledger.http.post(`/reports/${id}/return`).send({ comments }).expect(200);
    const returned = await ledger.http.get(`/reports/${id}`).expect(200);
    expect(returned.body).toMatchObject({
      status: 'returned',
      reviewedBy: { userId: 'test-secretariat', role: 'secretariat' },
      returns: [{ comments, reviewedBy: { userId: 'test-secretariat', role: 'secretariat' } }],
    });

    await ledger.http
      .post(`/reports/${id}/submission`)
      .set(bank())
      .send({ changes: { quantityDelivered: 248, evidence: [PHOTO, RECEIPTS] } })
      .expect(200);
    const resubmitted = await ledger.http.get(`/reports/${id}`).expect(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', submissionNumber: 2, quantityDelivered: 248, evidence: [PHOTO, RECEIPTS] });

    const accepted = await ledger.http.post(`/reports/${id}/acceptance`).send({}).expect(200);
    const final = await ledger.http.get(`/reports/${id}`).expect(200);
    expect(final.headers.etag).toBe(`"${accepted.body.revision}"`);
    expect(final.body).toMatchObject({
      status: 'accepted',
      submissionNumber: 2,
      submittedBy: { userId: 'csr-officer-bank-ntb', role: 'partner', partnerId: ntb.bank },
      reviewedBy: { userId: 'test-secretariat', role: 'secretariat' },
    });

    const stream = await events(id);
    expect(stream.map((e) => e.type)).toEqual([
      'ReportDrafted',
      'ReportSubmitted',
      'ReportReturned',
      'ReportRevised',
      'ReportSubmitted',
      'ReportAccepted',
    ]);
    expect(stream[3].data).toMatchObject({ changes: { quantityDelivered: 248 }, previous: { quantityDelivered: 250, evidence: [PHOTO] } });
    expect(stream[5].data).toMatchObject({ commitmentId, partnerId: ntb.bank, quantityDelivered: 248, rupiahDisbursed: 75_000_000 });
  });

  it('records the submitter and the reviewer as different actors on the events', async () => {
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(200);
    await ledger.http.post(`/reports/${id}/acceptance`).send({}).expect(200);
    const [drafted, submitted, accepted] = await events(id);
    expect(drafted.metadata.actor).toEqual({ userId: 'csr-officer-bank-ntb', role: 'partner', partnerId: ntb.bank });
    expect(submitted.metadata.actor).toEqual({ userId: 'csr-officer-bank-ntb', role: 'partner', partnerId: ntb.bank });
    expect(submitted.data.submittedBy).toEqual(submitted.metadata.actor);
    expect(accepted.metadata.actor).toEqual({ userId: 'test-secretariat', role: 'secretariat' });
    expect(accepted.data.reviewedBy).toEqual(accepted.metadata.actor);
    expect(accepted.metadata.actor).not.toEqual(submitted.metadata.actor);
  });

  it('accepts an acceptance with no body at all, and refuses unknown fields in it with 400', async () => {
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).expect(200);
    const extra = await ledger.http.post(`/reports/${id}/acceptance`).send({ quantityDelivered: 1 }).expect(400);
    expect(fields(extra)).toEqual(['quantityDelivered']);
    await ledger.http.post(`/reports/${id}/acceptance`).expect(200);
    expect((await ledger.http.get(`/reports/${id}`)).body.status).toBe('accepted');
  });

  it('refuses a report on a pledged commitment that was not accepted yet with 422, and records nothing', async () => {
    const pledged = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    const before = (await ledger.store.readAll()).length;
    const res = await ledger.http.post('/reports').set(bank()).send(report({ commitmentId: pledged })).expect(422);
    expect(res.body).toMatchObject({ status: 422, rule: 'commitment-not-accepted' });
    expect(await ledger.store.readAll()).toHaveLength(before);
  });

  it('refuses a report on an unknown commitment with 422', async () => {
    const res = await ledger.http.post('/reports').set(bank()).send(report({ commitmentId: '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00' })).expect(422);
    expect(res.body.rule).toBe('commitment-not-found');
  });

  it("refuses a partner drafting a report on another partner's commitment exactly as on one that does not exist (422 commitment-not-found)", async () => {
    const before = (await ledger.store.readAll()).length;
    const res = await ledger.http.post('/reports').set(asPartner(ntb.pkk)).send(report()).expect(422);
    expect(res.body).toMatchObject({ status: 422, rule: 'commitment-not-found' });
    expect(await ledger.store.readAll()).toHaveLength(before);
  });

  it('refuses an auditor drafting or reviewing a report with 403 auditor-read-only, and appends nothing', async () => {
    const before = (await ledger.store.readAll()).length;
    const drafting = await ledger.http.post('/reports').set(asAuditor()).send(report()).expect(403);
    expect(drafting.body).toMatchObject({ status: 403, rule: 'auditor-read-only' });
    expect(await ledger.store.readAll()).toHaveLength(before);
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(200);
    const review = await ledger.http.post(`/reports/${id}/acceptance`).set(asAuditor()).send({}).expect(403);
    expect(review.body.rule).toBe('auditor-read-only');
    expect(await events(id)).toHaveLength(2);
  });

  it("a partner cannot submit another partner's report: it is not there for it (404)", async () => {
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(asPartner(ntb.pkk)).send({}).expect(404);
    expect(await events(id)).toHaveLength(1);
  });

  it("refuses a period outside the commitment's term, a reversed period and a period starting in the future with 422", async () => {
    const outside = await ledger.http.post('/reports').set(bank()).send(report({ periodStart: '2026-04-01', periodEnd: '2026-07-31' })).expect(422);
    expect(outside.body.rule).toBe('report-period-outside-commitment-term');
    const before = await ledger.http.post('/reports').set(bank()).send(report({ periodStart: '2025-10-01', periodEnd: '2025-12-31' })).expect(422);
    expect(before.body.rule).toBe('report-period-outside-commitment-term');
    const reversed = await ledger.http.post('/reports').set(bank()).send(report({ periodStart: '2026-03-31', periodEnd: '2026-01-01' })).expect(422);
    expect(reversed.body.rule).toBe('report-period-invalid');
    const future = await ledger.http.post('/reports').set(bank()).send(report({ periodStart: '2026-05-01', periodEnd: '2026-05-31' })).expect(422);
    expect(future.body.rule).toBe('date-in-future');
  });

  it('refuses evidence with a malformed sha256 with 400 naming evidence[0].sha256, and records nothing', async () => {
    const before = (await ledger.store.readAll()).length;
    const res = await ledger.http.post('/reports').set(bank()).send(report({ evidence: [{ ...PHOTO, sha256: 'abc123' }] })).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fields(res)).toEqual(['evidence[0].sha256']);
    const upper = await ledger.http.post('/reports').set(bank()).send(report({ evidence: [PHOTO, { ...RECEIPTS, sha256: 'A'.repeat(64), sizeBytes: -1, mediaType: 'pdf' }] })).expect(400);
    expect(fields(upper)).toEqual(expect.arrayContaining(['evidence[1].sha256', 'evidence[1].sizeBytes', 'evidence[1].mediaType']));
    expect(await ledger.store.readAll()).toHaveLength(before);
  });

  it('bounds the evidence list: at most 50 documents, no document twice', async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ ...PHOTO, name: `foto-${i}.jpg`, sha256: i.toString(16).padStart(64, '0') }));
    const tooMany = await ledger.http.post('/reports').set(bank()).send(report({ evidence: many })).expect(400);
    expect(fields(tooMany)).toContain('evidence');
    const twice = await ledger.http.post('/reports').set(bank()).send(report({ evidence: [PHOTO, { ...PHOTO, name: 'copy.jpg' }] })).expect(400);
    expect(fields(twice)).toContain('evidence');
    await ledger.http.post('/reports').set(bank()).send(report({ evidence: [] })).expect(201);
  });

  it('refuses money as a string, a fraction or a negative, impossible dates and unknown fields with 400 naming each field', async () => {
    for (const rupiahDisbursed of ['75000000', 75_000_000.5, -1]) {
      const res = await ledger.http.post('/reports').set(bank()).send(report({ rupiahDisbursed })).expect(400);
      expect(fields(res)).toEqual(['rupiahDisbursed']);
    }
    const res = await ledger.http
      .post('/reports')
      .set(bank())
      .send(report({ quantityDelivered: 2.5, periodStart: '2026-02-30', periodEnd: '2026-13-01', narrative: '  ', commitmentId: 'c-1', status: 'accepted' }))
      .expect(400);
    expect(fields(res)).toEqual(
      expect.arrayContaining(['quantityDelivered', 'periodStart', 'periodEnd', 'narrative', 'commitmentId', 'status']),
    );
    const changes = await ledger.http
      .post(`/reports/${await draft()}/submission`)
      .set(bank())
      .send({ changes: { rupiahDisbursed: '1', evidence: [{ ...PHOTO, sha256: 'x' }] } })
      .expect(400);
    expect(fields(changes)).toEqual(expect.arrayContaining(['changes.rupiahDisbursed', 'changes.evidence[0].sha256']));
  });

  it('refuses a return without comments with 400', async () => {
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(200);
    const missing = await ledger.http.post(`/reports/${id}/return`).send({}).expect(400);
    expect(fields(missing)).toEqual(['comments']);
    const blank = await ledger.http.post(`/reports/${id}/return`).send({ comments: '   ' }).expect(400);
    expect(fields(blank)).toEqual(['comments']);
    expect(await events(id)).toHaveLength(2);
  });

  it('refuses a partner reviewing a report (accept or return) with 403: review is the secretariat\'s', async () => {
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(200);
    const accept = await ledger.http.post(`/reports/${id}/acceptance`).set(bank()).send({}).expect(403);
    expect(accept.body).toMatchObject({ status: 403, rule: 'review-requires-secretariat' });
    const ret = await ledger.http.post(`/reports/${id}/return`).set(bank()).send({ comments: 'Sudah lengkap' }).expect(403);
    expect(ret.body.rule).toBe('review-requires-secretariat');
    expect(await events(id)).toHaveLength(2);
  });

  it('reviews only submitted reports and submits only drafts or returned reports (422)', async () => {
    const id = await draft();
    const early = await ledger.http.post(`/reports/${id}/acceptance`).send({}).expect(422);
    expect(early.body.rule).toBe('report-not-submitted');
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(200);
    const again = await ledger.http.post(`/reports/${id}/submission`).set(bank()).send({}).expect(422);
    expect(again.body.rule).toBe('report-not-submittable');
    await ledger.http.post(`/reports/${id}/acceptance`).send({}).expect(200);
    const afterAcceptance = await ledger.http.post(`/reports/${id}/return`).send({ comments: 'Terlambat' }).expect(422);
    expect(afterAcceptance.body.rule).toBe('report-not-submitted');
    expect(await events(id)).toHaveLength(3);
  });

  it('answers 404 for an unknown or malformed report id', async () => {
    await ledger.http.get('/reports/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00').expect(404);
    await ledger.http.get('/reports/laporan-1').expect(404);
    const res = await ledger.http.post('/reports/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00/submission').send({}).expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
    await ledger.http.post('/reports/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00/acceptance').expect(404);
  });

  it('refuses a submission at a stale revision (If-Match) with 412, appending nothing', async () => {
    const id = await draft();
    await ledger.http.post(`/reports/${id}/submission`).set(bank()).set('If-Match', '"0"').send({}).expect(200);
    await ledger.http.post(`/reports/${id}/return`).send({ comments: 'Lengkapi bukti' }).expect(200);
    const stale = await ledger.http.post(`/reports/${id}/submission`).set(bank()).set('If-Match', '"1"').send({}).expect(412);
    expect(stale.body).toMatchObject({ status: 412, expectedRevision: 1, currentRevision: 2 });
    expect(await events(id)).toHaveLength(3);
  });

  it('a retried draft under the same Idempotency-Key answers the first response and records one report', async () => {
    const first = await ledger.http.post('/reports').set(bank()).set('Idempotency-Key', 'laporan-q1').send(report()).expect(201);
    const retry = await ledger.http.post('/reports').set(bank()).set('Idempotency-Key', 'laporan-q1').send(report()).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await events(first.body.id)).toHaveLength(1);
    const reports = (await ledger.store.readAll()).filter((e) => e.type === 'ReportDrafted');
    expect(reports).toHaveLength(1);
  });
});
