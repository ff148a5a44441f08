import { startTestLedger, TestLedger } from '../support/ledger-app';
import {
  acceptCommitment,
  act,
  asAdmin,
  asAuditor,
  asPartner,
  asSecretariatOf,
  create,
  draftReport,
  establishForum,
  headPosition,
  pledgeCommitment,
  recordAgreement,
  registerPartner,
} from '../support/fixtures';

/**
 * The authorization matrix of the README, cell by cell. Two forums (NTB: Dinkes, Bank NTB and
 * PKK under one agreement; Kayong Utara: another partner), and seven callers:
 *
 * - `secA`: the NTB forum's secretariat; `secB`: the other forum's secretariat;
 * - `owner`: a user of the partner the object belongs to (Bank NTB); `other`: a user of another
 *   partner in the same forum and agreement (PKK), guessing ids;
 * - `auditor`, `admin`, and `anonymous` (no token).
 *
 * An object the caller may not see answers 404 (or, inside a creation, the same 422 a reference to
 * nothing gets), never 403, so ids cannot be probed.
 */
type Caller = 'secA' | 'secB' | 'owner' | 'other' | 'auditor' | 'admin' | 'anonymous';
const CALLERS: readonly Caller[] = ['secA', 'secB', 'owner', 'other', 'auditor', 'admin', 'anonymous'];

interface World {
  dinkes: string;
  bank: string;
  pkk: string;
  kayong: string;
  forumA: string;
  forumB: string;
  agreementA: string;
  agreementB: string;
  commitmentA: string;
  commitmentB: string;
  reportA: string;
  roleA: string;
  head: number;
}

let ledger: TestLedger;
let w: World;

function headers(caller: Caller): Record<string, string> {
  switch (caller) {
    case 'secA':
      return asSecretariatOf([w.forumA], 'sekretariat-ntb');
    case 'secB':
      return asSecretariatOf([w.forumB], 'sekretariat-kayong');
    case 'owner':
      return asPartner(w.bank, 'csr-bank-ntb');
    case 'other':
      return asPartner(w.pkk, 'pkk-ntb');
    case 'auditor':
      return asAuditor('inspektorat-ntb');
    case 'admin':
      return asAdmin('admin-dinkes');
    case 'anonymous':
      return {};
  }
}

function as(caller: Caller, method: 'get' | 'post', path: string) {
  const req = ledger.anonymous[method](path);
  for (const [name, value] of Object.entries(headers(caller))) req.set(name, value);
  return req;
}

beforeAll(async () => {
  ledger = await startTestLedger();
  const dinkes = await registerPartner(ledger);
  const bank = await registerPartner(ledger, { name: 'PT Bank NTB Syariah', sector: 'business', regionCode: '52.71' });
  const pkk = await registerPartner(ledger, { name: 'TP PKK Provinsi NTB', sector: 'womens', regionCode: '52' });
  const kayong = await registerPartner(ledger, { name: 'Dinas Kesehatan Kayong Utara', sector: 'government', regionCode: '61.11' });
  const forumA = await establishForum(ledger, dinkes);
  const forumB = await establishForum(ledger, kayong, { name: 'Forum Kemitraan Kayong Utara', regionCode: '61.11' });
  const agreementA = await recordAgreement(ledger, forumA, [dinkes, bank, pkk]);
  const agreementB = await recordAgreement(ledger, forumB, [kayong], { title: 'Kesepakatan Kayong Utara' });
  const commitmentA = await pledgeCommitment(ledger, agreementA, bank);
  await acceptCommitment(ledger, commitmentA);
  const commitmentB = await pledgeCommitment(ledger, agreementB, kayong, { regionCode: '61.11' });
  await acceptCommitment(ledger, commitmentB);
  const reportA = await draftReport(ledger, commitmentA);
  const roleA = await create(ledger, '/role-assignments', { partnerId: bank, role: 'funding-supporter', forumId: forumA, validFrom: '2025-11-25' });
  w = { dinkes, bank, pkk, kayong, forumA, forumB, agreementA, agreementB, commitmentA, commitmentB, reportA, roleA, head: 0 };
  w.head = await headPosition(ledger);
});

afterAll(() => ledger.close());

type Row = readonly [route: string, path: () => string, expected: readonly number[]];
const cells = (rows: readonly Row[]) =>
  rows.flatMap(([route, path, expected]) => CALLERS.map((caller, index) => ({ route, path, caller, status: expected[index] })));

