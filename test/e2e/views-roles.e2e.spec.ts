import { establishForum, headPosition, ntbScenario, recordAgreement } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';

/**
 * In the NTB forum (today 15 April 2026):
 * - the health office is regulator and coordinator of the forum from 25 Nov 2025, open-ended;
 * - the bank funds the agreement from 1 Dec 2025, revoked on 31 March 2026;
 * - PKK mobilises the community in the forum 25 Nov 2025 .. 28 Feb 2026, and again from 10 April 2026;
 * - the bank is secretariat of another forum (not shown here).
 */
describe('GET /forums/:id/roles (read model)', () => {
  let ledger: TestLedger;
  let ntb: Awaited<ReturnType<typeof ntbScenario>>;
  const a: Record<string, string> = {};

  beforeAll(async () => {
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    ntb = await ntbScenario(ledger);
    const assign = async (body: Record<string, unknown>, status = 201) => (await ledger.http.post('/role-assignments').send(body).expect(status)).body.id as string;
    a.regulator = await assign({ partnerId: ntb.dinkes, role: 'regulator-coordinator', forumId: ntb.forumId, validFrom: '2025-11-25' });
    a.funder = await assign({ partnerId: ntb.bank, role: 'funding-supporter', agreementId: ntb.agreementId, validFrom: '2025-12-01' });
    await ledger.http.post(`/role-assignments/${a.funder}/revocation`).send({ reason: 'Dana CSR dialihkan ke program lain', revokedOn: '2026-03-31' }).expect(200);
    a.mobiliser = await assign({ partnerId: ntb.pkk, role: 'community-mobiliser', forumId: ntb.forumId, validFrom: '2025-11-25', validUntil: '2026-02-28' });
    await assign({ partnerId: ntb.pkk, role: 'community-mobiliser', forumId: ntb.forumId, validFrom: '2026-04-10' }, 200);
    const other = await establishForum(ledger, ntb.dinkes, { name: 'Forum KB Kota Mataram' });
    await recordAgreement(ledger, other, [ntb.bank]);
    await assign({ partnerId: ntb.bank, role: 'secretariat', forumId: other, validFrom: '2025-11-25' });
  });
  afterAll(async () => {
    await ledger.close();
  });

  async function roles(query = '', forumId = ntb.forumId, expected = 200) {
    const sep = query ? '&' : '';
    return ledger.http.get(`/forums/${forumId}/roles?${query}${sep}minPosition=${await headPosition(ledger)}`).expect(expected);
  }
  const held = (body: { holders: { assignmentId: string }[] }) => body.holders.map((h) => h.assignmentId);

  it('shows who holds which role on a date, including roles in its agreements, with IATI roles', async () => {
    const { body } = await roles('at=2026-01-15');
    expect(body.forumId).toBe(ntb.forumId);
    expect(body.at).toBe('2026-01-15');
    expect(body.holders).toEqual([
      {
        assignmentId: a.mobiliser,
        partnerId: ntb.pkk,
        partnerName: 'TP PKK Provinsi NTB',
        role: 'community-mobiliser',
        iatiOrganisationRole: 4,
        scopeType: 'forum',
        scopeId: ntb.forumId,
        validFrom: '2025-11-25',
        validUntil: '2026-02-28',
        revokedOn: null,
      },
      {
        assignmentId: a.funder,
        partnerId: ntb.bank,
        partnerName: 'PT Bank NTB Syariah',
        role: 'funding-supporter',
        iatiOrganisationRole: 1,
        scopeType: 'agreement',
        scopeId: ntb.agreementId,
        validFrom: '2025-12-01',
        validUntil: null,
        revokedOn: '2026-03-31',
      },
      {
        assignmentId: a.regulator,
        partnerId: ntb.dinkes,
        partnerName: 'Dinas Kesehatan Provinsi NTB',
        role: 'regulator-coordinator',
        iatiOrganisationRole: 2,
        scopeType: 'forum',
        scopeId: ntb.forumId,
        validFrom: '2025-11-25',
        validUntil: null,
        revokedOn: null,
      },
    ]);
  });

  it('counts a revoked role up to and including its revocation day, and not the day after', async () => {
    expect(held((await roles('at=2026-03-31')).body)).toEqual([a.funder, a.regulator]);
    expect(held((await roles('at=2026-04-01')).body)).toEqual([a.regulator]);
  });

  it("counts a role's later period from its start, and an ended period through its last day only", async () => {
    expect(held((await roles('at=2026-02-28')).body)).toEqual([a.mobiliser, a.funder, a.regulator]);
    expect(held((await roles('at=2026-04-09')).body)).toEqual([a.regulator]);
    const april = (await roles('at=2026-04-10')).body.holders[0];
    expect(april).toMatchObject({ assignmentId: a.mobiliser, validFrom: '2026-04-10', validUntil: null });
  });

  it('answers for today when no date is given', async () => {
    const { body } = await roles();
    expect(body.at).toBe('2026-04-15');
    expect(held(body)).toEqual([a.mobiliser, a.regulator]);
  });

  it('holds nobody before the forum had roles', async () => {
    expect((await roles('at=2025-01-01')).body.holders).toEqual([]);
  });

  it('keeps the full history of every assignment in the forum and its agreements, whatever the date', async () => {
    const { body } = await roles('at=2025-01-01');
    expect(body.history).toEqual([
      {
        assignmentId: a.mobiliser,
        partnerId: ntb.pkk,
        partnerName: 'TP PKK Provinsi NTB',
        role: 'community-mobiliser',
        iatiOrganisationRole: 4,
        scopeType: 'forum',
        scopeId: ntb.forumId,
        periods: [
          { validFrom: '2025-11-25', validUntil: '2026-02-28', revokedOn: null, revocationReason: null },
          { validFrom: '2026-04-10', validUntil: null, revokedOn: null, revocationReason: null },
        ],
      },
      {
        assignmentId: a.funder,
        partnerId: ntb.bank,
        partnerName: 'PT Bank NTB Syariah',
        role: 'funding-supporter',
        iatiOrganisationRole: 1,
        scopeType: 'agreement',
        scopeId: ntb.agreementId,
        periods: [{ validFrom: '2025-12-01', validUntil: null, revokedOn: '2026-03-31', revocationReason: 'Dana CSR dialihkan ke program lain' }],
      },
      {
        assignmentId: a.regulator,
        partnerId: ntb.dinkes,
        partnerName: 'Dinas Kesehatan Provinsi NTB',
        role: 'regulator-coordinator',
        iatiOrganisationRole: 2,
        scopeType: 'forum',
        scopeId: ntb.forumId,
        periods: [{ validFrom: '2025-11-25', validUntil: null, revokedOn: null, revocationReason: null }],
      },
    ]);
  });

  it('answers 404 for an unknown forum', async () => {
    await roles('', UNKNOWN_ID, 404);
    await ledger.http.get('/forums/ntb/roles').expect(404);
  });

  it.each([
    ['an impossible date', 'at=2026-02-30', 'at'],
    ['a date in another format', 'at=15/04/2026', 'at'],
    ['a repeated date', 'at=2026-01-01&at=2026-02-01', 'at'],
    ['an unknown parameter', 'role=secretariat', 'role'],
    ['an operator-shaped parameter', 'at[$lte]=2026-01-01', 'at[$lte]'],
  ])('refuses %s with 400', async (_name, query, field) => {
    const res = await ledger.http.get(`/forums/${ntb.forumId}/roles?${query}`).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
  });
});
