import request from 'supertest';
import {
  act,
  acceptCommitment,
  asPartner,
  draftReport,
  establishForum,
  headPosition,
  pledgeCommitment,
  recordAgreement,
  registerPartner,
} from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

const CONTACT = { email: 'csr.officer@bankntb.example', phone: '+62 812 3456 7890' };
/** Narratives may name beneficiaries: the public must never see them. */
const NARRATIVE_ACCEPTED = 'PMT diterima Ibu Siti Aminah (Ampenan) dan 249 ibu hamil KEK lainnya.';
const NARRATIVE_DRAFT = 'Draf: penyaluran tahap 2 ke Ibu Baiq Nurul, belum diverifikasi.';
const NARRATIVE_RETURNED = 'Kader posyandu dilatih di rumah Bapak Lalu Ahmad.';
const RETURN_COMMENTS = 'Lampirkan berita acara serah terima.';
const EVIDENCE = { name: 'berita-acara.pdf', sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', mediaType: 'application/pdf', sizeBytes: 48_211 };

/**
 * The public views: anonymous readers (masyarakat) see what a forum published, and only that.
 * A commitment is published once accepted; a report summary once accepted.
 */
describe('GET /public/... (anonymous, read models)', () => {
  let ledger: TestLedger;
  let anonymous: ReturnType<typeof request>;
  const p: Record<string, string> = {};
  /** Commitments by name; see `beforeAll`. */
  const c: Record<string, string> = {};
  /** Reports by name. */
  const r: Record<string, string> = {};
  let ntbForum: string;
  let otherForum: string;
  let emptyForum: string;

  beforeAll(async () => {
    // "Today" is 15 April 2026 in Mataram (WIB).
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    anonymous = request(ledger.app.getHttpServer());
    p.dinkes = await registerPartner(ledger);
    p.bank = await registerPartner(ledger, { name: 'PT Bank NTB Syariah', sector: 'business', regionCode: '52.71', contact: CONTACT });
    p.pkk = await registerPartner(ledger, { name: 'TP PKK Provinsi NTB', sector: 'womens', regionCode: '52' });
    ntbForum = await establishForum(ledger, p.dinkes);
    const agreement = await recordAgreement(ledger, ntbForum, [p.dinkes, p.bank, p.pkk]);
    const bank = asPartner(p.bank);
    const pkk = asPartner(p.pkk);

    // accepted: the bank's PMT funds, accepted, with two accepted reports, a draft and (on pkkAccepted) a returned one.
    c.accepted = await pledgeCommitment(ledger, agreement, p.bank);
    await acceptCommitment(ledger, c.accepted);
    // Q1 2026: returned once, resubmitted with evidence, accepted.
    r.q1 = await draftReport(ledger, c.accepted, { narrative: NARRATIVE_ACCEPTED }, bank);
    await act(ledger, `/reports/${r.q1}/submission`, {}, bank);
    await act(ledger, `/reports/${r.q1}/return`, { comments: RETURN_COMMENTS });
    await act(ledger, `/reports/${r.q1}/submission`, { changes: { evidence: [EVIDENCE] } }, bank);
    await act(ledger, `/reports/${r.q1}/acceptance`, {});
    // December 2025: accepted after Q1, yet listed first (oldest period first).
    r.dec = await draftReport(ledger, c.accepted, { periodStart: '2025-12-01', periodEnd: '2025-12-31', quantityDelivered: 50, rupiahDisbursed: 15_000_000 }, bank);
    await act(ledger, `/reports/${r.dec}/submission`, {}, bank);
    await act(ledger, `/reports/${r.dec}/acceptance`, {});
    // April 2026: a draft, and a submitted one awaiting review; neither is published.
    r.draft = await draftReport(ledger, c.accepted, { periodStart: '2026-04-01', periodEnd: '2026-04-14', quantityDelivered: 99, narrative: NARRATIVE_DRAFT }, bank);
    r.submitted = await draftReport(ledger, c.accepted, { periodStart: '2026-04-01', periodEnd: '2026-04-10', quantityDelivered: 77 }, bank);
    await act(ledger, `/reports/${r.submitted}/submission`, {}, bank);

    // pkkAccepted: PKK's cadres, accepted, with only a returned report.
    c.pkkAccepted = await pledgeCommitment(ledger, agreement, p.pkk, {
      description: 'Pelatihan kader Posyandu',
      resourceType: 'personnel',
      programme: 'posyandu',
      quantity: 40,
      unit: 'kader',
      valueRupiah: 10_000_000,
      dueDate: '2026-05-31',
      milestones: [],
    });
    await acceptCommitment(ledger, c.pkkAccepted);
    r.returned = await draftReport(ledger, c.pkkAccepted, { quantityDelivered: 12, rupiahDisbursed: 0, narrative: NARRATIVE_RETURNED }, pkk);
    await act(ledger, `/reports/${r.returned}/submission`, {}, pkk);
    await act(ledger, `/reports/${r.returned}/return`, { comments: RETURN_COMMENTS });

    // pledged: never accepted. withdrawnPledge: withdrawn before acceptance. Neither is published.
    c.pledged = await pledgeCommitment(ledger, agreement, p.pkk, { description: 'Penyuluhan gizi (belum disepakati)', valueRupiah: 7_000_000, milestones: [] });
    c.withdrawnPledge = await pledgeCommitment(ledger, agreement, p.bank, { description: 'Ambulans desa (ditarik)', valueRupiah: 300_000_000, milestones: [] });
    await act(ledger, `/commitments/${c.withdrawnPledge}/withdrawal`, { reason: 'Anggaran CSR dialihkan' }, bank);

    // Published, then closed: fulfilled; cancelled and withdrawn after acceptance (still published, with their status now).
    c.fulfilled = await pledgeCommitment(ledger, agreement, p.bank, { description: 'Makanan tambahan balita', valueRupiah: 80_000_000, dueDate: '2026-01-31', milestones: [] });
    await acceptCommitment(ledger, c.fulfilled);
    await act(ledger, `/commitments/${c.fulfilled}/closure`, { outcome: 'fulfilled', note: 'Seluruh paket tersalurkan' });
    c.cancelled = await pledgeCommitment(ledger, agreement, p.dinkes, {
      description: 'Data ibu hamil KEK per Puskesmas',
      resourceType: 'data',
      programme: 'kia',
      valueRupiah: 0,
      dueDate: '2026-02-28',
      milestones: [],
    });
    await acceptCommitment(ledger, c.cancelled);
    await act(ledger, `/commitments/${c.cancelled}/cancellation`, { reason: 'Data sudah tersedia di SIMPUS' });
    c.withdrawnLater = await pledgeCommitment(ledger, agreement, p.bank, { description: 'Timbangan bayi digital', valueRupiah: 25_000_000, dueDate: '2026-09-30', milestones: [] });
    await acceptCommitment(ledger, c.withdrawnLater);
    await act(ledger, `/commitments/${c.withdrawnLater}/withdrawal`, { reason: 'Pengadaan dialihkan ke APBD' }, bank);

    // Another forum with its own published commitment, and a forum with nothing published.
    otherForum = await establishForum(ledger, p.dinkes, { name: 'Forum KB Kota Mataram', regionCode: '52.71', programmes: ['kb', 'ckg'] });
    const otherAgreement = await recordAgreement(ledger, otherForum, [p.bank]);
    c.otherForum = await pledgeCommitment(ledger, otherAgreement, p.bank, { description: 'Pemeriksaan kesehatan gratis', programme: 'ckg', valueRupiah: 40_000_000 });
    await acceptCommitment(ledger, c.otherForum);
    emptyForum = await establishForum(ledger, p.dinkes, { name: 'Forum Kemitraan Kabupaten Bangka Selatan', regionCode: '19.03', programmes: ['kb'] });
  });
  afterAll(async () => {
    await ledger.close();
  });

  /** An anonymous GET (no auth headers at all), waiting for everything written so far. */
  async function get(path: string, query: Record<string, string | number> = {}, expected = 200) {
    const params = new URLSearchParams({ minPosition: String(await headPosition(ledger)), ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    return anonymous.get(`${path}?${params}`).expect(expected);
  }
  const names = (items: { id: string }[]) => items.map((item) => Object.keys(c).find((name) => c[name] === item.id) ?? item.id).sort();
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
  /** Every response body must be free of what the public may never see. */
  function expectNothingPrivate(body: unknown) {
    const text = JSON.stringify(body);
    for (const secret of [CONTACT.email, CONTACT.phone, NARRATIVE_ACCEPTED, NARRATIVE_DRAFT, NARRATIVE_RETURNED, RETURN_COMMENTS]) expect(text).not.toContain(secret);
    for (const key of ['contact', 'narrative', 'lastReturnComments', 'secretariatPartnerId', 'agreementId', 'actor', 'userId', 'idempotencyKey', 'revision', 'position', 'pledgedAt', 'evidence']) {
      expect(text).not.toContain(`"${key}"`);
    }
  }

  describe('forums', () => {
    it('lists every forum by name with its id, name, region and programmes only', async () => {
      const { body } = await get('/public/forums');
      expect(body).toEqual({
        items: [
          { id: otherForum, name: 'Forum KB Kota Mataram', regionCode: '52.71', programmes: ['kb', 'ckg'] },
          { id: emptyForum, name: 'Forum Kemitraan Kabupaten Bangka Selatan', regionCode: '19.03', programmes: ['kb'] },
          { id: ntbForum, name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB', regionCode: '52', programmes: ['stunting', 'phbs', 'posyandu'] },
        ],
        nextCursor: null,
      });
    });

    it('pages through the forums with a cursor, each exactly once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await get('/public/forums', { limit: 1, ...(cursor ? { cursor } : {}) });
        expect(res.body.items.length).toBeLessThanOrEqual(1);
        seen.push(...res.body.items.map((f: { id: string }) => f.id));
        cursor = res.body.nextCursor;
      } while (cursor !== null && seen.length < 10);
      expect(seen).toEqual([otherForum, emptyForum, ntbForum]);
    });

    it('shows a forum with the totals of its published commitments only', async () => {
      const { body } = await get(`/public/forums/${ntbForum}`);
      expect(body).toEqual({
        id: ntbForum,
        name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
        regionCode: '52',
        programmes: ['stunting', 'phbs', 'posyandu'],
        totals: {
          // accepted, pkkAccepted, fulfilled, cancelled, withdrawnLater; not the pledge nor the withdrawn pledge.
          commitments: 5,
          byStatus: { accepted: 2, fulfilled: 1, 'partially-fulfilled': 0, withdrawn: 1, cancelled: 1 },
          // A withdrawn or cancelled commitment is no longer pledged.
          pledgedRupiah: 150_000_000 + 10_000_000 + 80_000_000,
          // The two accepted reports only: not the draft, the submitted or the returned one.
          quantityDelivered: 250 + 50,
          rupiahDisbursed: 75_000_000 + 15_000_000,
        },
      });
      expectNothingPrivate(body);
    });

    it('shows a forum that published nothing with zero totals', async () => {
      const { body } = await get(`/public/forums/${emptyForum}`);
      expect(body.totals).toEqual({
        commitments: 0,
        byStatus: { accepted: 0, fulfilled: 0, 'partially-fulfilled': 0, withdrawn: 0, cancelled: 0 },
        pledgedRupiah: 0,
        quantityDelivered: 0,
        rupiahDisbursed: 0,
      });
    });

    it.each([
      ['an unknown forum', '/public/forums/7d7a3c1e-5f0b-4c4e-9d61-2f4f0c9a1b23'],
      ['an id that is not a UUID', '/public/forums/ntb'],
      ["an unknown forum's commitments", '/public/forums/7d7a3c1e-5f0b-4c4e-9d61-2f4f0c9a1b23/commitments'],
    ])('answers 404 for %s', async (_name, path) => {
      const res = await get(path, {}, 404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe("a forum's published commitments", () => {
    it('lists only commitments the forum accepted, with their status as it is now, soonest due first', async () => {
      const { body } = await get(`/public/forums/${ntbForum}/commitments`);
      expect(body.items.map((i: { id: string }) => i.id)).toEqual([c.fulfilled, c.cancelled, c.pkkAccepted, c.accepted, c.withdrawnLater]);
      expect(body.nextCursor).toBeNull();
      expect(body.items.map((i: { status: string }) => i.status)).toEqual(['fulfilled', 'cancelled', 'accepted', 'accepted', 'withdrawn']);
    });

    it('never lists a pledge that was not accepted, nor a pledge withdrawn before acceptance, nor another forum', async () => {
      const listed = (await get(`/public/forums/${ntbForum}/commitments`)).body.items.map((i: { id: string }) => i.id);
      expect(listed).not.toContain(c.pledged);
      expect(listed).not.toContain(c.withdrawnPledge);
      expect(listed).not.toContain(c.otherForum);
      expect(names((await get(`/public/forums/${otherForum}/commitments`)).body.items)).toEqual(['otherForum']);
      expect((await get(`/public/forums/${emptyForum}/commitments`)).body).toEqual({ items: [], nextCursor: null });
    });

    it('shows each commitment with its public fields only', async () => {
      const { body } = await get(`/public/forums/${ntbForum}/commitments`);
      expect(body.items.find((i: { id: string }) => i.id === c.accepted)).toEqual({
        id: c.accepted,
        partnerId: p.bank,
        partnerName: 'PT Bank NTB Syariah',
        partnerSector: 'business',
        description: 'Dana CSR untuk makanan tambahan ibu hamil KEK',
        resourceType: 'funds',
        quantity: 500,
        unit: 'paket PMT',
        valueRupiah: 150_000_000,
        regionCode: '52.71',
        programme: 'stunting',
        startDate: '2025-11-25',
        dueDate: '2026-06-30',
        status: 'accepted',
        acceptedOn: '2026-04-15',
        closedOn: null,
        outcome: null,
        quantityDelivered: 300,
        rupiahDisbursed: 90_000_000,
        reportsAccepted: 2,
      });
      expect(body.items.find((i: { id: string }) => i.id === c.fulfilled)).toMatchObject({ status: 'fulfilled', outcome: 'fulfilled', closedOn: expect.any(String) });
      expectNothingPrivate(body);
    });

    it.each([
      ['status', 'accepted', ['accepted', 'pkkAccepted']],
      ['status', 'fulfilled,cancelled', ['cancelled', 'fulfilled']],
      ['status', 'withdrawn', ['withdrawnLater']],
      ['programme', 'posyandu', ['pkkAccepted']],
      ['programme', 'stunting', ['accepted', 'fulfilled', 'withdrawnLater']],
      ['partnerId', 'pkk', ['pkkAccepted']],
      ['partnerId', 'bank', ['accepted', 'fulfilled', 'withdrawnLater']],
    ])('filters by %s=%s, still published only', async (param, value, expected) => {
      const query = { [param]: param === 'partnerId' ? p[value] : value };
      expect(names((await get(`/public/forums/${ntbForum}/commitments`, query)).body.items)).toEqual(expected);
    });

    it('pages through them with a cursor, visiting each exactly once in order', async () => {
      const all = (await get(`/public/forums/${ntbForum}/commitments`)).body.items.map((i: { id: string }) => i.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(`/public/forums/${ntbForum}/commitments`, { limit: 3, ...(cursor ? { cursor } : {}) });
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor !== null && pages < 10);
      expect(pages).toBe(2);
      expect(seen).toEqual(all);
    });

    describe('refuses bad filter values with 400 naming the parameter', () => {
      it.each([
        ['a status that is never published', 'status=pledged', 'status'],
        ['an unknown status', 'status=overdue', 'status'],
        ['a repeated status', 'status=accepted&status=fulfilled', 'status'],
        ['an unknown programme', 'programme=malaria', 'programme'],
        ['a partner id that is not a UUID', 'partnerId=bank-ntb', 'partnerId'],
        ['a limit over 200', 'limit=201', 'limit'],
        ['a garbled cursor', 'cursor=abc', 'cursor'],
        ['an unknown parameter', 'narrative=x', 'narrative'],
        ['an operator-shaped parameter', 'acceptedOn[$eq]=', 'acceptedOn[$eq]'],
        ['a negative minPosition', 'minPosition=-1', 'minPosition'],
      ])('%s', async (_name, query, field) => {
        const res = await anonymous.get(`/public/forums/${ntbForum}/commitments?${query}`).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(fields(res)).toEqual([field]);
      });
    });
  });

  describe('one published commitment', () => {
    it('shows its milestones and its accepted report summaries, oldest period first', async () => {
      const { body } = await get(`/public/commitments/${c.accepted}`);
      expect(body).toMatchObject({ id: c.accepted, forumId: ntbForum, status: 'accepted', acceptedOn: '2026-04-15', reportsAccepted: 2 });
      expect(body.milestones).toEqual([{ title: 'Penyaluran tahap 1', dueDate: '2026-03-31', metOn: null }]);
      expect(body.reports).toEqual([
        { periodStart: '2025-12-01', periodEnd: '2025-12-31', quantityDelivered: 50, rupiahDisbursed: 15_000_000, evidenceCount: 0, acceptedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
        { periodStart: '2026-01-01', periodEnd: '2026-03-31', quantityDelivered: 250, rupiahDisbursed: 75_000_000, evidenceCount: 1, acceptedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      ]);
    });

    it('never shows a draft, a submitted or a returned report, a narrative, review comments or contact details', async () => {
      const accepted = await get(`/public/commitments/${c.accepted}`);
      expect(accepted.body.reports.map((s: { quantityDelivered: number }) => s.quantityDelivered)).not.toEqual(expect.arrayContaining([99]));
      expect(accepted.body.reports.map((s: { quantityDelivered: number }) => s.quantityDelivered)).not.toEqual(expect.arrayContaining([77]));
      expectNothingPrivate(accepted.body);
      const pkk = await get(`/public/commitments/${c.pkkAccepted}`);
      expect(pkk.body.reports).toEqual([]);
      expect(pkk.body.milestones).toEqual([]);
      expectNothingPrivate(pkk.body);
    });

    it('shows a commitment cancelled or withdrawn after acceptance with its status now', async () => {
      expect((await get(`/public/commitments/${c.cancelled}`)).body).toMatchObject({ status: 'cancelled', acceptedOn: '2026-04-15', reports: [] });
      expect((await get(`/public/commitments/${c.withdrawnLater}`)).body).toMatchObject({ status: 'withdrawn', acceptedOn: '2026-04-15', reports: [] });
    });

    it.each([
      ['a pledge never accepted', () => c.pledged],
      ['a pledge withdrawn before acceptance', () => c.withdrawnPledge],
      ['an unknown commitment', () => '0b6a4d51-8a5e-4f63-a0c2-3d1b9e2f7c10'],
      ['an id that is not a UUID', () => 'not-a-uuid'],
    ])('answers 404 for %s, alike', async (_name, id) => {
      const res = await get(`/public/commitments/${id()}`, {}, 404);
      expect(res.body).toMatchObject({ type: 'urn:ikrar:problem:not-found', status: 404 });
      expectNothingPrivate(res.body);
    });
  });

  it('reads its own write with minPosition: a pledge appears once accepted', async () => {
    const forum = await establishForum(ledger, p.dinkes, { name: 'Forum Kemitraan Kabupaten Lombok Barat', regionCode: '52.01', programmes: ['phbs'] });
    const agreement = await recordAgreement(ledger, forum, [p.pkk]);
    const pledged = await ledger.http
      .post('/commitments')
      .send({
        agreementId: agreement,
        partnerId: p.pkk,
        description: 'Sosialisasi PHBS rumah tangga',
        resourceType: 'technical-expertise',
        quantity: 10,
        unit: 'desa',
        valueRupiah: 2_000_000,
        regionCode: '52.01',
        programme: 'phbs',
        dueDate: '2026-08-31',
      })
      .expect(201);
    await anonymous.get(`/public/commitments/${pledged.body.id}?minPosition=${pledged.body.position}`).expect(404);
    const accepted = await ledger.http.post(`/commitments/${pledged.body.id}/acceptance`).send({}).expect(200);
    const res = await anonymous.get(`/public/commitments/${pledged.body.id}?minPosition=${accepted.body.position}`).expect(200);
    expect(res.body).toMatchObject({ id: pledged.body.id, forumId: forum, status: 'accepted', programme: 'phbs' });
  });

  it('answers 503 with Retry-After when the read models cannot reach minPosition in time', async () => {
    const res = await anonymous.get('/public/forums?minPosition=900000000000').expect(503);
    expect(res.headers['retry-after']).toBe('1');
  });

  it('is documented in OpenAPI under the public tag', async () => {
    const doc = await anonymous.get('/docs-json').expect(200);
    const paths = Object.keys(doc.body.paths).filter((path) => path.startsWith('/public/'));
    expect(paths.sort()).toEqual(['/public/commitments/{id}', '/public/forums', '/public/forums/{id}', '/public/forums/{id}/commitments']);
    for (const path of paths) expect(doc.body.paths[path].get.tags).toEqual(['public']);
  });
});
