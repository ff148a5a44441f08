import { Clock } from '@ikrar/application';
import { act, acceptCommitment, establishForum, headPosition, ntbScenario, pledgeCommitment, recordAgreement } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

/** A clock the test can move; "today" starts on 15 April 2026 in Mataram (WIB). */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return { now: () => now, set: (next: string) => void (now = new Date(next)) };
}

describe('GET /commitments (read model)', () => {
  let ledger: TestLedger;
  let clock: ReturnType<typeof movableClock>;
  let ntb: Awaited<ReturnType<typeof ntbScenario>>;
  /** Commitments by letter; see `beforeAll` for what each one is. */
  const c: Record<string, string> = {};
  let otherForumId: string;

  beforeAll(async () => {
    clock = movableClock('2026-04-15T03:00:00Z');
    ledger = await startTestLedger({ clock });
    ntb = await ntbScenario(ledger);
    const noMilestones = { milestones: [] };
    // A: the bank's PMT funds, accepted, due end of June.
    c.A = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank);
    await acceptCommitment(ledger, c.A);
    // B: the bank's soap for schools, accepted, due 31 March: overdue on 15 April.
    c.B = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {
      description: 'Sabun cuci tangan untuk sekolah dasar',
      programme: 'phbs',
      regionCode: '52.71.01',
      valueRupiah: 20_000_000,
      dueDate: '2026-03-31',
      ...noMilestones,
    });
    await acceptCommitment(ledger, c.B);
    // C: PKK's Posyandu cadres, only pledged, due end of May.
    c.C = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, {
      description: 'Kader Posyandu untuk penimbangan balita',
      resourceType: 'personnel',
      programme: 'posyandu',
      regionCode: '52.01',
      valueRupiah: 5_000_000,
      dueDate: '2026-05-31',
    });
    // D: PKK's nutrition counselling, only pledged, due end of February: overdue.
    c.D = await pledgeCommitment(ledger, ntb.agreementId, ntb.pkk, {
      description: 'Penyuluhan gizi untuk IBU HAMIL',
      resourceType: 'technical-expertise',
      regionCode: '52.02',
      valueRupiah: 10_000_000,
      dueDate: '2026-02-28',
      ...noMilestones,
    });
    // E: the health office's data, withdrawn (never overdue, whatever its date).
    c.E = await pledgeCommitment(ledger, ntb.agreementId, ntb.dinkes, {
      description: 'Data ibu hamil KEK per Puskesmas',
      resourceType: 'data',
      programme: 'kia',
      regionCode: '52',
      valueRupiah: 0,
      dueDate: '2026-01-15',
      ...noMilestones,
    });
    await act(ledger, `/commitments/${c.E}/withdrawal`, { reason: 'Data sudah tersedia di SIMPUS' });
    // F: the bank's toddler food, fulfilled after its due date passed (closed: not overdue).
    c.F = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {
      description: 'Makanan tambahan balita gizi kurang',
      valueRupiah: 80_000_000,
      dueDate: '2026-01-31',
      ...noMilestones,
    });
    await acceptCommitment(ledger, c.F);
    await act(ledger, `/commitments/${c.F}/closure`, { outcome: 'fulfilled', note: 'Seluruh paket tersalurkan' });
    // G: the bank in another forum (family planning in Kota Mataram), pledged.
    otherForumId = await establishForum(ledger, ntb.dinkes, { name: 'Forum KB Kota Mataram', regionCode: '52.71', programmes: ['kb', 'ckg'] });
    const otherAgreement = await recordAgreement(ledger, otherForumId, [ntb.bank]);
    c.G = await pledgeCommitment(ledger, otherAgreement, ntb.bank, {
      description: 'Dukungan pemeriksaan kesehatan gratis',
      programme: 'ckg',
      regionCode: '52.03',
      valueRupiah: 40_000_000,
      dueDate: '2026-09-30',
    });
  });
  afterAll(async () => {
    await ledger.close();
  });
  beforeEach(() => clock.set('2026-04-15T03:00:00Z'));

  const letters = (items: { id: string }[]) =>
    items.map((item) => Object.keys(c).find((letter) => c[letter] === item.id) ?? item.id).sort();
  /** GET /commitments?<query>, waiting for everything written so far. */
  async function list(query: Record<string, string | number> = {}, expected = 200) {
    const params = new URLSearchParams({ minPosition: String(await headPosition(ledger)), ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) });
    return ledger.http.get(`/commitments?${params}`).expect(expected);
  }
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('lists every commitment with its read-model fields and overdue derived from today', async () => {
    const res = await list();
    expect(letters(res.body.items)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(res.body.nextCursor).toBeNull();
    const a = res.body.items.find((item: { id: string }) => item.id === c.A);
    expect(a).toEqual({
      id: c.A,
      revision: 1,
      position: expect.any(Number),
      agreementId: ntb.agreementId,
      forumId: ntb.forumId,
      partnerId: ntb.bank,
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
      overdue: false,
      acceptedOn: '2026-04-15',
      closedOn: null,
      outcome: null,
      milestones: [{ milestoneId: expect.any(String), title: 'Penyaluran tahap 1', dueDate: '2026-03-31', metOn: null }],
      quantityDelivered: 0,
      rupiahDisbursed: 0,
      reportsAccepted: 0,
      lastReportPeriodEnd: null,
      pledgedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    const overdue = res.body.items.filter((item: { overdue: boolean }) => item.overdue);
    expect(letters(overdue)).toEqual(['B', 'D']);
  });

  it('is ordered by due date by default, ties broken by id', async () => {
    const res = await list();
    expect(res.body.items.map((item: { dueDate: string }) => item.dueDate)).toEqual([
      '2026-01-15',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-05-31',
      '2026-06-30',
      '2026-09-30',
    ]);
  });

  it.each([
    ['partnerId', 'the bank', () => ntb.bank, ['A', 'B', 'F', 'G']],
    ['forumId', 'the NTB forum', () => ntb.forumId, ['A', 'B', 'C', 'D', 'E', 'F']],
    ['forumId', 'the other forum', () => otherForumId, ['G']],
    ['agreementId', 'the NTB agreement', () => ntb.agreementId, ['A', 'B', 'C', 'D', 'E', 'F']],
    ['status', 'accepted', () => 'accepted', ['A', 'B']],
    ['status', 'pledged', () => 'pledged,accepted', ['A', 'B', 'C', 'D', 'G']],
    ['status', 'fulfilled', () => 'fulfilled,withdrawn', ['E', 'F']],
    ['programme', 'stunting', () => 'stunting', ['A', 'D', 'F']],
    ['regionCode', '52.71', () => '52.71', ['A', 'B', 'F']],
    ['regionCode', '52.71.01', () => '52.71.01', ['B']],
    ['regionCode', '52', () => '52', ['A', 'B', 'C', 'D', 'E', 'F', 'G']],
    ['regionCode', '53', () => '53', []],
    ['overdue', 'true', () => 'true', ['B', 'D']],
    ['overdue', 'false', () => 'false', ['A', 'C', 'E', 'F', 'G']],
    ['dueBefore', '2026-03-31', () => '2026-03-31', ['D', 'E', 'F']],
    ['dueBefore', '2026-04-01', () => '2026-04-01', ['B', 'D', 'E', 'F']],
    ['q', 'ibu hamil', () => 'ibu hamil', ['A', 'D', 'E']],
    ['q', 'IBU HAMIL', () => 'IBU HAMIL', ['A', 'D', 'E']],
    ['q', 'posyandu', () => 'posyandu', ['C']],
  ])('filters by %s: %s', async (param, _label, value, expected) => {
    expect(letters((await list({ [param]: value() })).body.items)).toEqual(expected);
  });

  it('combines filters with AND', async () => {
    expect(letters((await list({ partnerId: ntb.bank, overdue: 'true' })).body.items)).toEqual(['B']);
    expect(letters((await list({ forumId: ntb.forumId, programme: 'stunting', status: 'pledged' })).body.items)).toEqual(['D']);
  });

  it.each([
    ['valueRupiah', [0, 5_000_000, 10_000_000, 20_000_000, 40_000_000, 80_000_000, 150_000_000]],
    ['-valueRupiah', [150_000_000, 80_000_000, 40_000_000, 20_000_000, 10_000_000, 5_000_000, 0]],
  ])('sorts by %s', async (sort, values) => {
    expect((await list({ sort })).body.items.map((item: { valueRupiah: number }) => item.valueRupiah)).toEqual(values);
  });

  it('sorts by pledge time both ways, ties by id', async () => {
    type Item = { id: string; pledgedAt: string };
    const items: Item[] = (await list()).body.items;
    const byId = (a: Item, b: Item) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const ascending = [...items].sort((a, b) => a.pledgedAt.localeCompare(b.pledgedAt) || byId(a, b)).map((i) => i.id);
    const descending = [...items].sort((a, b) => b.pledgedAt.localeCompare(a.pledgedAt) || byId(a, b)).map((i) => i.id);
    expect((await list({ sort: 'pledgedAt' })).body.items.map((i: Item) => i.id)).toEqual(ascending);
    expect((await list({ sort: '-pledgedAt' })).body.items.map((i: Item) => i.id)).toEqual(descending);
    expect(ascending[0]).toBe(c.A);
  });

  it.each([
    ['every commitment', {}, 7],
    ['by value, descending', { sort: '-valueRupiah' }, 7],
    ['the ones not overdue', { overdue: 'false' }, 5],
  ])('pages through %s with a small limit, visiting each exactly once in order', async (_name, query, total) => {
    const all = (await list(query)).body.items.map((item: { id: string }) => item.id);
    expect(all).toHaveLength(total);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list({ ...query, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((item: { id: string }) => item.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 20);
    expect(seen).toEqual(all);
  });

  it('takes up to 200 items per page, not more', async () => {
    const res = await list({ limit: 200 });
    expect(res.body.items).toHaveLength(7);
    expect(fields(await list({ limit: 201 }, 400))).toEqual(['limit']);
  });

  it('flips overdue when the day passes, without any new event', async () => {
    expect((await list({ overdue: 'true' })).body.items.map((i: { id: string }) => i.id)).not.toContain(c.A);
    clock.set('2026-07-01T03:00:00Z');
    const after = await list({ overdue: 'true' });
    expect(letters(after.body.items)).toEqual(['A', 'B', 'C', 'D']);
    const a = (await list({ partnerId: ntb.bank })).body.items.find((item: { id: string }) => item.id === c.A);
    expect(a.overdue).toBe(true);
  });

  it('reads its own write with minPosition = the position the command answered', async () => {
    const pledged = await ledger.http
      .post('/commitments')
      .send({
        agreementId: ntb.agreementId,
        partnerId: ntb.pkk,
        description: 'Pelatihan kader tentang PHBS rumah tangga',
        resourceType: 'technical-expertise',
        quantity: 30,
        unit: 'kader',
        valueRupiah: 12_000_000,
        regionCode: '52.71',
        programme: 'phbs',
        dueDate: '2026-08-31',
      })
      .expect(201);
    const res = await ledger.http.get(`/commitments?partnerId=${ntb.pkk}&q=PHBS&minPosition=${pledged.body.position}`).expect(200);
    expect(res.body.items.map((item: { id: string }) => item.id)).toEqual([pledged.body.id]);
    await act(ledger, `/commitments/${pledged.body.id}/withdrawal`, { reason: 'Dipindahkan ke forum kabupaten' });
  });

  it('answers 503 with Retry-After when the read models cannot reach minPosition in time', async () => {
    const res = await ledger.http.get('/commitments?minPosition=900000000000').expect(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: 'urn:ikrar:problem:projection-behind', status: 503, minPosition: 900000000000 });
  });

  describe('refuses malformed queries with 400 naming the parameter', () => {
    it.each([
      ['an unknown parameter', 'colour=red', 'colour'],
      ['an operator-shaped parameter', 'status[$ne]=pledged', 'status[$ne]'],
      ['an operator-shaped id', 'partnerId[$gt]=', 'partnerId[$gt]'],
      ['a repeated parameter', 'status=pledged&status=accepted', 'status'],
      ['an unknown status', 'status=overdue', 'status'],
      ['a status listed twice', 'status=pledged,pledged', 'status'],
      ['an unknown programme', 'programme=malaria', 'programme'],
      ['a malformed region code', 'regionCode=52.7', 'regionCode'],
      ['overdue that is not a boolean', 'overdue=yes', 'overdue'],
      ['an impossible date', 'dueBefore=2026-02-30', 'dueBefore'],
      ['a date in another format', 'dueBefore=30-06-2026', 'dueBefore'],
      ['a partner id that is not a UUID', 'partnerId=bank-ntb', 'partnerId'],
      ['a forum id that is not a UUID', 'forumId=1', 'forumId'],
      ['an agreement id that is not a UUID', 'agreementId=x', 'agreementId'],
      ['an unknown sort', 'sort=status', 'sort'],
      ['a limit of zero', 'limit=0', 'limit'],
      ['a fractional limit', 'limit=1.5', 'limit'],
      ['a negative limit', 'limit=-5', 'limit'],
      ['a limit that is not a number', 'limit=ten', 'limit'],
      ['a search text over 100 characters', `q=${'a'.repeat(101)}`, 'q'],
      ['an empty search text', 'q=', 'q'],
      ['a negative minPosition', 'minPosition=-1', 'minPosition'],
      ['a garbled cursor', 'cursor=abc', 'cursor'],
      ['a cursor that is not base64', 'cursor=%24%24%24', 'cursor'],
    ])('%s', async (_name, query, field) => {
      const res = await ledger.http.get(`/commitments?${query}`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(fields(res)).toContain(field);
      expect(res.body.detail).toContain(field);
    });

    it('names every bad parameter at once', async () => {
      const res = await ledger.http.get('/commitments?limit=0&sort=x&colour=red').expect(400);
      expect(fields(res).sort()).toEqual(['colour', 'limit', 'sort']);
    });

    it('refuses a cursor issued for another sort order', async () => {
      const first = await list({ limit: 2 });
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const res = await ledger.http.get(`/commitments?limit=2&sort=-valueRupiah&cursor=${first.body.nextCursor}`).expect(400);
      expect(fields(res)).toEqual(['cursor']);
    });
  });

  it('keeps GET /commitments/:id answering from the event streams', async () => {
    const res = await ledger.http.get(`/commitments/${c.B}`).expect(200);
    expect(res.body).toMatchObject({ id: c.B, status: 'accepted', overdue: true });
  });
});
