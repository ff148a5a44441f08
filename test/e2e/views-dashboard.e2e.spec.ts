import { Clock } from '@ikrar/application';
import { act, draftReport, establishForum, headPosition, ntbScenario, pledgeCommitment, recordAgreement, registerPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';

function movableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => void (now = new Date(next)) };
}

/**
 * One forum, five partners, eight commitments (on 15 April 2026, the second quarter):
 * - bank: PMT (stunting) accepted in Dec 2025 with an accepted report for Q1 2026; soap (phbs) pledged.
 * - PKK: Posyandu cadres accepted in Dec 2025, due 31 March (overdue), never reported.
 * - health office: KIA data fulfilled; stunting pledge withdrawn.
 * - IBI (midwives): KB service accepted in Nov 2025 with a submitted report ending 31 Dec 2025; KB training partially fulfilled.
 * - Posyandu cadre forum: Posyandu support accepted on 1 April 2026, not reported yet.
 * Plus the bank's commitment in another forum, which this dashboard must not count.
 */
describe('GET /forums/:id/dashboard (read model)', () => {
  let ledger: TestLedger;
  let clock: ReturnType<typeof movableClock>;
  let ntb: Awaited<ReturnType<typeof ntbScenario>>;
  let ibi: string;
  let kader: string;

  beforeAll(async () => {
    clock = movableClock('2026-04-15T03:00:00Z');
    ledger = await startTestLedger({ clock });
    ntb = await ntbScenario(ledger);
    ibi = await registerPartner(ledger, { name: 'Ikatan Bidan Indonesia NTB', sector: 'professional', regionCode: '52' });
    kader = await registerPartner(ledger, { name: 'Forum Kader Posyandu NTB', sector: 'community', regionCode: '52.71' });
    const second = await recordAgreement(ledger, ntb.forumId, [ibi, kader], { title: 'Kesepakatan layanan KB dan Posyandu' });
    const accept = (id: string, acceptedOn: string) => act(ledger, `/commitments/${id}/acceptance`, { acceptedOn });
    const close = (id: string, outcome: string) => act(ledger, `/commitments/${id}/closure`, { outcome, note: 'Dievaluasi pada rapat forum' });

    const pmt = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await accept(pmt, '2025-12-01');
    const q1 = await draftReport(ledger, pmt);
    await act(ledger, `/reports/${q1}/submission`, {});
    await act(ledger, `/reports/${q1}/acceptance`, {});
    await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, { description: 'Sabun cuci tangan', programme: 'phbs' });

    const cadres = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, { description: 'Kader Posyandu', programme: 'posyandu', dueDate: '2026-03-31', milestones: [] });
    await accept(cadres, '2025-12-01');

    const data = await pledgeCommitment(ledger, ntb.agreementId, ntb.dinkes, { description: 'Data KIA', resourceType: 'data', programme: 'kia', milestones: [] });
    await accept(data, '2025-12-01');
    await close(data, 'fulfilled');
    const withdrawn = await pledgeCommitment(ledger, ntb.agreementId, ntb.dinkes, { description: 'Bantuan stunting' });
    await act(ledger, `/commitments/${withdrawn}/withdrawal`, { reason: 'Anggaran dialihkan' });

    const kb = await pledgeCommitment(ledger, second, ibi, { description: 'Layanan KB pascapersalinan', programme: 'kb', resourceType: 'personnel', milestones: [] });
    await accept(kb, '2025-11-26');
    const q4 = await draftReport(ledger, kb, { periodStart: '2025-11-26', periodEnd: '2025-12-31', quantityDelivered: 40, rupiahDisbursed: 0 });
    await act(ledger, `/reports/${q4}/submission`, {});
    const training = await pledgeCommitment(ledger, second, ibi, { description: 'Pelatihan KB', programme: 'kb', resourceType: 'technical-expertise', milestones: [] });
    await accept(training, '2025-11-26');
    await close(training, 'partially-fulfilled');

    const support = await pledgeCommitment(ledger, second, kader, { description: 'Pendampingan Posyandu', programme: 'posyandu', dueDate: '2026-09-30', milestones: [] });
    await accept(support, '2026-04-01');

    const otherForum = await establishForum(ledger, ntb.dinkes, { name: 'Forum KB Kota Mataram' });
    const otherAgreement = await recordAgreement(ledger, otherForum, [ntb.bank]);
    await pledgeCommitment(ledger, otherAgreement, ntb.bank, { programme: 'ckg' });
  });
  afterAll(async () => {
    await ledger.close();
  });
  beforeEach(() => clock.set('2026-04-15T03:00:00Z'));

  async function dashboard(forumId: string, expected = 200) {
    return ledger.http.get(`/forums/${forumId}/dashboard?minPosition=${await headPosition(ledger)}`).expect(expected);
  }

  it("counts the forum's commitments by status, programme and partner sector", async () => {
    const { body } = await dashboard(ntb.forumId);
    expect(body).toMatchObject({ forumId: ntb.forumId, forumName: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB', asOf: '2026-04-15' });
    expect(body.totalCommitments).toBe(8);
    expect(body.overdueCommitments).toBe(1);
    expect(body.byStatus).toEqual({ pledged: 1, accepted: 4, withdrawn: 1, cancelled: 0, fulfilled: 1, 'partially-fulfilled': 1 });
    expect(body.byProgramme).toEqual({ stunting: 2, kb: 2, ckg: 0, kia: 1, phbs: 1, posyandu: 2, other: 0 });
    expect(body.bySector).toEqual({ government: 2, business: 2, academia: 0, community: 1, media: 0, professional: 2, womens: 1 });
  });

  it('computes the fulfilment rate as fulfilled over closed plus overdue', async () => {
    // 1 fulfilled / (1 fulfilled + 1 partially fulfilled + 1 overdue) = 1/3.
    const { body } = await dashboard(ntb.forumId);
    expect(body.fulfilment).toEqual({ fulfilled: 1, partiallyFulfilled: 1, overdue: 1, rate: 0.3333 });
    expect(body.fulfilmentRate).toBe(0.3333);
  });

  it("gives each partner a reporting light by the quarter of its latest report", async () => {
    const { body } = await dashboard(ntb.forumId);
    expect(body.partners).toEqual([
      { partnerId: ntb.dinkes, partnerName: 'Dinas Kesehatan Provinsi NTB', partnerSector: 'government', light: 'inactive', lastReportPeriodEnd: null, commitments: 2, openCommitments: 0 },
      { partnerId: kader, partnerName: 'Forum Kader Posyandu NTB', partnerSector: 'community', light: 'green', lastReportPeriodEnd: null, commitments: 1, openCommitments: 1 },
      { partnerId: ibi, partnerName: 'Ikatan Bidan Indonesia NTB', partnerSector: 'professional', light: 'yellow', lastReportPeriodEnd: '2025-12-31', commitments: 2, openCommitments: 1 },
      { partnerId: ntb.bank, partnerName: 'PT Bank NTB Syariah', partnerSector: 'business', light: 'green', lastReportPeriodEnd: '2026-03-31', commitments: 2, openCommitments: 2 },
      { partnerId: ntb.pkk, partnerName: 'TP PKK Provinsi NTB', partnerSector: 'womens', light: 'red', lastReportPeriodEnd: null, commitments: 1, openCommitments: 1 },
    ]);
  });

  it('turns lights and the fulfilment rate as quarters pass, without any new event', async () => {
    clock.set('2026-07-15T03:00:00Z');
    const { body } = await dashboard(ntb.forumId);
    const lights = Object.fromEntries(body.partners.map((p: { partnerId: string; light: string }) => [p.partnerId, p.light]));
    // Q3 2026: the bank's Q1 report is two quarters back, IBI's Q4 2025 report three; the cadres were accepted last quarter.
    expect(lights).toEqual({ [ntb.dinkes]: 'inactive', [kader]: 'green', [ibi]: 'red', [ntb.bank]: 'yellow', [ntb.pkk]: 'red' });
    // Now overdue: PMT, soap and KB service (due 30 June) and the cadres: 1 / (1 + 1 + 4).
    expect(body.fulfilment).toEqual({ fulfilled: 1, partiallyFulfilled: 1, overdue: 4, rate: 0.1667 });
  });

  it('answers an empty dashboard for a forum without commitments, with no fulfilment rate', async () => {
    const forum = await establishForum(ledger, ntb.dinkes, { name: 'Forum Kemitraan Kabupaten Lombok Barat', regionCode: '52.01' });
    const { body } = await dashboard(forum);
    expect(body).toMatchObject({ totalCommitments: 0, overdueCommitments: 0, fulfilmentRate: null, partners: [] });
    expect(body.byStatus.pledged).toBe(0);
  });

  it('answers 404 for an unknown forum', async () => {
    await dashboard(UNKNOWN_ID, 404);
    await ledger.http.get('/forums/forum-ntb/dashboard').expect(404);
  });

  it('refuses unknown query parameters with 400', async () => {
    const res = await ledger.http.get(`/forums/${ntb.forumId}/dashboard?programme=kb`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['programme']);
  });
});
