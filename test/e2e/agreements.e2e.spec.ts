import { agreementStreamId } from '@ikrar/domain';
import { asAuditor, asPartner, establishForum, ntbScenario, recordAgreement, recordMeeting, registerPartner } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';
/** 01:30 WIB on 2 March 2026, still 1 March in UTC: "today" must be the WIB day. */
const NOW = '2026-03-01T18:30:00Z';
const TODAY_WIB = '2026-03-02';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;

const fields = (res: { body: { errors: { field: string }[] } }) => res.body.errors.map((e) => e.field);

describe('agreements', () => {
  let ledger: TestLedger;
  let ntb: Scenario;

  beforeEach(async () => {
    ledger = await startTestLedger({ clock: fixedClock(NOW) });
    ntb = await ntbScenario(ledger);
  });
  afterEach(async () => {
    await ledger.close();
  });

  const stream = (agreementId = ntb.agreementId) => ledger.store.readStream(agreementStreamId(agreementId));
  const eventCount = async () => (await ledger.store.readAll()).length;

  const agreementBody = (overrides: Record<string, unknown> = {}) => ({
    forumId: ntb.forumId,
    meetingId: ntb.meetingId,
    title: 'Kesepakatan lintas sektor percepatan penurunan stunting NTB',
    text: 'Dinas Kesehatan mengoordinasikan dan menyediakan data; Bank NTB Syariah memberikan dukungan CSR; TP PKK menggerakkan Posyandu dan PHBS.',
    partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk],
    effectiveFrom: '2025-12-01',
    effectiveUntil: '2026-12-31',
    ...overrides,
  });

  describe('POST /agreements', () => {
    it('records the NTB agreement made at the Mataram meeting: 201, Location, and GET shows it in force', async () => {
      const created = await ledger.http.post('/agreements').send(agreementBody()).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
      expect(created.headers.location).toBe(`/agreements/${created.body.id}`);

      const read = await ledger.http.get(created.headers.location).expect(200);
      expect(read.headers.etag).toBe('"0"');
      expect(read.body).toEqual({
        id: created.body.id,
        revision: 0,
        forumId: ntb.forumId,
        meetingId: ntb.meetingId,
        title: 'Kesepakatan lintas sektor percepatan penurunan stunting NTB',
        text: expect.stringContaining('TP PKK menggerakkan Posyandu'),
        partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk],
        effectiveFrom: '2025-12-01',
        effectiveUntil: '2026-12-31',
        status: 'in-force',
        terminatedOn: null,
        terminationReason: null,
        corrections: [],
        amendments: [],
      });
    });

    it('an agreement need not come from a recorded meeting nor have an end date: both read as null', async () => {
      const { meetingId: _meeting, effectiveUntil: _until, ...body } = agreementBody();
      const created = await ledger.http.post('/agreements').send(body).expect(201);
      const read = await ledger.http.get(`/agreements/${created.body.id}`).expect(200);
      expect(read.body).toMatchObject({ meetingId: null, effectiveUntil: null, status: 'in-force' });
    });

    it('refuses malformed input, impossible dates included, with 400 naming every field, and records nothing', async () => {
      const before = await eventCount();
      const res = await ledger.http
        .post('/agreements')
        .send({
          forumId: 'forum-ntb',
          meetingId: 7,
          title: ' ',
          text: 'x'.repeat(20_001),
          partyPartnerIds: [ntb.dinkes, 'bank'],
          effectiveFrom: '2025-02-30',
          effectiveUntil: '31/12/2026',
          signedBy: 'Kadis',
        })
        .expect(400);
      expect(fields(res)).toEqual(
        expect.arrayContaining(['forumId', 'meetingId', 'title', 'text', 'partyPartnerIds', 'effectiveFrom', 'effectiveUntil', 'signedBy']),
      );
      expect(await eventCount()).toBe(before);
    });

    it('accepts a text of 20 000 characters', async () => {
      await ledger.http.post('/agreements').send(agreementBody({ text: 'a'.repeat(20_000) })).expect(201);
    });

    it('needs at least one party, each listed once', async () => {
      const none = await ledger.http.post('/agreements').send(agreementBody({ partyPartnerIds: [] })).expect(400);
      expect(fields(none)).toEqual(['partyPartnerIds']);
      const twice = await ledger.http.post('/agreements').send(agreementBody({ partyPartnerIds: [ntb.bank, ntb.bank] })).expect(400);
      expect(fields(twice)).toEqual(['partyPartnerIds']);
    });

    it('refuses a forum that is not established with 422 forum-not-found, recording nothing', async () => {
      const before = await eventCount();
      const res = await ledger.http.post('/agreements').send(agreementBody({ forumId: UNKNOWN_ID, meetingId: null })).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'forum-not-found' });
      expect(await eventCount()).toBe(before);
    });

    it('refuses a meeting of another forum with 422 meeting-not-in-forum', async () => {
      const mataramForum = await establishForum(ledger, ntb.dinkes, { name: 'Forum Kemitraan Kota Mataram', regionCode: '52.71' });
      const otherMeeting = await recordMeeting(ledger, mataramForum, [ntb.dinkes, ntb.pkk], { title: 'Lokakarya mini', heldOn: '2025-11-20' });
      const before = await eventCount();
      const res = await ledger.http.post('/agreements').send(agreementBody({ meetingId: otherMeeting })).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'meeting-not-in-forum' });
      const unknown = await ledger.http.post('/agreements').send(agreementBody({ meetingId: UNKNOWN_ID })).expect(422);
      expect(unknown.body.rule).toBe('meeting-not-in-forum');
      expect(await eventCount()).toBe(before);
    });

    it('refuses a party that is not a registered partner with 422 partner-not-registered', async () => {
      const res = await ledger.http.post('/agreements').send(agreementBody({ partyPartnerIds: [ntb.dinkes, UNKNOWN_ID] })).expect(422);
      expect(res.body).toMatchObject({ rule: 'partner-not-registered', details: { partnerIds: [UNKNOWN_ID] } });
    });

    it('refuses a deactivated partner as a new party with 422 partner-deactivated', async () => {
      await ledger.http.post(`/partners/${ntb.bank}/deactivation`).send({ reason: 'Merged' }).expect(200);
      const res = await ledger.http.post('/agreements').send(agreementBody()).expect(422);
      expect(res.body).toMatchObject({ rule: 'partner-deactivated', details: { partnerIds: [ntb.bank] } });
    });

    it('refuses a term that ends before it starts with 422 agreement-term-invalid, recording nothing', async () => {
      const before = await eventCount();
      const res = await ledger.http.post('/agreements').send(agreementBody({ effectiveFrom: '2026-01-01', effectiveUntil: '2025-12-31' })).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'agreement-term-invalid', details: { effectiveFrom: '2026-01-01', effectiveUntil: '2025-12-31' } });
      expect(await eventCount()).toBe(before);
    });

    it('a retry with the same Idempotency-Key answers the first response and records one agreement', async () => {
      const before = await eventCount();
      const first = await ledger.http.post('/agreements').set('Idempotency-Key', 'pks-ntb-2025').send(agreementBody()).expect(201);
      const retry = await ledger.http.post('/agreements').set('Idempotency-Key', 'pks-ntb-2025').send(agreementBody()).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(first.headers.location);
      expect(await eventCount()).toBe(before + 1);
    });
  });

  describe('POST /agreements/:id/corrections (ralat)', () => {
    it('fixes a recording error: the event keeps the values it replaced and GET shows the corrected ones', async () => {
      const res = await ledger.http
        .post(`/agreements/${ntb.agreementId}/corrections`)
        .send({ reason: 'Salah ketik tanggal berlaku pada notulen', changes: { effectiveFrom: '2025-12-01', title: 'Kesepakatan kemitraan kesehatan masyarakat Provinsi NTB' } })
        .expect(200);
      expect(res.body).toEqual({ id: ntb.agreementId, revision: 1, position: expect.any(Number) });
      expect(res.headers.location).toBeUndefined();

      const events = await stream();
      expect(events.map((e) => e.type)).toEqual(['AgreementRecorded', 'AgreementCorrected']);
      expect(events[1].data).toEqual({
        agreementId: ntb.agreementId,
        reason: 'Salah ketik tanggal berlaku pada notulen',
        changes: { effectiveFrom: '2025-12-01', title: 'Kesepakatan kemitraan kesehatan masyarakat Provinsi NTB' },
        previous: { effectiveFrom: '2025-11-25', title: 'Kesepakatan kemitraan kesehatan masyarakat NTB' },
      });
      expect(events[0].data).toMatchObject({ effectiveFrom: '2025-11-25' });

      const read = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.body).toMatchObject({
        revision: 1,
        effectiveFrom: '2025-12-01',
        title: 'Kesepakatan kemitraan kesehatan masyarakat Provinsi NTB',
        corrections: [
          {
            reason: 'Salah ketik tanggal berlaku pada notulen',
            changes: { effectiveFrom: '2025-12-01', title: 'Kesepakatan kemitraan kesehatan masyarakat Provinsi NTB' },
            previous: { effectiveFrom: '2025-11-25', title: 'Kesepakatan kemitraan kesehatan masyarakat NTB' },
          },
        ],
        amendments: [],
      });
    });

    it('records only the fields that really change', async () => {
      await ledger.http
        .post(`/agreements/${ntb.agreementId}/corrections`)
        .send({ reason: 'Nama pihak', changes: { partyPartnerIds: [ntb.dinkes, ntb.pkk], effectiveUntil: '2026-12-31' } })
        .expect(200);
      const [, corrected] = await stream();
      expect(corrected.data).toMatchObject({ changes: { partyPartnerIds: [ntb.dinkes, ntb.pkk] }, previous: { partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk] } });
    });

    it('can unlink the meeting and open the term with null', async () => {
      await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Bukan hasil rapat itu', changes: { meetingId: null, effectiveUntil: null } }).expect(200);
      const read = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      expect(read.body).toMatchObject({ meetingId: null, effectiveUntil: null });
      expect(read.body.corrections[0].previous).toEqual({ meetingId: ntb.meetingId, effectiveUntil: '2026-12-31' });
    });

    it('refuses an empty changes object with 400 naming changes, and a missing one too', async () => {
      const empty = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Ralat', changes: {} }).expect(400);
      expect(empty.body.errors).toEqual([{ field: 'changes', problems: [expect.stringContaining('must change at least one field')] }]);
      const missing = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Ralat' }).expect(400);
      expect(fields(missing)).toEqual(['changes']);
      expect(await stream()).toHaveLength(1);
    });

    it('refuses malformed changes with 400 naming each field: the forum cannot be corrected, dates must be real', async () => {
      const res = await ledger.http
        .post(`/agreements/${ntb.agreementId}/corrections`)
        .send({ reason: '', changes: { forumId: UNKNOWN_ID, effectiveFrom: '2025-11-31', title: null, partyPartnerIds: 'all' } })
        .expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['reason', 'changes.forumId', 'changes.effectiveFrom', 'changes.title', 'changes.partyPartnerIds']));
      expect(await stream()).toHaveLength(1);
    });

    it('answers 422 no-changes when every value is already as recorded', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Ralat', changes: { effectiveFrom: '2025-11-25' } }).expect(422);
      expect(res.body).toMatchObject({ rule: 'no-changes' });
      expect(await stream()).toHaveLength(1);
    });

    it('refuses a correction to a meeting of another forum with 422 meeting-not-in-forum', async () => {
      const mataramForum = await establishForum(ledger, ntb.dinkes, { name: 'Forum Kemitraan Kota Mataram', regionCode: '52.71' });
      const otherMeeting = await recordMeeting(ledger, mataramForum, [ntb.dinkes]);
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Rapat lain', changes: { meetingId: otherMeeting } }).expect(422);
      expect(res.body.rule).toBe('meeting-not-in-forum');
      const sameForum = await recordMeeting(ledger, ntb.forumId, [ntb.dinkes, ntb.bank], { title: 'Rapat teknis', heldOn: '2025-11-26' });
      await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Rapat teknis', changes: { meetingId: sameForum } }).expect(200);
    });

    it('refuses a correction whose term would end before it starts with 422 agreement-term-invalid', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).send({ reason: 'Ralat', changes: { effectiveUntil: '2025-11-24' } }).expect(422);
      expect(res.body).toMatchObject({ rule: 'agreement-term-invalid' });
      expect(await stream()).toHaveLength(1);
    });

    it('refuses a stale If-Match with 412 and appends nothing', async () => {
      await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).set('If-Match', '"0"').send({ reason: 'Ralat 1', changes: { title: 'Judul A' } }).expect(200);
      const stale = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).set('If-Match', '"0"').send({ reason: 'Ralat 2', changes: { title: 'Judul B' } }).expect(412);
      expect(stale.body).toMatchObject({ status: 412, expectedRevision: 0, currentRevision: 1 });
      expect(await stream()).toHaveLength(2);
      const read = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      expect(read.body.title).toBe('Judul A');
    });

    it('answers 404 for an unknown or malformed agreement id', async () => {
      await ledger.http.post(`/agreements/${UNKNOWN_ID}/corrections`).send({ reason: 'Ralat', changes: { title: 'X' } }).expect(404);
      await ledger.http.post('/agreements/pks-1/corrections').send({ reason: 'Ralat', changes: { title: 'X' } }).expect(404);
      expect(await stream(UNKNOWN_ID)).toHaveLength(0);
    });
  });

  describe('POST /agreements/:id/amendments (adendum)', () => {
    it('amends from today (WIB) by default, numbering amendments and keeping the replaced values', async () => {
      const res = await ledger.http
        .post(`/agreements/${ntb.agreementId}/amendments`)
        .send({ rationale: 'Perpanjangan hasil rapat evaluasi', changes: { effectiveUntil: '2027-12-31' } })
        .expect(200);
      expect(res.body).toEqual({ id: ntb.agreementId, revision: 1, position: expect.any(Number) });

      const [, amended] = await stream();
      expect(amended.type).toBe('AgreementAmended');
      expect(amended.data).toEqual({
        agreementId: ntb.agreementId,
        amendmentNumber: 1,
        rationale: 'Perpanjangan hasil rapat evaluasi',
        changes: { effectiveUntil: '2027-12-31' },
        previous: { effectiveUntil: '2026-12-31' },
        amendedOn: TODAY_WIB,
      });
    });

    it('adds a party with an explicit date, and GET lists each amendment', async () => {
      const idi = await registerPartner(ledger, { name: 'IDI Wilayah NTB', sector: 'professional', regionCode: '52' });
      await ledger.http.post(`/agreements/${ntb.agreementId}/amendments`).send({ rationale: 'Perpanjangan', changes: { effectiveUntil: '2027-12-31' } }).expect(200);
      await ledger.http
        .post(`/agreements/${ntb.agreementId}/amendments`)
        .send({ rationale: 'IDI bergabung untuk standar mutu', changes: { partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk, idi] }, amendedOn: '2026-04-01' })
        .expect(200);
      const read = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      expect(read.body).toMatchObject({
        revision: 2,
        effectiveFrom: '2025-11-25',
        effectiveUntil: '2027-12-31',
        partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk, idi],
        status: 'in-force',
        amendments: [
          { amendmentNumber: 1, rationale: 'Perpanjangan', amendedOn: TODAY_WIB, changes: { effectiveUntil: '2027-12-31' }, previous: { effectiveUntil: '2026-12-31' } },
          {
            amendmentNumber: 2,
            rationale: 'IDI bergabung untuk standar mutu',
            amendedOn: '2026-04-01',
            changes: { partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk, idi] },
            previous: { partyPartnerIds: [ntb.dinkes, ntb.bank, ntb.pkk] },
          },
        ],
        corrections: [],
      });
    });

    it('refuses an empty changes object with 400 naming changes', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/amendments`).send({ rationale: 'Adendum', changes: {} }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'changes', problems: [expect.stringContaining('must change at least one field')] }]);
      expect(await stream()).toHaveLength(1);
    });

    it('refuses malformed input with 400: the start cannot be amended, dates must be real, a rationale is required', async () => {
      const res = await ledger.http
        .post(`/agreements/${ntb.agreementId}/amendments`)
        .send({ changes: { effectiveFrom: '2026-01-01', effectiveUntil: '2026-02-29' }, amendedOn: '2026-02-30' })
        .expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['rationale', 'changes.effectiveFrom', 'changes.effectiveUntil', 'amendedOn']));
      expect(await stream()).toHaveLength(1);
    });

    it('refuses to amend a terminated agreement with 422 agreement-terminated, appending nothing', async () => {
      await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ reason: 'Program selesai' }).expect(200);
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/amendments`).send({ rationale: 'Perpanjangan', changes: { effectiveUntil: '2027-12-31' } }).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'agreement-terminated' });
      expect(await stream()).toHaveLength(2);
    });

    it('refuses an unregistered new party with 422 partner-not-registered', async () => {
      const res = await ledger.http
        .post(`/agreements/${ntb.agreementId}/amendments`)
        .send({ rationale: 'Mitra baru', changes: { partyPartnerIds: [ntb.dinkes, UNKNOWN_ID] } })
        .expect(422);
      expect(res.body.rule).toBe('partner-not-registered');
    });

    it('refuses an end date before the start with 422 agreement-term-invalid', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/amendments`).send({ rationale: 'Dipersingkat', changes: { effectiveUntil: '2025-01-31' } }).expect(422);
      expect(res.body.rule).toBe('agreement-term-invalid');
    });

    it('answers 422 no-changes when the amendment changes nothing', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/amendments`).send({ rationale: 'Adendum', changes: { effectiveUntil: '2026-12-31' } }).expect(422);
      expect(res.body.rule).toBe('no-changes');
    });

    it('answers 404 for an unknown agreement', async () => {
      await ledger.http.post(`/agreements/${UNKNOWN_ID}/amendments`).send({ rationale: 'Adendum', changes: { title: 'X' } }).expect(404);
    });
  });

  describe('POST /agreements/:id/termination', () => {
    it('terminates today (WIB) by default; GET shows it terminated, with the date and reason', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ reason: 'Program selesai lebih awal' }).expect(200);
      expect(res.body).toEqual({ id: ntb.agreementId, revision: 1, position: expect.any(Number) });
      const read = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      expect(read.body).toMatchObject({ status: 'terminated', terminatedOn: TODAY_WIB, terminationReason: 'Program selesai lebih awal' });
    });

    it('takes an explicit termination date', async () => {
      await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ reason: 'Diganti PKS baru', terminatedOn: '2026-01-31' }).expect(200);
      const read = await ledger.http.get(`/agreements/${ntb.agreementId}`).expect(200);
      expect(read.body.terminatedOn).toBe('2026-01-31');
    });

    it('refuses a termination before the agreement starts with 422 termination-before-start', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ reason: 'Batal', terminatedOn: '2025-11-24' }).expect(422);
      expect(res.body.rule).toBe('termination-before-start');
      expect(await stream()).toHaveLength(1);
    });

    it('refuses to terminate twice with 422 agreement-terminated', async () => {
      await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ reason: 'Selesai' }).expect(200);
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ reason: 'Selesai lagi' }).expect(422);
      expect(res.body.rule).toBe('agreement-terminated');
      expect(await stream()).toHaveLength(2);
    });

    it('refuses malformed input with 400 naming the fields', async () => {
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).send({ terminatedOn: '2026-13-01' }).expect(400);
      expect(fields(res)).toEqual(expect.arrayContaining(['reason', 'terminatedOn']));
      await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).expect(400);
      expect(await stream()).toHaveLength(1);
    });

    it('answers 404 for an unknown agreement', async () => {
      await ledger.http.post(`/agreements/${UNKNOWN_ID}/termination`).send({ reason: 'Selesai' }).expect(404);
    });
  });

  describe('who may write', () => {
    it('a partner user, even a party, cannot record, correct, amend or terminate: 403 agreement-write-requires-secretariat, nothing appended', async () => {
      const before = await eventCount();
      const party = asPartner(ntb.bank);
      const record = await ledger.http.post('/agreements').set(party).send(agreementBody()).expect(403);
      expect(record.body).toMatchObject({ status: 403, rule: 'agreement-write-requires-secretariat' });
      const correct = await ledger.http.post(`/agreements/${ntb.agreementId}/corrections`).set(party).send({ reason: 'Salah ketik', changes: { title: 'Judul baru' } }).expect(403);
      expect(correct.body.rule).toBe('agreement-write-requires-secretariat');
      const amend = await ledger.http.post(`/agreements/${ntb.agreementId}/amendments`).set(party).send({ rationale: 'Diperpanjang', changes: { effectiveUntil: '2027-06-30' } }).expect(403);
      expect(amend.body.rule).toBe('agreement-write-requires-secretariat');
      const terminate = await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).set(party).send({ reason: 'Selesai' }).expect(403);
      expect(terminate.body.rule).toBe('agreement-write-requires-secretariat');
      expect(await eventCount()).toBe(before);
    });

    it('an auditor writes nothing: 403 auditor-read-only', async () => {
      const before = await eventCount();
      const res = await ledger.http.post(`/agreements/${ntb.agreementId}/termination`).set(asAuditor()).send({ reason: 'Selesai' }).expect(403);
      expect(res.body).toMatchObject({ status: 403, rule: 'auditor-read-only' });
      expect(await eventCount()).toBe(before);
    });
  });

  describe('GET /agreements/:id', () => {
    it('answers 404 for an unknown or malformed id', async () => {
      await ledger.http.get(`/agreements/${UNKNOWN_ID}`).expect(404);
      const res = await ledger.http.get('/agreements/pks-ntb').expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('an agreement recorded through the fixtures reads back under its forum and meeting', async () => {
      const other = await recordAgreement(ledger, ntb.forumId, [ntb.bank]);
      const read = await ledger.http.get(`/agreements/${other}`).expect(200);
      expect(read.body).toMatchObject({ forumId: ntb.forumId, meetingId: null, partyPartnerIds: [ntb.bank] });
    });
  });
});