describe('reads', () => {
  //                                                                                     secA secB owner other auditor admin anonymous
  const rows: Row[] = [
    ['GET /forums/:id', () => `/forums/${w.forumA}`, [200, 404, 404, 404, 200, 200, 401]],
    ['GET /partners/:id', () => `/partners/${w.bank}`, [200, 200, 200, 404, 200, 200, 401]],
    ['GET /agreements/:id (PKK is a party)', () => `/agreements/${w.agreementA}`, [200, 404, 200, 200, 200, 404, 401]],
    ['GET /commitments/:id', () => `/commitments/${w.commitmentA}`, [200, 404, 200, 404, 200, 404, 401]],
    ['GET /commitments/:id?asOf', () => `/commitments/${w.commitmentA}?asOf=${encodeURIComponent(new Date().toISOString())}`, [200, 404, 200, 404, 200, 404, 401]],
    ['GET /reports/:id (a draft)', () => `/reports/${w.reportA}`, [200, 404, 200, 404, 200, 404, 401]],
    ['GET /role-assignments/:id', () => `/role-assignments/${w.roleA}`, [200, 404, 200, 404, 200, 404, 401]],
    ['GET /partners/:id/obligations', () => `/partners/${w.bank}/obligations?minPosition=${w.head}`, [200, 200, 200, 404, 200, 404, 401]],
    ['GET /forums/:id/dashboard', () => `/forums/${w.forumA}/dashboard?minPosition=${w.head}`, [200, 404, 404, 404, 200, 200, 401]],
    ['GET /forums/:id/roles', () => `/forums/${w.forumA}/roles?minPosition=${w.head}`, [200, 404, 404, 404, 200, 200, 401]],
    ['GET /commitments', () => `/commitments?minPosition=${w.head}`, [200, 200, 200, 200, 200, 403, 401]],
    ['GET /reports', () => `/reports?status=draft&minPosition=${w.head}`, [200, 200, 200, 200, 200, 403, 401]],
    ['GET /audit/events', () => '/audit/events', [403, 403, 403, 403, 200, 403, 401]],
    ['GET /audit/verify', () => '/audit/verify', [403, 403, 403, 403, 200, 403, 401]],
    ['GET /audit/export', () => '/audit/export', [403, 403, 403, 403, 200, 403, 401]],
    ['GET /audit/:entity/:id/history', () => `/audit/commitments/${w.commitmentA}/history`, [403, 403, 403, 403, 200, 403, 401]],
    ['GET /projections', () => '/projections', [200, 200, 403, 403, 200, 200, 401]],
    ['GET /public/forums/:id', () => `/public/forums/${w.forumA}?minPosition=${w.head}`, [200, 200, 200, 200, 200, 200, 200]],
    ['GET /health', () => '/health', [200, 200, 200, 200, 200, 200, 200]],
  ];

  it.each(cells(rows))('$route as $caller: $status', async ({ path, caller, status }) => {
    const res = await as(caller, 'get', path());
    expect(res.status).toBe(status);
    if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it.each(['secA', 'secB', 'owner', 'other', 'auditor'] as const)(
    'evidence check on the draft report answers %s as the report read does',
    async (caller) => {
      const expected = { secA: 200, secB: 404, owner: 200, other: 404, auditor: 200 }[caller];
      const res = await as(caller, 'post', `/reports/${w.reportA}/evidence/check`).set('Content-Type', 'application/octet-stream').send(Buffer.from('file'));
      expect(res.status).toBe(expected);
    },
  );

  it('a 404 for an object the caller may not see is the same document as for an id that does not exist', async () => {
    const hidden = await as('other', 'get', `/commitments/${w.commitmentA}`).expect(404);
    const missing = await as('other', 'get', '/commitments/00000000-0000-4000-8000-000000000000').expect(404);
    expect(Object.keys(hidden.body).sort()).toEqual(Object.keys(missing.body).sort());
    expect(hidden.body).toMatchObject({ type: missing.body.type, title: missing.body.title, status: 404 });
  });
});

describe('lists show each caller only its rows', () => {
  const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((item) => item.id).sort();

  it("a secretariat lists its own forums' commitments; a partner its own; the auditor all", async () => {
    expect(ids(await as('secA', 'get', `/commitments?minPosition=${w.head}`).expect(200))).toEqual([w.commitmentA]);
    expect(ids(await as('secB', 'get', `/commitments?minPosition=${w.head}`).expect(200))).toEqual([w.commitmentB]);
    expect(ids(await as('owner', 'get', `/commitments?minPosition=${w.head}`).expect(200))).toEqual([w.commitmentA]);
    expect(ids(await as('other', 'get', `/commitments?minPosition=${w.head}`).expect(200))).toEqual([]);
    expect(ids(await as('auditor', 'get', `/commitments?minPosition=${w.head}`).expect(200))).toEqual([w.commitmentA, w.commitmentB].sort());
  });

  it('filtering by another forum or partner does not widen the list', async () => {
    expect(ids(await as('secB', 'get', `/commitments?forumId=${w.forumA}&minPosition=${w.head}`).expect(200))).toEqual([]);
    expect(ids(await as('other', 'get', `/commitments?partnerId=${w.bank}&minPosition=${w.head}`).expect(200))).toEqual([]);
  });

  it("no partner sees another partner's drafts", async () => {
    expect(ids(await as('other', 'get', `/reports?status=draft&minPosition=${w.head}`).expect(200))).toEqual([]);
    expect(ids(await as('other', 'get', `/reports?status=draft&partnerId=${w.bank}&minPosition=${w.head}`).expect(200))).toEqual([]);
    expect(ids(await as('owner', 'get', `/reports?status=draft&minPosition=${w.head}`).expect(200))).toEqual([w.reportA]);
    expect(ids(await as('secA', 'get', `/reports?status=draft&minPosition=${w.head}`).expect(200))).toEqual([w.reportA]);
    expect(ids(await as('secB', 'get', `/reports?status=draft&minPosition=${w.head}`).expect(200))).toEqual([]);
  });

  it("another forum's secretariat sees a partner's obligations only in its own forums", async () => {
    const mine = await as('secA', 'get', `/partners/${w.bank}/obligations?minPosition=${w.head}`).expect(200);
    expect(mine.body.activeCommitments.map((c: { id: string }) => c.id)).toEqual([w.commitmentA]);
    expect(mine.body.reportsAwaitingAction.map((r: { id: string }) => r.id)).toEqual([w.reportA]);
    const theirs = await as('secB', 'get', `/partners/${w.bank}/obligations?minPosition=${w.head}`).expect(200);
    expect(theirs.body.activeCommitments).toEqual([]);
    expect(theirs.body.reportsAwaitingAction).toEqual([]);
    expect(theirs.body.totals).toEqual({ pledgedQuantity: 0, deliveredQuantity: 0, pledgedRupiah: 0, disbursedRupiah: 0 });
  });
});

describe('writes', () => {
  interface Attempt {
    readonly path: string;
    readonly body: Record<string, unknown>;
  }
  type WriteRow = readonly [act: string, prepare: () => Promise<Attempt>, expected: readonly number[]];

  const freshPledge = () => pledgeCommitment(ledger, w.agreementA, w.bank);
  const freshAccepted = async () => {
    const id = await freshPledge();
    await acceptCommitment(ledger, id);
    return id;
  };
  const freshSubmitted = async () => {
    const id = await draftReport(ledger, await freshAccepted());
    await act(ledger, `/reports/${id}/submission`, {});
    return id;
  };
  let n = 0;
  const unique = (text: string) => `${text} ${++n}`;

  //                                                                                     secA secB owner other auditor admin anonymous
  const rows: WriteRow[] = [
    ['establish a forum', async () => ({ path: '/forums', body: { name: unique('Forum Baru'), regionCode: '52', programmes: ['stunting'], secretariatPartnerId: w.dinkes } }), [403, 403, 403, 403, 403, 201, 401]],
    ['record a meeting', async () => ({ path: `/forums/${w.forumA}/meetings`, body: { title: unique('Rapat'), heldOn: '2025-12-01', location: 'Mataram', attendeePartnerIds: [w.bank] } }), [201, 404, 404, 404, 403, 403, 401]],
    ['register a partner', async () => ({ path: '/partners', body: { name: unique('Yayasan'), sector: 'community' } }), [201, 201, 403, 403, 403, 201, 401]],
    ["update the owner's details", async () => ({ path: `/partners/${w.bank}/details`, body: { name: unique('PT Bank NTB Syariah') } }), [200, 200, 200, 404, 403, 200, 401]],
    ['deactivate a partner', async () => ({ path: `/partners/${w.bank}/deactivation`, body: { reason: 'Tidak aktif lagi' } }), [-1, -1, 403, 404, 403, -1, 401]],
    ['record an agreement', async () => ({ path: '/agreements', body: { forumId: w.forumA, title: unique('Kesepakatan'), text: 'Teks', partyPartnerIds: [w.bank], effectiveFrom: '2025-12-01' } }), [201, 422, 403, 403, 403, 403, 401]],
    ['correct an agreement', async () => ({ path: `/agreements/${w.agreementA}/corrections`, body: { reason: 'Salah ketik', changes: { title: unique('Kesepakatan NTB') } } }), [200, 404, 403, 403, 403, 404, 401]],
    ['pledge a commitment for the owner', async () => ({ path: '/commitments', body: pledgeBody() }), [201, 422, 201, 403, 403, 403, 401]],
    ['accept a pledge', async () => ({ path: `/commitments/${await freshPledge()}/acceptance`, body: {} }), [200, 404, 403, 404, 403, 404, 401]],
    ['amend a commitment', async () => ({ path: `/commitments/${await freshPledge()}/amendments`, body: { rationale: 'Revisi', changes: { quantity: 400 } } }), [200, 404, 403, 404, 403, 404, 401]],
    ['withdraw a pledge', async () => ({ path: `/commitments/${await freshPledge()}/withdrawal`, body: { reason: 'Anggaran dialihkan' } }), [200, 404, 200, 404, 403, 404, 401]],
    ['cancel a commitment', async () => ({ path: `/commitments/${await freshPledge()}/cancellation`, body: { reason: 'Dibatalkan forum' } }), [200, 404, 403, 404, 403, 404, 401]],
    ['assign a role', async () => ({ path: '/role-assignments', body: { partnerId: w.pkk, role: 'technical-support', forumId: w.forumA, validFrom: '2025-11-25' } }), [201, 422, 403, 403, 403, 403, 401]],
    ['draft a report', async () => ({ path: '/reports', body: reportBody(await freshAccepted()) }), [201, 422, 201, 422, 403, 422, 401]],
    ['submit a report', async () => ({ path: `/reports/${await draftReport(ledger, await freshAccepted())}/submission`, body: {} }), [200, 404, 200, 404, 403, 404, 401]],
    ['return a report', async () => ({ path: `/reports/${await freshSubmitted()}/return`, body: { comments: 'Lengkapi bukti' } }), [200, 404, 403, 404, 403, 404, 401]],
    ['accept a report', async () => ({ path: `/reports/${await freshSubmitted()}/acceptance`, body: {} }), [200, 404, 403, 404, 403, 404, 401]],
  ];

  function pledgeBody(): Record<string, unknown> {
    return { agreementId: w.agreementA, partnerId: w.bank, description: unique('PMT'), resourceType: 'funds', quantity: 10, unit: 'paket', valueRupiah: 1_000_000, regionCode: '52.71', programme: 'stunting', dueDate: '2026-06-30' };
  }
  function reportBody(commitmentId: string): Record<string, unknown> {
    return { commitmentId, periodStart: '2026-01-01', periodEnd: '2026-03-31', quantityDelivered: 5, rupiahDisbursed: 500_000, narrative: 'Disalurkan', evidence: [] };
  }

  const writeCells = rows.flatMap(([action, prepare, expected]) =>
    CALLERS.map((caller, index) => ({ action, prepare, caller, status: expected[index] })).filter((cell) => cell.status !== -1),
  );

  it.each(writeCells)('$action as $caller: $status, and a refusal appends nothing', async ({ prepare, caller, status }) => {
    const attempt = await prepare();
    const before = await headPosition(ledger);
    const res = await as(caller, 'post', attempt.path).send(attempt.body);
    expect({ status: res.status, body: res.status >= 400 ? res.body : undefined }).toMatchObject({ status });
    if (status >= 400) expect(await headPosition(ledger)).toBe(before);
  });

  it.each(['secA', 'secB', 'admin'] as const)('the partner registry is shared: %s may deactivate a partner and erase its contact', async (caller) => {
    const id = await registerPartner(ledger, { name: unique('Koperasi'), sector: 'business', contact: { email: 'koperasi@example.id', phone: '+62 370 1' } });
    await as(caller, 'post', `/partners/${id}/deactivation`).send({ reason: 'Tidak aktif lagi' }).expect(200);
    await as(caller, 'post', `/partners/${id}/contact-erasure`).send({ reason: 'Permintaan penghapusan data pribadi' }).expect(200);
  });

  it('a refusal names the rule or the act, and never says whether a hidden object exists', async () => {
    const accept = await as('owner', 'post', `/commitments/${await freshPledge()}/acceptance`).send({}).expect(403);
    expect(accept.body).toMatchObject({ status: 403, title: 'Forbidden', rule: 'commitment-review-requires-secretariat' });
    const establish = await as('secA', 'post', '/forums').send({ name: unique('Forum'), regionCode: '52', programmes: ['stunting'], secretariatPartnerId: w.dinkes }).expect(403);
    expect(establish.body).toMatchObject({ status: 403, title: 'Forbidden', act: 'establish-forum' });
    const hidden = await as('secB', 'post', '/commitments').send(pledgeBody()).expect(422);
    const nothing = await as('secB', 'post', '/commitments').send({ ...pledgeBody(), agreementId: '00000000-0000-4000-8000-000000000000' }).expect(422);
    expect(hidden.body.rule).toBe(nothing.body.rule);
  });
});
