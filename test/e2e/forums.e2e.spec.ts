import { forumStreamId } from '@ikrar/domain';
import { asAuditor, asPartner, establishForum, recordMeeting, registerPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

const UNKNOWN_ID = '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00';

describe('forums and their meetings', () => {
  let ledger: TestLedger;
  let dinkes: string;
  let bank: string;
  let pkk: string;

  beforeEach(async () => {
    ledger = await startTestLedger();
    dinkes = await registerPartner(ledger);
    bank = await registerPartner(ledger, { name: 'PT Bank NTB Syariah', sector: 'business', regionCode: '52.71' });
    pkk = await registerPartner(ledger, { name: 'TP PKK Provinsi NTB', sector: 'womens', regionCode: '52' });
  });
  afterEach(async () => {
    await ledger.close();
  });

  const ntbForum = () => ({
    name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
    regionCode: '52',
    programmes: ['stunting', 'phbs', 'posyandu'],
    secretariatPartnerId: dinkes,
  });

  const mataramMeeting = () => ({
    title: 'Pertemuan Kemitraan Kesehatan Lintas Sektor',
    heldOn: '2025-11-25',
    location: 'Mataram',
    attendeePartnerIds: [dinkes, bank, pkk],
  });

  const eventCount = async () => (await ledger.store.readAll()).length;

  describe('POST /forums', () => {
    it('establishes a forum with the Dinas Kesehatan as secretariat: 201, Location, and GET shows it with its ETag', async () => {
      const created = await ledger.http.post('/forums').send(ntbForum()).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
      expect(created.headers.location).toBe(`/forums/${created.body.id}`);
      expect(created.headers.etag).toBe('"0"');

      const read = await ledger.http.get(created.headers.location).expect(200);
      expect(read.headers.etag).toBe('"0"');
      expect(read.body).toEqual({
        id: created.body.id,
        revision: 0,
        name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
        regionCode: '52',
        programmes: ['stunting', 'phbs', 'posyandu'],
        secretariatPartnerId: dinkes,
        status: 'established',
        meetings: [],
      });
      const [event] = await ledger.store.readStream(forumStreamId(created.body.id));
      expect(event.type).toBe('ForumEstablished');
      expect(event.metadata.actor).toEqual({ userId: 'test-admin', role: 'admin' });
    });

    it('refuses malformed input with 400 naming every offending field, and records nothing', async () => {
      const before = await eventCount();
      const res = await ledger.http
        .post('/forums')
        .send({ name: '  ', regionCode: '5271', programmes: ['stunting', 'gizi'], secretariatPartnerId: 'dinkes', extra: true })
        .expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'regionCode', 'programmes', 'secretariatPartnerId', 'extra']));
      expect(await eventCount()).toBe(before);
    });

    it('needs at least one programme, each listed once', async () => {
      const none = await ledger.http.post('/forums').send({ ...ntbForum(), programmes: [] }).expect(400);
      expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(['programmes']);
      const twice = await ledger.http.post('/forums').send({ ...ntbForum(), programmes: ['kb', 'kb'] }).expect(400);
      expect(twice.body.errors).toEqual([{ field: 'programmes', problems: [expect.stringContaining('twice')] }]);
      const missing = await ledger.http.post('/forums').send({ ...ntbForum(), programmes: undefined }).expect(400);
      expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual(['programmes']);
    });

    it('refuses a secretariat partner that is not registered with 422 partner-not-registered, recording nothing', async () => {
      const before = await eventCount();
      const res = await ledger.http.post('/forums').send({ ...ntbForum(), secretariatPartnerId: UNKNOWN_ID }).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'partner-not-registered' });
      expect(await eventCount()).toBe(before);
    });

    it('refuses a deactivated secretariat partner with 422 partner-deactivated', async () => {
      await ledger.http.post(`/partners/${dinkes}/deactivation`).send({ reason: 'Reorganisasi OPD' }).expect(200);
      const before = await eventCount();
      const res = await ledger.http.post('/forums').send(ntbForum()).expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'partner-deactivated' });
      expect(await eventCount()).toBe(before);
    });

    it('a retry with the same Idempotency-Key answers the first response and establishes one forum', async () => {
      const first = await ledger.http.post('/forums').set('Idempotency-Key', 'forum-ntb-1').send(ntbForum()).expect(201);
      const retry = await ledger.http.post('/forums').set('Idempotency-Key', 'forum-ntb-1').send(ntbForum()).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(first.headers.location);
      const forums = (await ledger.store.readAll()).filter((e) => e.type === 'ForumEstablished');
      expect(forums).toHaveLength(1);
    });
  });

  describe('POST /forums/:id/meetings', () => {
    let forumId: string;
    beforeEach(async () => {
      forumId = await establishForum(ledger, dinkes);
    });

    it('records the Mataram meeting: 201, the meeting id, the forum revision and a Location that reads back', async () => {
      const created = await ledger.http.post(`/forums/${forumId}/meetings`).send(mataramMeeting()).expect(201);
      expect(created.body).toEqual({ id: expect.any(String), revision: 1, position: expect.any(Number) });
      const meetingId = created.body.id;
      expect(meetingId).not.toBe(forumId);
      expect(created.headers.location).toBe(`/forums/${forumId}/meetings/${meetingId}`);
      expect(created.headers.etag).toBe('"1"');

      const meeting = await ledger.http.get(created.headers.location).expect(200);
      expect(meeting.headers.etag).toBe('"1"');
      expect(meeting.body).toMatchObject({
        forumId,
        meetingId,
        revision: 1,
        title: 'Pertemuan Kemitraan Kesehatan Lintas Sektor',
        heldOn: '2025-11-25',
        location: 'Mataram',
        attendeePartnerIds: [dinkes, bank, pkk],
      });

      const forum = await ledger.http.get(`/forums/${forumId}`).expect(200);
      expect(forum.body.revision).toBe(1);
      expect(forum.body.meetings).toEqual([
        { meetingId, title: 'Pertemuan Kemitraan Kesehatan Lintas Sektor', heldOn: '2025-11-25', location: 'Mataram', attendeePartnerIds: [dinkes, bank, pkk] },
      ]);
    });

    it('dates the meeting fact on the meeting day (00:00 WIB), not on the day it was typed in', async () => {
      await ledger.http.post(`/forums/${forumId}/meetings`).send(mataramMeeting()).expect(201);
      const [, meeting] = await ledger.store.readStream(forumStreamId(forumId));
      expect(meeting.type).toBe('MeetingRecorded');
      expect(meeting.metadata.occurredAt).toBe('2025-11-24T17:00:00.000Z');
    });

    it('keeps meetings in the order they were recorded', async () => {
      const first = await recordMeeting(ledger, forumId, [dinkes, pkk], { title: 'Orientasi CKG Kescatin-KB', heldOn: '2025-11-16' });
      const second = await recordMeeting(ledger, forumId, [dinkes, bank, pkk]);
      const forum = await ledger.http.get(`/forums/${forumId}`).expect(200);
      expect(forum.body.meetings.map((m: { meetingId: string }) => m.meetingId)).toEqual([first, second]);
    });

    it('refuses malformed input, impossible dates included, with 400 naming the fields, and records nothing', async () => {
      const res = await ledger.http
        .post(`/forums/${forumId}/meetings`)
        .send({ title: '', heldOn: '2025-02-30', location: 42, attendeePartnerIds: [dinkes, 'pkk'] })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'heldOn', 'location', 'attendeePartnerIds']));
      expect(await ledger.store.readStream(forumStreamId(forumId))).toHaveLength(1);
    });

    it('needs at least one attendee, each listed once', async () => {
      const none = await ledger.http.post(`/forums/${forumId}/meetings`).send({ ...mataramMeeting(), attendeePartnerIds: [] }).expect(400);
      expect(none.body.errors.map((e: { field: string }) => e.field)).toEqual(['attendeePartnerIds']);
      const twice = await ledger.http.post(`/forums/${forumId}/meetings`).send({ ...mataramMeeting(), attendeePartnerIds: [bank, bank] }).expect(400);
      expect(twice.body.errors.map((e: { field: string }) => e.field)).toEqual(['attendeePartnerIds']);
    });

    it('refuses an attendee that is not a registered partner with 422, appending nothing', async () => {
      const res = await ledger.http
        .post(`/forums/${forumId}/meetings`)
        .send({ ...mataramMeeting(), attendeePartnerIds: [dinkes, UNKNOWN_ID] })
        .expect(422);
      expect(res.body).toMatchObject({ status: 422, rule: 'partner-not-registered', details: { partnerIds: [UNKNOWN_ID] } });
      expect(await ledger.store.readStream(forumStreamId(forumId))).toHaveLength(1);
    });

    it('records a partner deactivated since as having attended: attendance is history', async () => {
      await ledger.http.post(`/partners/${bank}/deactivation`).send({ reason: 'Merged' }).expect(200);
      await ledger.http.post(`/forums/${forumId}/meetings`).send(mataramMeeting()).expect(201);
    });

    it('answers 404 for a meeting of an unknown or malformed forum id', async () => {
      const res = await ledger.http.post(`/forums/${UNKNOWN_ID}/meetings`).send(mataramMeeting()).expect(404);
      expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
      await ledger.http.post('/forums/forum-ntb/meetings').send(mataramMeeting()).expect(404);
      expect(await ledger.store.readStream(forumStreamId(UNKNOWN_ID))).toHaveLength(0);
    });

    it('refuses a stale If-Match with 412 and appends nothing', async () => {
      await ledger.http.post(`/forums/${forumId}/meetings`).set('If-Match', '"0"').send(mataramMeeting()).expect(201);
      const stale = await ledger.http
        .post(`/forums/${forumId}/meetings`)
        .set('If-Match', '"0"')
        .send({ ...mataramMeeting(), title: 'Rapat evaluasi' })
        .expect(412);
      expect(stale.body).toMatchObject({ status: 412, expectedRevision: 0, currentRevision: 1 });
      expect(await ledger.store.readStream(forumStreamId(forumId))).toHaveLength(2);
    });

    it('a retry with the same Idempotency-Key records the meeting once, under the same meeting id', async () => {
      const first = await ledger.http.post(`/forums/${forumId}/meetings`).set('Idempotency-Key', 'meeting-mataram').send(mataramMeeting()).expect(201);
      const retry = await ledger.http.post(`/forums/${forumId}/meetings`).set('Idempotency-Key', 'meeting-mataram').send(mataramMeeting()).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(first.headers.location);
      expect(await ledger.store.readStream(forumStreamId(forumId))).toHaveLength(2);
    });
  });

  describe('who may write', () => {
    it('a partner user, even the secretariat partner, cannot establish a forum (403 forum-write-requires-secretariat) nor see one to record a meeting in (404)', async () => {
      const before = await eventCount();
      const establish = await ledger.http.post('/forums').set(asPartner(dinkes)).send(ntbForum()).expect(403);
      expect(establish.body).toMatchObject({ status: 403, rule: 'forum-write-requires-secretariat' });
      expect(await eventCount()).toBe(before);

      const forumId = await establishForum(ledger, dinkes);
      await ledger.http.post(`/forums/${forumId}/meetings`).set(asPartner(dinkes)).send(mataramMeeting()).expect(404);
      expect(await ledger.store.readStream(forumStreamId(forumId))).toHaveLength(1);
    });

    it('an auditor writes nothing: 403 auditor-read-only', async () => {
      const before = await eventCount();
      const res = await ledger.http.post('/forums').set(asAuditor()).send(ntbForum()).expect(403);
      expect(res.body).toMatchObject({ status: 403, rule: 'auditor-read-only' });
      expect(await eventCount()).toBe(before);
    });
  });

  describe('GET', () => {
    it('answers 404 for an unknown or malformed forum id', async () => {
      await ledger.http.get(`/forums/${UNKNOWN_ID}`).expect(404);
      const res = await ledger.http.get('/forums/not-a-uuid').expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    });

    it('answers 404 for a meeting the forum does not hold', async () => {
      const forumId = await establishForum(ledger, dinkes);
      const otherForum = await establishForum(ledger, dinkes, { name: 'Forum Kemitraan Kota Mataram', regionCode: '52.71' });
      const meetingId = await recordMeeting(ledger, otherForum, [dinkes]);
      await ledger.http.get(`/forums/${otherForum}/meetings/${meetingId}`).expect(200);
      await ledger.http.get(`/forums/${forumId}/meetings/${meetingId}`).expect(404);
      await ledger.http.get(`/forums/${forumId}/meetings/${UNKNOWN_ID}`).expect(404);
      await ledger.http.get(`/forums/${forumId}/meetings/not-a-uuid`).expect(404);
      await ledger.http.get(`/forums/${UNKNOWN_ID}/meetings/${meetingId}`).expect(404);
    });
  });
});
