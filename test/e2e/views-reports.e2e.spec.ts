import { act, acceptCommitment, asPartner, draftReport, establishForum, headPosition, ntbScenario, pledgeCommitment, recordAgreement } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

type Item = { id: string; status: string; submittedAt: string | null; draftedAt: string };

describe('GET /reports: the review queue (read model)', () => {
  let ledger: TestLedger;
  let ntb: Awaited<ReturnType<typeof ntbScenario>>;
  let otherForum: string;
  const r: Record<string, string> = {};

  beforeAll(async () => {
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    ntb = await ntbScenario(ledger);
    const bankCommitment = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await acceptCommitment(ledger, bankCommitment);
    const pkkCommitment = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, { description: 'Kader Posyandu', programme: 'posyandu' });
    await acceptCommitment(ledger, pkkCommitment);
    otherForum = await establishForum(ledger, ntb.dinkes, { name: 'Forum KB Kota Mataram' });
    const otherAgreement = await recordAgreement(ledger, otherForum, [ntb.bank]);
    const otherCommitment = await pledgeCommitment(ledger, otherAgreement, ntb.bank, { programme: 'kb' });
    await acceptCommitment(ledger, otherCommitment);

    const bank = asPartner(ntb.bank);
    const pkk = asPartner(ntb.pkk);
    const submit = (id: string, headers: Record<string, string>) => act(ledger, `/reports/${id}/submission`, {}, headers);
    // Submitted in this order: bank's first, then PKK's, then the bank's in the other forum.
    r.bankFirst = await draftReport(ledger, bankCommitment, {}, bank);
    await submit(r.bankFirst, bank);
    r.pkk = await draftReport(ledger, pkkCommitment, { quantityDelivered: 12, rupiahDisbursed: 0 }, pkk);
    await submit(r.pkk, pkk);
    r.otherForum = await draftReport(ledger, otherCommitment, {}, bank);
    await submit(r.otherForum, bank);
    // Not waiting for review: a draft, a returned report and an accepted one.
    r.draft = await draftReport(ledger, bankCommitment, { periodStart: '2026-04-01', periodEnd: '2026-04-14' }, bank);
    r.returned = await draftReport(ledger, pkkCommitment, { periodStart: '2025-12-01', periodEnd: '2025-12-31' }, pkk);
    await submit(r.returned, pkk);
    await act(ledger, `/reports/${r.returned}/return`, { comments: 'Tambahkan daftar hadir kader.' });
    r.accepted = await draftReport(ledger, bankCommitment, { periodStart: '2025-11-25', periodEnd: '2025-12-31' }, bank);
    await submit(r.accepted, bank);
    await act(ledger, `/reports/${r.accepted}/acceptance`, {});
  });
  afterAll(async () => {
    await ledger.close();
  });

  async function queue(query: Record<string, string | number> = {}, expected = 200) {
    const params = new URLSearchParams({ minPosition: String(await headPosition(ledger)), ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    return ledger.http.get(`/reports?${params}`).expect(expected);
  }
  const ids = (items: Item[]) => items.map((item) => item.id);
  const names = (items: Item[]) => items.map((item) => Object.keys(r).find((name) => r[name] === item.id)).sort();
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('lists the submitted reports, oldest submission first', async () => {
    const { body } = await queue();
    expect(ids(body.items)).toEqual([r.bankFirst, r.pkk, r.otherForum]);
    expect(body.nextCursor).toBeNull();
    const submittedAt = body.items.map((item: Item) => item.submittedAt);
    expect([...submittedAt].sort()).toEqual(submittedAt);
    expect(body.items[0]).toEqual({
      id: r.bankFirst,
      revision: 1,
      position: expect.any(Number),
      commitmentId: expect.any(String),
      forumId: ntb.forumId,
      partnerId: ntb.bank,
      partnerName: 'PT Bank NTB Syariah',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      quantityDelivered: 250,
      rupiahDisbursed: 75_000_000,
      narrative: 'PMT tahap 1 disalurkan ke 250 ibu hamil KEK di Kota Mataram.',
      evidenceCount: 0,
      status: 'submitted',
      submissionNumber: 1,
      draftedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      submittedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      reviewedAt: null,
      lastReturnComments: null,
    });
  });

  it.each([
    ['forumId', () => ({ forumId: ntb.forumId }), ['bankFirst', 'pkk']],
    ['forumId (other forum)', () => ({ forumId: otherForum }), ['otherForum']],
    ['partnerId', () => ({ partnerId: ntb.pkk }), ['pkk']],
    ['status=draft', () => ({ status: 'draft' }), ['draft']],
    ['status=returned', () => ({ status: 'returned' }), ['returned']],
    ['status=accepted', () => ({ status: 'accepted' }), ['accepted']],
    ['status=draft,returned', () => ({ status: 'draft,returned' }), ['draft', 'returned']],
    ['status and partnerId', () => ({ status: 'submitted,accepted', partnerId: ntb.bank }), ['accepted', 'bankFirst', 'otherForum']],
  ])('filters by %s', async (_name, query, expected) => {
    expect(names((await queue(query())).body.items)).toEqual(expected);
  });

  it('pages through every report with a small limit, visiting each exactly once in order', async () => {
    const status = 'draft,submitted,returned,accepted';
    const all = ids((await queue({ status })).body.items);
    expect(all).toHaveLength(6);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await queue({ status, limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...ids(res.body.items));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(seen).toEqual(all);
    expect(pages).toBeGreaterThanOrEqual(6);
  });

  it('moves a resubmitted report to the back of the queue', async () => {
    await act(ledger, `/reports/${r.returned}/submission`, { changes: { narrative: 'Daftar hadir kader terlampir.' } }, asPartner(ntb.pkk));
    const { body } = await queue();
    expect(ids(body.items)).toEqual([r.bankFirst, r.pkk, r.otherForum, r.returned]);
    expect(body.items[3]).toMatchObject({ submissionNumber: 2, lastReturnComments: 'Tambahkan daftar hadir kader.' });
  });

  it.each([
    ['an unknown status', 'status=pending', 'status'],
    ['a repeated status', 'status=draft&status=submitted', 'status'],
    ['an operator-shaped status', 'status[$ne]=submitted', 'status[$ne]'],
    ['a forum id that is not a UUID', 'forumId=ntb', 'forumId'],
    ['a partner id that is not a UUID', 'partnerId=1', 'partnerId'],
    ['an unknown parameter', 'sort=submittedAt', 'sort'],
    ['a limit too large', 'limit=500', 'limit'],
    ['a garbled cursor', 'cursor=eyJub3QiOiJ5b3VycyJ9', 'cursor'],
  ])('refuses %s with 400', async (_name, query, field) => {
    const res = await ledger.http.get(`/reports?${query}`).expect(400);
    expect(fields(res)).toEqual([field]);
  });

  it('keeps GET /reports/:id answering from the event stream', async () => {
    await ledger.http.get(`/reports/${r.pkk}`).expect(200);
  });
});
