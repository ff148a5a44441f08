import { join } from 'node:path';
import request from 'supertest';
import { Clock } from '@ikrar/application';
import { commitmentStreamId } from '@ikrar/domain';
import { SqliteContactVault } from '@ikrar/personal-data';
import { createApp } from '../../apps/ledger-api/src/create-app';
import { SqliteIdempotencyStore } from '../../apps/ledger-api/src/http/idempotency-store';
import { acceptCommitment, asAuditor, asPartner, ntbScenario, pledgeCommitment, registerPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';
import { authedClient } from '../support/authed-client';
import { testTokenVerifier } from '../support/tokens';

/** A clock the test can move: "today" is 15 April 2026 in Mataram (WIB) unless a test says otherwise. */
function movableClock(iso: string): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => now,
    set(next: string) {
      now = new Date(next);
    },
  };
}

const TODAY = '2026-04-15';
const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';

describe('commitments', () => {
  let ledger: TestLedger;
  let clock: ReturnType<typeof movableClock>;
  let scenario: Awaited<ReturnType<typeof ntbScenario>>;

  beforeEach(async () => {
    clock = movableClock(`${TODAY}T03:00:00Z`);
    ledger = await startTestLedger({ clock });
    scenario = await ntbScenario(ledger);
  });
  afterEach(async () => {
    await ledger.close();
  });

  /** The body of a valid pledge by the bank; `overrides` replace fields. */
  function pledgeBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      agreementId: scenario.agreementId,
      partnerId: scenario.bank,
      description: 'Dana CSR untuk makanan tambahan ibu hamil KEK',
      resourceType: 'funds',
      quantity: 500,
      unit: 'paket PMT',
      valueRupiah: 150_000_000,
      regionCode: '52.71',
      programme: 'stunting',
      dueDate: '2026-06-30',
      milestones: [{ title: 'Penyaluran tahap 1', dueDate: '2026-03-31' }],
      ...overrides,
    };
  }

  async function eventTypes(commitmentId: string): Promise<string[]> {
    return (await ledger.store.readStream(commitmentStreamId(commitmentId))).map((event) => event.type);
  }

  async function commitmentEventCount(): Promise<number> {
    return (await ledger.store.readAll()).filter((event) => event.streamId.startsWith('commitment-')).length;
  }

  function fieldsOf(res: request.Response): string[] {
    return (res.body.errors ?? []).map((error: { field: string }) => error.field);
  }

  describe('pledging', () => {
    it('records a pledge: 201, Location, {id, revision, position}; GET shows it with the agreement\'s forum and start date', async () => {
      const created = await ledger.http.post('/commitments').send(pledgeBody()).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
      expect(created.headers.location).toBe(`/commitments/${created.body.id}`);
      expect(created.headers.etag).toBe('"0"');

      const read = await ledger.http.get(created.headers.location).expect(200);
      expect(read.headers.etag).toBe('"0"');
      expect(read.body).toEqual(
        expect.objectContaining({
          id: created.body.id,
          revision: 0,
          agreementId: scenario.agreementId,
          forumId: scenario.forumId,
          partnerId: scenario.bank,
          description: 'Dana CSR untuk makanan tambahan ibu hamil KEK',
          resourceType: 'funds',
          quantity: 500,
          unit: 'paket PMT',
          valueRupiah: 150_000_000,
          regionCode: '52.71',
          programme: 'stunting',
          startDate: '2025-11-25',
          dueDate: '2026-06-30',
          milestones: [{ milestoneId: expect.any(String), title: 'Penyaluran tahap 1', dueDate: '2026-03-31', metOn: null, note: null }],
          status: 'pledged',
          acceptedOn: null,
          closedOn: null,
          outcome: null,
          overdue: false,
          amendments: [],
          reductions: [],
        }),
      );
      expect(read.body.milestones[0].milestoneId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps an explicit start date and accepts a pledge without milestones', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.pkk, {
        resourceType: 'personnel',
        programme: 'posyandu',
        startDate: '2026-01-01',
        milestones: [],
      });
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({ partnerId: scenario.pkk, startDate: '2026-01-01', milestones: [], resourceType: 'personnel' });
    });

    it.each([
      ['a string', '150000000'],
      ['a fraction', 1.5],
      ['a negative amount', -1],
      ['beyond the largest safe integer', 2 ** 53],
    ])('refuses valueRupiah as %s with 400 naming valueRupiah, and records nothing', async (_, valueRupiah) => {
      const res = await ledger.http.post('/commitments').send(pledgeBody({ valueRupiah })).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(res)).toEqual(['valueRupiah']);
      expect(await commitmentEventCount()).toBe(0);
    });

    it('accepts the largest safe whole-rupiah value and zero rupiah (an in-kind pledge)', async () => {
      await ledger.http.post('/commitments').send(pledgeBody({ valueRupiah: Number.MAX_SAFE_INTEGER })).expect(201);
      await ledger.http.post('/commitments').send(pledgeBody({ resourceType: 'in-kind', valueRupiah: 0 })).expect(201);
    });

    it('refuses an impossible due date (2025-02-30) with 400 naming dueDate', async () => {
      const res = await ledger.http.post('/commitments').send(pledgeBody({ dueDate: '2025-02-30' })).expect(400);
      expect(fieldsOf(res)).toEqual(['dueDate']);
      expect(await commitmentEventCount()).toBe(0);
    });

    it('refuses malformed fields with 400 naming every one of them', async () => {
      const res = await ledger.http
        .post('/commitments')
        .send(
          pledgeBody({
            agreementId: 'agreement-1',
            description: '   ',
            resourceType: 'money',
            quantity: 0,
            regionCode: '5271',
            programme: 'malaria',
            startDate: '26-01-01',
            milestones: [{ title: 'Tahap 1', dueDate: '2026-02-29' }],
            status: 'accepted',
          }),
        )
        .expect(400);
      expect(fieldsOf(res)).toEqual(
        expect.arrayContaining([
          'agreementId',
          'description',
          'resourceType',
          'quantity',
          'regionCode',
          'programme',
          'startDate',
          'milestones[0].dueDate',
          'status',
        ]),
      );
      expect(await commitmentEventCount()).toBe(0);
    });

    it('refuses more than 50 milestones with 400 naming milestones', async () => {
      const milestones = Array.from({ length: 51 }, (_, i) => ({ title: `Tahap ${i + 1}`, dueDate: '2026-03-31' }));
      const res = await ledger.http.post('/commitments').send(pledgeBody({ milestones })).expect(400);
      expect(fieldsOf(res)).toContain('milestones');
    });

    it('answers 422 partner-not-party-to-agreement when the pledging partner is not a party, and records nothing', async () => {
      const outsider = await registerPartner(ledger, { name: 'IDI Wilayah NTB', sector: 'professional' });
      const res = await ledger.http.post('/commitments').send(pledgeBody({ partnerId: outsider })).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'partner-not-party-to-agreement' });
      expect(await commitmentEventCount()).toBe(0);
    });

    it('answers 422 agreement-not-in-force for an agreement that was never recorded', async () => {
      const res = await ledger.http.post('/commitments').send(pledgeBody({ agreementId: UNKNOWN_ID })).expect(422);
      expect(res.body.rule).toBe('agreement-not-in-force');
      expect(await commitmentEventCount()).toBe(0);
    });

    it('answers 422 when the commitment runs past the agreement or a milestone falls outside its term', async () => {
      const late = await ledger.http.post('/commitments').send(pledgeBody({ dueDate: '2027-01-31' })).expect(422);
      expect(late.body.rule).toBe('commitment-term-outside-agreement');
      const milestone = await ledger.http
        .post('/commitments')
        .send(pledgeBody({ milestones: [{ title: 'Tahap akhir', dueDate: '2026-07-15' }] }))
        .expect(422);
      expect(milestone.body.rule).toBe('milestone-due-outside-term');
      expect(await commitmentEventCount()).toBe(0);
    });

    it('an Idempotency-Key retry of a pledge returns the same id and appends nothing', async () => {
      const first = await ledger.http.post('/commitments').set('Idempotency-Key', 'pledge-1').send(pledgeBody()).expect(201);
      const retry = await ledger.http.post('/commitments').set('Idempotency-Key', 'pledge-1').send(pledgeBody()).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(first.headers.location);
      expect(await commitmentEventCount()).toBe(1);
    });

    it('a keyed retry after the stored response was lost finds the same commitment and milestones, and appends nothing', async () => {
      const first = await ledger.http.post('/commitments').set('Idempotency-Key', 'pledge-2').send(pledgeBody()).expect(201);
      const [pledged] = await ledger.store.readStream(commitmentStreamId(first.body.id));
      const again = await appSharingStore(ledger, clock);
      const retry = await again.post('/commitments').set('Idempotency-Key', 'pledge-2').send(pledgeBody()).expect(201);
      expect(retry.body).toEqual(first.body);
      const events = await ledger.store.readStream(commitmentStreamId(first.body.id));
      expect(events).toHaveLength(1);
      expect(events[0].data.milestones).toEqual(pledged.data.milestones);
      expect(await commitmentEventCount()).toBe(1);
    });
  });

  describe('lifecycle', () => {
    it('pledge -> accept -> milestone met -> closed as partially fulfilled', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      // Acceptance needs no body at all.
      const accepted = await ledger.http.post(`/commitments/${id}/acceptance`).expect(200);
      expect(accepted.body).toEqual({ id, revision: 1, position: expect.any(Number) });
      expect(accepted.headers.location).toBeUndefined();

      const { body: afterAccept } = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(afterAccept).toMatchObject({ status: 'accepted', acceptedOn: TODAY });
      const milestoneId = afterAccept.milestones[0].milestoneId;

      await ledger.http
        .post(`/commitments/${id}/milestones/${milestoneId}/met`)
        .send({ metOn: '2026-03-30', note: 'Tersalurkan 250 paket di Kota Mataram' })
        .expect(200);
      await ledger.http
        .post(`/commitments/${id}/closure`)
        .send({ outcome: 'partially-fulfilled', note: '450 dari 500 paket PMT tersalurkan' })
        .expect(200);

      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.headers.etag).toBe('"3"');
      expect(read.body).toMatchObject({
        revision: 3,
        status: 'partially-fulfilled',
        outcome: 'partially-fulfilled',
        closedOn: TODAY,
        acceptedOn: TODAY,
        overdue: false,
        milestones: [{ milestoneId, title: 'Penyaluran tahap 1', dueDate: '2026-03-31', metOn: '2026-03-30', note: 'Tersalurkan 250 paket di Kota Mataram' }],
      });
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAccepted', 'CommitmentMilestoneMet', 'CommitmentClosed']);
    });

    it('accepts with an empty JSON body or an explicit past date, and records the acceptance date as its business time', async () => {
      const a = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const b = await pledgeCommitment(ledger, scenario.agreementId, scenario.pkk);
      await ledger.http.post(`/commitments/${a}/acceptance`).send({}).expect(200);
      await ledger.http.post(`/commitments/${b}/acceptance`).send({ acceptedOn: '2026-04-01' }).expect(200);
      expect((await ledger.http.get(`/commitments/${a}`)).body.acceptedOn).toBe(TODAY);
      expect((await ledger.http.get(`/commitments/${b}`)).body.acceptedOn).toBe('2026-04-01');
      const [, acceptance] = await ledger.store.readStream(commitmentStreamId(b));
      expect(acceptance.metadata.occurredAt).toBe('2026-03-31T17:00:00.000Z');
    });

    it('refuses to accept a commitment twice (422) and appends nothing', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await acceptCommitment(ledger, id);
      const res = await ledger.http.post(`/commitments/${id}/acceptance`).send({}).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'commitment-not-pledged' });
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAccepted']);
    });

    it('refuses an acceptance dated after today (422 date-in-future) or on an impossible date (400 naming acceptedOn)', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const future = await ledger.http.post(`/commitments/${id}/acceptance`).send({ acceptedOn: '2026-04-16' }).expect(422);
      expect(future.body.rule).toBe('date-in-future');
      const impossible = await ledger.http.post(`/commitments/${id}/acceptance`).send({ acceptedOn: '2026-02-30' }).expect(400);
      expect(fieldsOf(impossible)).toEqual(['acceptedOn']);
      expect(await eventTypes(id)).toEqual(['CommitmentPledged']);
    });

    it('closes as fulfilled only once it is accepted, with a known outcome and a note', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const early = await ledger.http.post(`/commitments/${id}/closure`).send({ outcome: 'fulfilled', note: 'Selesai' }).expect(422);
      expect(early.body.rule).toBe('commitment-not-accepted');
      await acceptCommitment(ledger, id);
      const bad = await ledger.http.post(`/commitments/${id}/closure`).send({ outcome: 'done', note: ' ' }).expect(400);
      expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['outcome', 'note']));
      await ledger.http.post(`/commitments/${id}/closure`).send({ outcome: 'fulfilled', note: '500 paket PMT tersalurkan' }).expect(200);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({ status: 'fulfilled', outcome: 'fulfilled', closedOn: TODAY, closureNote: '500 paket PMT tersalurkan' });
      const again = await ledger.http.post(`/commitments/${id}/closure`).send({ outcome: 'fulfilled', note: 'Lagi' }).expect(422);
      expect(again.body.rule).toBe('commitment-not-accepted');
    });

    it('refuses a stale If-Match with 412 and appends nothing', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await ledger.http.post(`/commitments/${id}/amendments`).set('If-Match', '"0"').send({ rationale: 'Ralat satuan', changes: { unit: 'paket' } }).expect(200);
      const stale = await ledger.http.post(`/commitments/${id}/acceptance`).set('If-Match', '"0"').send({}).expect(412);
      expect(stale.body).toMatchObject({ status: 412, expectedRevision: 0, currentRevision: 1 });
      expect(stale.headers.etag).toBe('"1"');
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAmended']);
      await ledger.http.post(`/commitments/${id}/acceptance`).set('If-Match', '"1"').send({}).expect(200);
    });

    it('answers 404 for an unknown or malformed commitment id, on reads and on commands', async () => {
      await ledger.http.get(`/commitments/${UNKNOWN_ID}`).expect(404);
      const malformed = await ledger.http.get('/commitments/not-a-uuid').expect(404);
      expect(malformed.body).toMatchObject({ status: 404, title: 'Not found' });
      await ledger.http.post(`/commitments/${UNKNOWN_ID}/acceptance`).send({}).expect(404);
      await ledger.http.post(`/commitments/${UNKNOWN_ID}/withdrawal`).send({ reason: 'x' }).expect(404);
      await ledger.http.post(`/commitments/${UNKNOWN_ID}/amendments`).send({ rationale: 'x', changes: { quantity: 1 } }).expect(404);
      expect(await commitmentEventCount()).toBe(0);
    });
  });

  describe('amendments', () => {
    it('an increase is an amendment and a decrease a compensating reduction; GET shows the new totals and both histories', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await acceptCommitment(ledger, id);

      await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'Tambahan anggaran CSR', changes: { quantity: 600, valueRupiah: 180_000_000 } }).expect(200);
      await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'Anggaran 2026 dipotong', changes: { quantity: 450, valueRupiah: 120_000_000 } }).expect(200);

      const events = await ledger.store.readStream(commitmentStreamId(id));
      expect(events.map((e) => e.type)).toEqual(['CommitmentPledged', 'CommitmentAccepted', 'CommitmentAmended', 'CommitmentReduced']);
      expect(events[0].data).toMatchObject({ quantity: 500, valueRupiah: 150_000_000 });
      expect(events[3].data).toEqual({
        commitmentId: id,
        rationale: 'Anggaran 2026 dipotong',
        quantityReducedBy: 150,
        valueRupiahReducedBy: 60_000_000,
        quantity: 450,
        valueRupiah: 120_000_000,
      });

      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({
        revision: 3,
        status: 'accepted',
        quantity: 450,
        valueRupiah: 120_000_000,
        amendments: [
          { rationale: 'Tambahan anggaran CSR', changes: { quantity: 600, valueRupiah: 180_000_000 }, previous: { quantity: 500, valueRupiah: 150_000_000 } },
        ],
        reductions: [{ rationale: 'Anggaran 2026 dipotong', quantityReducedBy: 150, valueRupiahReducedBy: 60_000_000, quantity: 450, valueRupiah: 120_000_000 }],
      });
    });

    it('one request that lowers the value and changes the description records a reduction and an amendment', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const res = await ledger.http
        .post(`/commitments/${id}/amendments`)
        .send({ rationale: 'Revisi RKA', changes: { valueRupiah: 100_000_000, description: 'Dana CSR PMT ibu hamil KEK dan balita', dueDate: '2026-09-30' } })
        .expect(200);
      expect(res.body.revision).toBe(2);
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentReduced', 'CommitmentAmended']);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({ valueRupiah: 100_000_000, quantity: 500, description: 'Dana CSR PMT ibu hamil KEK dan balita', dueDate: '2026-09-30' });
    });

    it('refuses malformed changes with 400 naming the field inside changes', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      for (const valueRupiah of ['100000000', 1.5, -1, 2 ** 53]) {
        const res = await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'x', changes: { valueRupiah } }).expect(400);
        expect(fieldsOf(res)).toEqual(['changes.valueRupiah']);
      }
      const date = await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'x', changes: { dueDate: '2026-02-30', quantity: 0 } }).expect(400);
      expect(fieldsOf(date)).toEqual(expect.arrayContaining(['changes.dueDate', 'changes.quantity']));
      const missing = await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: ' ' }).expect(400);
      expect(fieldsOf(missing)).toEqual(expect.arrayContaining(['rationale', 'changes']));
      expect(await eventTypes(id)).toEqual(['CommitmentPledged']);
    });

    it('answers 422 for an amendment that changes nothing or moves the due date before a milestone or past the agreement', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const same = await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'x', changes: { quantity: 500 } }).expect(422);
      expect(same.body.rule).toBe('no-changes');
      const early = await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'x', changes: { dueDate: '2026-03-01' } }).expect(422);
      expect(early.body.rule).toBe('milestone-due-outside-term');
      const late = await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'x', changes: { dueDate: '2027-03-31' } }).expect(422);
      expect(late.body.rule).toBe('commitment-term-outside-agreement');
      expect(await eventTypes(id)).toEqual(['CommitmentPledged']);
    });
  });

  describe('withdrawal and cancellation', () => {
    it("a partner may withdraw its own pledge; another partner's pledge is not there for it (404)", async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const other = await ledger.http.post(`/commitments/${id}/withdrawal`).set(asPartner(scenario.pkk)).send({ reason: 'Bukan urusan kami' }).expect(404);
      expect(other.body).toMatchObject({ status: 404, title: 'Not found' });
      expect(await eventTypes(id)).toEqual(['CommitmentPledged']);

      await ledger.http.post(`/commitments/${id}/withdrawal`).set(asPartner(scenario.bank)).send({ reason: 'Anggaran CSR dialihkan' }).expect(200);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: 'Anggaran CSR dialihkan',
        withdrawnBy: { role: 'partner', partnerId: scenario.bank },
        overdue: false,
      });
    });

    it('nothing more can happen to a withdrawn commitment (422) and nothing is appended', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await ledger.http.post(`/commitments/${id}/withdrawal`).send({ reason: 'Mitra mundur' }).expect(200);
      const milestoneId = (await ledger.http.get(`/commitments/${id}`)).body.milestones[0].milestoneId;

      expect((await ledger.http.post(`/commitments/${id}/acceptance`).send({}).expect(422)).body.rule).toBe('commitment-not-pledged');
      expect((await ledger.http.post(`/commitments/${id}/amendments`).send({ rationale: 'x', changes: { quantity: 1 } }).expect(422)).body.rule).toBe('commitment-closed');
      expect((await ledger.http.post(`/commitments/${id}/withdrawal`).send({ reason: 'lagi' }).expect(422)).body.rule).toBe('commitment-closed');
      expect((await ledger.http.post(`/commitments/${id}/cancellation`).send({ reason: 'x' }).expect(422)).body.rule).toBe('commitment-closed');
      expect((await ledger.http.post(`/commitments/${id}/closure`).send({ outcome: 'fulfilled', note: 'x' }).expect(422)).body.rule).toBe('commitment-not-accepted');
      expect((await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).send({}).expect(422)).body.rule).toBe('commitment-not-accepted');
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentWithdrawn']);
    });

    it('only the secretariat may cancel: a partner gets 403 cancellation-requires-secretariat', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await acceptCommitment(ledger, id);
      const byPartner = await ledger.http.post(`/commitments/${id}/cancellation`).set(asPartner(scenario.bank)).send({ reason: 'Batal' }).expect(403);
      expect(byPartner.body.rule).toBe('cancellation-requires-secretariat');
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAccepted']);

      await ledger.http.post(`/commitments/${id}/cancellation`).send({ reason: 'Perjanjian tidak dilanjutkan' }).expect(200);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Perjanjian tidak dilanjutkan',
        cancelledBy: { userId: 'test-secretariat', role: 'secretariat' },
      });
    });

    it('refuses a blank or missing reason with 400 naming reason', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      expect(fieldsOf(await ledger.http.post(`/commitments/${id}/withdrawal`).send({ reason: '  ' }).expect(400))).toEqual(['reason']);
      expect(fieldsOf(await ledger.http.post(`/commitments/${id}/cancellation`).send({}).expect(400))).toEqual(['reason']);
    });
  });

  describe('who may write', () => {
    it('a partner pledges for itself; the pledge records the partner user in the envelope, not in the event', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank, {}, asPartner(scenario.bank, 'csr-officer'));
      const [event] = await ledger.store.readStream(commitmentStreamId(id));
      expect(event.metadata.actor).toEqual({ userId: 'csr-officer', role: 'partner', partnerId: scenario.bank });
      expect(event.data).not.toHaveProperty('actor');
    });

    it('a partner user cannot pledge for another partner: 403 pledge-by-other-partner, nothing appended', async () => {
      const res = await ledger.http.post('/commitments').set(asPartner(scenario.pkk)).send(pledgeBody()).expect(403);
      expect(res.body).toMatchObject({ status: 403, rule: 'pledge-by-other-partner' });
      expect(await commitmentEventCount()).toBe(0);
    });

    it("the secretariat records a pledge on a partner's behalf", async () => {
      const res = await ledger.http.post('/commitments').send(pledgeBody()).expect(201);
      const read = await ledger.http.get(`/commitments/${res.body.id}`).expect(200);
      expect(read.body).toMatchObject({ partnerId: scenario.bank, status: 'pledged' });
    });

    it('a partner user, even the pledging one, cannot accept, amend, mark milestones met or close: 403 commitment-review-requires-secretariat', async () => {
      const own = asPartner(scenario.bank);
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const accept = await ledger.http.post(`/commitments/${id}/acceptance`).set(own).send({}).expect(403);
      expect(accept.body).toMatchObject({ status: 403, rule: 'commitment-review-requires-secretariat' });
      const amend = await ledger.http.post(`/commitments/${id}/amendments`).set(own).send({ rationale: 'x', changes: { quantity: 400 } }).expect(403);
      expect(amend.body.rule).toBe('commitment-review-requires-secretariat');
      await acceptCommitment(ledger, id);
      const milestoneId = (await ledger.http.get(`/commitments/${id}`)).body.milestones[0].milestoneId;
      const met = await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).set(own).send({}).expect(403);
      expect(met.body.rule).toBe('commitment-review-requires-secretariat');
      const close = await ledger.http.post(`/commitments/${id}/closure`).set(own).send({ outcome: 'fulfilled', note: 'Selesai' }).expect(403);
      expect(close.body.rule).toBe('commitment-review-requires-secretariat');
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAccepted']);
    });

    it('an auditor writes nothing: 403 auditor-read-only on a pledge and on an acceptance', async () => {
      const pledge = await ledger.http.post('/commitments').set(asAuditor()).send(pledgeBody()).expect(403);
      expect(pledge.body).toMatchObject({ status: 403, rule: 'auditor-read-only' });
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const accept = await ledger.http.post(`/commitments/${id}/acceptance`).set(asAuditor()).send({}).expect(403);
      expect(accept.body.rule).toBe('auditor-read-only');
      expect(await eventTypes(id)).toEqual(['CommitmentPledged']);
    });
  });

  describe('milestones', () => {
    async function acceptedCommitment(): Promise<{ id: string; milestoneId: string }> {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await acceptCommitment(ledger, id);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      return { id, milestoneId: read.body.milestones[0].milestoneId };
    }

    it('a milestone met without a body is met today', async () => {
      const { id, milestoneId } = await acceptedCommitment();
      await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).expect(200);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body.milestones[0]).toEqual({ milestoneId, title: 'Penyaluran tahap 1', dueDate: '2026-03-31', metOn: TODAY, note: null });
    });

    it('answers 404 milestone-not-found for a milestone that is not part of the commitment', async () => {
      const { id } = await acceptedCommitment();
      const res = await ledger.http.post(`/commitments/${id}/milestones/${UNKNOWN_ID}/met`).send({}).expect(404);
      expect(res.body).toMatchObject({ status: 404, rule: 'milestone-not-found' });
      await ledger.http.post(`/commitments/${id}/milestones/tahap-1/met`).send({}).expect(404);
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAccepted']);
    });

    it('refuses a milestone met after today (422 date-in-future), on an impossible date (400) or twice (422)', async () => {
      const { id, milestoneId } = await acceptedCommitment();
      const future = await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).send({ metOn: '2026-04-16' }).expect(422);
      expect(future.body.rule).toBe('date-in-future');
      const impossible = await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).send({ metOn: '2026-02-30' }).expect(400);
      expect(fieldsOf(impossible)).toEqual(['metOn']);
      expect(await eventTypes(id)).toEqual(['CommitmentPledged', 'CommitmentAccepted']);

      await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).send({ metOn: TODAY }).expect(200);
      const twice = await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).send({}).expect(422);
      expect(twice.body.rule).toBe('milestone-already-met');
    });

    it('refuses to mark a milestone of a commitment that is only pledged (422 commitment-not-accepted)', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      const milestoneId = (await ledger.http.get(`/commitments/${id}`)).body.milestones[0].milestoneId;
      const res = await ledger.http.post(`/commitments/${id}/milestones/${milestoneId}/met`).send({}).expect(422);
      expect(res.body.rule).toBe('commitment-not-accepted');
    });
  });

  describe('overdue', () => {
    it('is derived on every read from today (WIB): it flips once the due date has passed, and never is stored', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      expect((await ledger.http.get(`/commitments/${id}`)).body.overdue).toBe(false);

      clock.set('2026-06-30T16:59:59Z'); // 23:59:59 WIB on the due date
      expect((await ledger.http.get(`/commitments/${id}`)).body.overdue).toBe(false);

      clock.set('2026-06-30T17:00:00Z'); // 00:00 WIB on 1 July
      const late = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(late.body).toMatchObject({ overdue: true, status: 'pledged', revision: 0 });

      await acceptCommitment(ledger, id);
      expect((await ledger.http.get(`/commitments/${id}`)).body.overdue).toBe(true);

      const events = await ledger.store.readStream(commitmentStreamId(id));
      expect(events.some((event) => 'overdue' in event.data)).toBe(false);
    });

    it('a closed commitment is never overdue', async () => {
      const id = await pledgeCommitment(ledger, scenario.agreementId, scenario.bank);
      await acceptCommitment(ledger, id);
      clock.set('2026-07-10T03:00:00Z');
      expect((await ledger.http.get(`/commitments/${id}`)).body.overdue).toBe(true);
      await ledger.http.post(`/commitments/${id}/closure`).send({ outcome: 'fulfilled', note: 'Selesai terlambat' }).expect(200);
      const read = await ledger.http.get(`/commitments/${id}`).expect(200);
      expect(read.body).toMatchObject({ overdue: false, status: 'fulfilled', closedOn: '2026-07-10' });
    });
  });
});

/** A second app on the same event store with an empty idempotency store: as if the stored response had been lost. */
async function appSharingStore(ledger: TestLedger, clock: Clock) {
  const app = await createApp(
    {
      eventStore: ledger.store,
      contactVault: SqliteContactVault.open(join(ledger.dataDir, 'contact-keys.sqlite')),
      idempotencyStore: SqliteIdempotencyStore.open(join(ledger.dataDir, 'idempotency-other.sqlite')),
      tokenVerifier: testTokenVerifier(),
      rateLimitPerMinute: 1_000_000,
      clock,
    },
    { bodyLimitBytes: 262_144, logLevel: 'error' },
  );
  await app.init();
  const originalClose = ledger.close.bind(ledger);
  (ledger as { close: () => Promise<void> }).close = async () => {
    await app.close();
    await originalClose();
  };
  return authedClient(app.getHttpServer(), () => ({ role: 'secretariat', sub: 'test-secretariat', forumIds: [...ledger.forumIds] }));
}
