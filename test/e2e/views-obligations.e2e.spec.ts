import { act, acceptCommitment, asPartner, draftReport, headPosition, ntbScenario, pledgeCommitment } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';

describe('GET /partners/:id/obligations (read model)', () => {
  let ledger: TestLedger;
  let ntb: Awaited<ReturnType<typeof ntbScenario>>;
  const c: Record<string, string> = {};
  const r: Record<string, string> = {};

  // "Today" is 15 April 2026 (WIB): due soon means due 2026-04-15 .. 2026-05-15.
  beforeAll(async () => {
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    ntb = await ntbScenario(ledger);
    const bank = asPartner(ntb.bank);
    const accept = (id: string, acceptedOn: string) => act(ledger, `/commitments/${id}/acceptance`, { acceptedOn });
    // Active: 500 paket, Rp150.000.000, due 30 June; one accepted report (250, Rp75.000.000).
    c.pmt = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await accept(c.pmt, '2025-12-01');
    // Active and overdue: 100 paket, Rp20.000.000, due 1 April; its report is submitted, not accepted.
    c.soap = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {
      description: 'Sabun cuci tangan untuk sekolah dasar',
      quantity: 100,
      unit: 'paket',
      valueRupiah: 20_000_000,
      programme: 'phbs',
      dueDate: '2026-04-01',
      milestones: [],
    });
    await accept(c.soap, '2025-12-01');
    // Active, due exactly 30 days from today: 10 poster sets, Rp1.000.000.
    c.posters = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {
      description: 'Poster PHBS untuk Puskesmas',
      quantity: 10,
      unit: 'set',
      valueRupiah: 1_000_000,
      programme: 'phbs',
      dueDate: '2026-05-15',
    });
    await acceptCommitment(ledger, c.posters);
    // Pledged only, due in 25 days: due soon, but not active and not in the totals.
    c.scales = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {
      description: 'Timbangan bayi untuk Posyandu',
      quantity: 50,
      unit: 'unit',
      valueRupiah: 30_000_000,
      programme: 'posyandu',
      dueDate: '2026-05-10',
      milestones: [],
    });
    // Pledged only, due in 31 days: not due soon.
    c.later = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, { description: 'Leaflet gizi', dueDate: '2026-05-16', milestones: [] });
    // Withdrawn: nowhere.
    c.withdrawn = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, { description: 'Ambulans desa', dueDate: '2026-01-31', milestones: [] });
    await act(ledger, `/commitments/${c.withdrawn}/withdrawal`, { reason: 'Dialihkan ke Dinas Perhubungan' });
    // Another partner's overdue commitment and submitted report: not the bank's.
    c.pkk = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, { description: 'Kader Posyandu', dueDate: '2026-03-31', milestones: [] });
    await accept(c.pkk, '2025-12-01');
    const pkkReport = await draftReport(ledger, c.pkk, { periodStart: '2026-01-01', periodEnd: '2026-03-31', quantityDelivered: 1, rupiahDisbursed: 0 });
    await act(ledger, `/reports/${pkkReport}/submission`, {});

    r.accepted = await draftReport(ledger, c.pmt, {}, bank);
    await act(ledger, `/reports/${r.accepted}/submission`, {}, bank);
    await act(ledger, `/reports/${r.accepted}/acceptance`, {});
    r.submitted = await draftReport(ledger, c.soap, { periodStart: '2025-12-01', periodEnd: '2026-03-31', quantityDelivered: 40, rupiahDisbursed: 8_000_000 }, bank);
    await act(ledger, `/reports/${r.submitted}/submission`, {}, bank);
    r.draft = await draftReport(ledger, c.pmt, { periodStart: '2026-04-01', periodEnd: '2026-04-10', quantityDelivered: 10, rupiahDisbursed: 1_000_000 }, bank);
    r.returned = await draftReport(ledger, c.pmt, { periodStart: '2025-12-01', periodEnd: '2025-12-31', quantityDelivered: 20, rupiahDisbursed: 2_000_000 }, bank);
    await act(ledger, `/reports/${r.returned}/submission`, {}, bank);
    await act(ledger, `/reports/${r.returned}/return`, { comments: 'Lampirkan berita acara serah terima.' });
  });
  afterAll(async () => {
    await ledger.close();
  });

  const ids = (items: { id: string }[]) => items.map((item) => item.id);
  async function obligations(partnerId: string, expected = 200) {
    return ledger.http.get(`/partners/${partnerId}/obligations?minPosition=${await headPosition(ledger)}`).expect(expected);
  }

  it("lists the partner's active, due-soon and overdue commitments and the reports waiting on each side", async () => {
    const { body } = await obligations(ntb.bank);
    expect(body.partnerId).toBe(ntb.bank);
    expect(body.partnerName).toBe('PT Bank NTB Syariah');
    expect(body.asOf).toBe('2026-04-15');
    expect(ids(body.activeCommitments)).toEqual([c.soap, c.posters, c.pmt]);
    expect(ids(body.dueWithin30Days)).toEqual([c.scales, c.posters]);
    expect(ids(body.overdue)).toEqual([c.soap]);
    expect(body.overdue[0]).toMatchObject({ overdue: true, status: 'accepted', dueDate: '2026-04-01' });
    expect(ids(body.reportsAwaitingAction)).toEqual([r.returned, r.draft]);
    expect(body.reportsAwaitingAction[0]).toMatchObject({ status: 'returned', lastReturnComments: 'Lampirkan berita acara serah terima.', partnerId: ntb.bank });
    expect(body.reportsAwaitingAction[1]).toMatchObject({ status: 'draft', submittedAt: null });
    expect(ids(body.reportsAwaitingReview)).toEqual([r.submitted]);
    expect(body.reportsAwaitingReview[0]).toMatchObject({ status: 'submitted', submissionNumber: 1, quantityDelivered: 40, rupiahDisbursed: 8_000_000 });
  });

  it('totals pledged against delivered and disbursed over the active commitments, counting accepted reports only', async () => {
    const { body } = await obligations(ntb.bank);
    // Active: 500 + 100 + 10 paket/set, Rp150.000.000 + Rp20.000.000 + Rp1.000.000;
    // delivered: only the accepted report (250, Rp75.000.000); the submitted one (40, Rp8.000.000) does not count yet.
    expect(body.totals).toEqual({ pledgedQuantity: 610, deliveredQuantity: 250, pledgedRupiah: 171_000_000, disbursedRupiah: 75_000_000 });
    const pmt = body.activeCommitments.find((item: { id: string }) => item.id === c.pmt);
    expect(pmt).toMatchObject({ quantityDelivered: 250, rupiahDisbursed: 75_000_000, reportsAccepted: 1, lastReportPeriodEnd: '2026-03-31' });
  });

  it('answers empty lists and zero totals for a registered partner with no commitments', async () => {
    const { body } = await obligations(ntb.dinkes);
    expect(body).toEqual({
      partnerId: ntb.dinkes,
      partnerName: 'Dinas Kesehatan Provinsi NTB',
      asOf: '2026-04-15',
      activeCommitments: [],
      dueWithin30Days: [],
      overdue: [],
      reportsAwaitingAction: [],
      reportsAwaitingReview: [],
      totals: { pledgedQuantity: 0, deliveredQuantity: 0, pledgedRupiah: 0, disbursedRupiah: 0 },
    });
  });

  it('answers 404 for a partner that is not registered, or an id that is not a UUID', async () => {
    const unknown = await obligations(UNKNOWN_ID, 404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, type: 'urn:ikrar:problem:not-found' });
    await ledger.http.get('/partners/bank-ntb/obligations').expect(404);
  });

  it('refuses unknown and malformed query parameters with 400', async () => {
    const unknown = await ledger.http.get(`/partners/${ntb.bank}/obligations?asOf=2026-01-01`).expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['asOf']);
    const operator = await ledger.http.get(`/partners/${ntb.bank}/obligations?minPosition[$gt]=1`).expect(400);
    expect(operator.body.errors.map((e: { field: string }) => e.field)).toEqual(['minPosition[$gt]']);
    const bad = await ledger.http.get(`/partners/${ntb.bank}/obligations?minPosition=abc`).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['minPosition']);
  });

  it('shows a new report at once when asked with the position its draft answered', async () => {
    const drafted = await ledger.http
      .post('/reports')
      .set(asPartner(ntb.bank))
      .send({ commitmentId: c.posters, periodStart: '2026-04-01', periodEnd: '2026-04-14', quantityDelivered: 5, rupiahDisbursed: 500_000, narrative: 'Poster dicetak.', evidence: [] })
      .expect(201);
    const { body } = await ledger.http.get(`/partners/${ntb.bank}/obligations?minPosition=${drafted.body.position}`).expect(200);
    expect(ids(body.reportsAwaitingAction)).toContain(drafted.body.id);
  });
});
