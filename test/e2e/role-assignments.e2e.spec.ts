import { deterministicId } from '@ikrar/application';
import { roleAssignmentKey, roleAssignmentStreamId } from '@ikrar/domain';
import { asAuditor, asPartner, ntbScenario } from '../support/fixtures';
import { fixedClock, startTestLedger, TestLedger } from '../support/ledger-app';

type Scenario = Awaited<ReturnType<typeof ntbScenario>>;

describe('role assignments', () => {
  let ledger: TestLedger;
  let ntb: Scenario;
  beforeEach(async () => {
    // "Today" is 15 April 2026 in Mataram (WIB).
    ledger = await startTestLedger({ clock: fixedClock('2026-04-15T03:00:00Z') });
    ntb = await ntbScenario(ledger);
  });
  afterEach(async () => {
    await ledger.close();
  });

  const inForum = (overrides: Record<string, unknown> = {}) => ({
    partnerId: ntb.pkk,
    role: 'community-mobiliser',
    forumId: ntb.forumId,
    validFrom: '2026-01-01',
    validUntil: '2026-06-30',
    ...overrides,
  });

  const events = (id: string) => ledger.store.readStream(roleAssignmentStreamId(id));
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('assigns a role in a forum: 201, Location, and GET shows the role, its scope, its IATI role and its period', async () => {
    const created = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
    expect(created.headers.location).toBe(`/role-assignments/${created.body.id}`);

    const read = await ledger.http.get(created.headers.location).expect(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toEqual({
      id: created.body.id,
      revision: 0,
      partnerId: ntb.pkk,
      role: 'community-mobiliser',
      forumId: ntb.forumId,
      agreementId: null,
      validFrom: '2026-01-01',
      validUntil: '2026-06-30',
      status: 'active',
      iatiOrganisationRole: 4,
      periods: [{ validFrom: '2026-01-01', validUntil: '2026-06-30', revokedOn: null, revocationReason: null }],
    });
  });

  it('the same partner, role and scope always address one assignment (its id is derived from them)', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const key = roleAssignmentKey({ scopeType: 'forum', scopeId: ntb.forumId, partnerId: ntb.pkk, role: 'community-mobiliser' });
    expect(body.id).toBe(deterministicId(`role-assignment\u0000${key}`));
    const otherRole = await ledger.http.post('/role-assignments').send(inForum({ role: 'technical-support' })).expect(201);
    expect(otherRole.body.id).not.toBe(body.id);
  });

  it('assigns a role in an agreement, open-ended until revoked', async () => {
    const { body } = await ledger.http
      .post('/role-assignments')
      .send({ partnerId: ntb.bank, role: 'funding-supporter', agreementId: ntb.agreementId, validFrom: '2025-11-25' })
      .expect(201);
    const read = await ledger.http.get(`/role-assignments/${body.id}`).expect(200);
    expect(read.body).toMatchObject({ forumId: null, agreementId: ntb.agreementId, validUntil: null, status: 'active', iatiOrganisationRole: 1 });
  });

  it('refuses an overlapping period of the same role in the same scope with 422, and records nothing', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const res = await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2026-06-01', validUntil: '2026-12-31' })).expect(422);
    expect(res.body).toMatchObject({ status: 422, rule: 'role-period-overlaps' });
    const open = await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2025-12-01', validUntil: undefined })).expect(422);
    expect(open.body.rule).toBe('role-period-overlaps');
    expect(await events(body.id)).toHaveLength(1);
  });

  it('accepts a later, non-overlapping period of the same assignment with 200 and keeps both periods', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const later = await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2026-07-01', validUntil: '2026-12-31' })).expect(200);
    expect(later.body).toEqual({ id: body.id, revision: 1, position: expect.any(Number) });
    expect(later.headers.location).toBeUndefined();
    const read = await ledger.http.get(`/role-assignments/${body.id}`).expect(200);
    expect(read.body).toMatchObject({ revision: 1, validFrom: '2026-07-01', validUntil: '2026-12-31', status: 'active' });
    expect(read.body.periods.map((p: { validFrom: string }) => p.validFrom)).toEqual(['2026-01-01', '2026-07-01']);
  });

  it('revokes a role; it can be assigned again only after the revocation date', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum({ validUntil: undefined })).expect(201);
    const revoked = await ledger.http
      .post(`/role-assignments/${body.id}/revocation`)
      .send({ reason: 'Digantikan sesuai hasil rapat evaluasi', revokedOn: '2026-03-31' })
      .expect(200);
    expect(revoked.body).toEqual({ id: body.id, revision: 1, position: expect.any(Number) });
    const read = await ledger.http.get(`/role-assignments/${body.id}`).expect(200);
    expect(read.body).toMatchObject({ status: 'revoked', validUntil: null });
    expect(read.body.periods[0]).toEqual({
      validFrom: '2026-01-01',
      validUntil: null,
      revokedOn: '2026-03-31',
      revocationReason: 'Digantikan sesuai hasil rapat evaluasi',
    });

    const tooEarly = await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2026-03-31', validUntil: undefined })).expect(422);
    expect(tooEarly.body.rule).toBe('role-period-overlaps');
    await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2026-04-01', validUntil: undefined })).expect(200);
    const again = await ledger.http.get(`/role-assignments/${body.id}`).expect(200);
    expect(again.body).toMatchObject({ status: 'active', validFrom: '2026-04-01', revision: 2 });
    expect(again.body.periods).toHaveLength(2);
  });

  it('revocation defaults to today (WIB)', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    await ledger.http.post(`/role-assignments/${body.id}/revocation`).send({ reason: 'Mitra mengundurkan diri' }).expect(200);
    const [, event] = await events(body.id);
    expect(event).toMatchObject({ type: 'RoleRevoked', data: { revokedOn: '2026-04-15', reason: 'Mitra mengundurkan diri' } });
  });

  it('a role whose period ended before today reads as ended (derived, not stored)', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2025-12-01', validUntil: '2026-01-31' })).expect(201);
    const read = await ledger.http.get(`/role-assignments/${body.id}`).expect(200);
    expect(read.body.status).toBe('ended');
    expect((await events(body.id)).map((e) => e.type)).toEqual(['RoleAssigned']);
  });

  it('refuses to revoke a role twice, or one that ended before the revocation date, with 422', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const late = await ledger.http.post(`/role-assignments/${body.id}/revocation`).send({ reason: 'x', revokedOn: '2026-07-15' }).expect(422);
    expect(late.body.rule).toBe('role-assignment-not-active');
    await ledger.http.post(`/role-assignments/${body.id}/revocation`).send({ reason: 'x', revokedOn: '2026-04-01' }).expect(200);
    const twice = await ledger.http.post(`/role-assignments/${body.id}/revocation`).send({ reason: 'x', revokedOn: '2026-04-02' }).expect(422);
    expect(twice.body.rule).toBe('role-assignment-not-active');
    expect(await events(body.id)).toHaveLength(2);
  });

  it('refuses a scope given both as a forum and an agreement, or not at all, with 400 naming both fields', async () => {
    const both = await ledger.http.post('/role-assignments').send(inForum({ agreementId: ntb.agreementId })).expect(400);
    expect(fields(both)).toEqual(expect.arrayContaining(['forumId', 'agreementId']));
    const neither = await ledger.http.post('/role-assignments').send(inForum({ forumId: undefined })).expect(400);
    expect(fields(neither)).toEqual(expect.arrayContaining(['forumId', 'agreementId']));
    expect(neither.headers['content-type']).toContain('application/problem+json');
    const notUuid = await ledger.http.post('/role-assignments').send(inForum({ forumId: 'forum-ntb' })).expect(400);
    expect(fields(notUuid)).toEqual(['forumId']);
  });

  it('refuses an unknown role, an impossible date and unknown fields with 400 naming each field, and records nothing', async () => {
    const before = (await ledger.store.readAll()).length;
    const res = await ledger.http
      .post('/role-assignments')
      .send(inForum({ role: 'bupati', partnerId: 'pkk', validFrom: '2026-02-30', validUntil: '31/12/2026', note: 'x' }))
      .expect(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['role', 'partnerId', 'validFrom', 'validUntil', 'note']));
    expect(await ledger.store.readAll()).toHaveLength(before);
  });

  it('refuses a period that ends before it starts with 422', async () => {
    const res = await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2026-06-30', validUntil: '2026-01-01' })).expect(422);
    expect(res.body.rule).toBe('role-period-invalid');
  });

  it('refuses a role in an unknown forum or agreement with 422, and records nothing', async () => {
    const before = (await ledger.store.readAll()).length;
    const forum = await ledger.http.post('/role-assignments').send(inForum({ forumId: '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00' })).expect(422);
    expect(forum.body).toMatchObject({ status: 422, rule: 'role-scope-not-found' });
    const agreement = await ledger.http
      .post('/role-assignments')
      .send(inForum({ forumId: undefined, agreementId: ntb.forumId }))
      .expect(422);
    expect(agreement.body.rule).toBe('role-scope-not-found');
    expect(await ledger.store.readAll()).toHaveLength(before);
  });

  it('refuses a role for an unregistered or deactivated partner with 422', async () => {
    const unknown = await ledger.http.post('/role-assignments').send(inForum({ partnerId: '6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00' })).expect(422);
    expect(unknown.body.rule).toBe('partner-not-registered');
    await ledger.http.post(`/partners/${ntb.pkk}/deactivation`).send({ reason: 'Dibubarkan' }).expect(200);
    const deactivated = await ledger.http.post('/role-assignments').send(inForum()).expect(422);
    expect(deactivated.body.rule).toBe('partner-deactivated');
  });

  it('refuses a revocation without a reason or with an impossible date with 400', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const res = await ledger.http.post(`/role-assignments/${body.id}/revocation`).send({ reason: ' ', revokedOn: '2026-02-29' }).expect(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['reason', 'revokedOn']));
    expect(await events(body.id)).toHaveLength(1);
  });

  it('answers 404 for an unknown or malformed assignment id', async () => {
    await ledger.http.get('/role-assignments/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00').expect(404);
    await ledger.http.get('/role-assignments/not-a-uuid').expect(404);
    const res = await ledger.http.post('/role-assignments/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00/revocation').send({ reason: 'x' }).expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('refuses a revocation at a stale revision (If-Match) with 412, appending nothing', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    await ledger.http.post('/role-assignments').send(inForum({ validFrom: '2026-07-01', validUntil: null })).expect(200);
    const stale = await ledger.http.post(`/role-assignments/${body.id}/revocation`).set('If-Match', '"0"').send({ reason: 'x' }).expect(412);
    expect(stale.body).toMatchObject({ status: 412, expectedRevision: 0, currentRevision: 1 });
    expect(await events(body.id)).toHaveLength(2);
  });

  it('a retried assignment under the same Idempotency-Key answers the first response and records it once', async () => {
    const first = await ledger.http.post('/role-assignments').set('Idempotency-Key', 'role-1').send(inForum()).expect(201);
    const retry = await ledger.http.post('/role-assignments').set('Idempotency-Key', 'role-1').send(inForum()).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(await events(first.body.id)).toHaveLength(1);
  });

  it('records who assigned the role; a partner user cannot pose as the secretariat through the body', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const [event] = await events(body.id);
    expect(event.metadata.actor).toEqual({ userId: 'test-secretariat', role: 'secretariat' });
    const res = await ledger.http.post('/role-assignments').set(asPartner(ntb.bank)).send({ ...inForum(), actor: { role: 'secretariat' } }).expect(400);
    expect(fields(res)).toContain('actor');
  });

  it('a partner user cannot assign or revoke roles, not even its own: 403 role-assignment-requires-secretariat, nothing appended', async () => {
    const before = (await ledger.store.readAll()).length;
    const assign = await ledger.http.post('/role-assignments').set(asPartner(ntb.pkk)).send(inForum()).expect(403);
    expect(assign.body).toMatchObject({ status: 403, rule: 'role-assignment-requires-secretariat' });
    expect(await ledger.store.readAll()).toHaveLength(before);

    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const revoke = await ledger.http.post(`/role-assignments/${body.id}/revocation`).set(asPartner(ntb.pkk)).send({ reason: 'Mundur', revokedOn: '2026-04-01' }).expect(403);
    expect(revoke.body.rule).toBe('role-assignment-requires-secretariat');
    expect(await events(body.id)).toHaveLength(1);
  });

  it('an auditor writes nothing: 403 auditor-read-only', async () => {
    const { body } = await ledger.http.post('/role-assignments').send(inForum()).expect(201);
    const res = await ledger.http.post(`/role-assignments/${body.id}/revocation`).set(asAuditor()).send({ reason: 'Periksa' }).expect(403);
    expect(res.body).toMatchObject({ status: 403, rule: 'auditor-read-only' });
    expect(await events(body.id)).toHaveLength(1);
  });
});
