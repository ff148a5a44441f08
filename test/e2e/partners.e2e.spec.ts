import { partnerStreamId } from '@ikrar/domain';
import { asAuditor, asPartner } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

describe('partners', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger();
  });
  afterEach(async () => {
    await ledger.close();
  });

  const bank = { name: 'PT Bank NTB Syariah', sector: 'business', regionCode: '52.71', contact: { email: 'csr@bankntb.example', phone: '+62 370 123456' } };

  it('registers a partner: 201, Location, {id, revision, position}, and GET shows it with its ETag', async () => {
    const created = await ledger.http.post('/partners').send(bank).expect(201);
    expect(created.body).toEqual({ id: expect.any(String), revision: 0, position: expect.any(Number) });
    expect(created.headers.location).toBe(`/partners/${created.body.id}`);

    const read = await ledger.http.get(created.headers.location).expect(200);
    expect(read.headers.etag).toBe('"0"');
    expect(read.body).toMatchObject({
      id: created.body.id,
      revision: 0,
      name: 'PT Bank NTB Syariah',
      sector: 'business',
      regionCode: '52.71',
      contact: { email: 'csr@bankntb.example', phone: '+62 370 123456' },
      status: 'active',
    });
  });

  it('never stores the contact person in plain text in the ledger', async () => {
    const { body } = await ledger.http.post('/partners').send(bank).expect(201);
    const [event] = await ledger.store.readStream(partnerStreamId(body.id));
    const stored = JSON.stringify(event.data);
    expect(stored).not.toContain('csr@bankntb.example');
    expect(stored).not.toContain('123456');
  });

  it('erasing the contact leaves every event in place and the contact unreadable', async () => {
    const { body } = await ledger.http.post('/partners').send(bank).expect(201);
    await ledger.http.post(`/partners/${body.id}/contact-erasure`).send({ reason: 'Permintaan penghapusan data pribadi' }).expect(200);
    const read = await ledger.http.get(`/partners/${body.id}`).expect(200);
    expect(read.body.contact).toBeNull();
    expect(read.body.contactErased).toBe(true);
    const events = await ledger.store.readStream(partnerStreamId(body.id));
    expect(events.map((e) => e.type)).toEqual(['PartnerRegistered', 'PartnerContactErased']);
    expect(events[0].data.contact).toEqual(expect.objectContaining({ ciphertext: expect.any(String) }));
  });

  it('updates details and deactivates, each answering 200 with the new revision', async () => {
    const { body } = await ledger.http.post('/partners').send(bank).expect(201);
    const updated = await ledger.http.post(`/partners/${body.id}/details`).send({ name: 'Bank NTB Syariah' }).expect(200);
    expect(updated.body).toEqual({ id: body.id, revision: 1, position: expect.any(Number) });
    expect(updated.body.position).toBeGreaterThan(body.position);
    await ledger.http.post(`/partners/${body.id}/deactivation`).send({ reason: 'Merged' }).expect(200);
    const read = await ledger.http.get(`/partners/${body.id}`).expect(200);
    expect(read.body).toMatchObject({ name: 'Bank NTB Syariah', status: 'deactivated', revision: 2 });
  });

  it('refuses a bad registration with 400 naming every offending field, and records nothing', async () => {
    const res = await ledger.http
      .post('/partners')
      .send({ name: '  ', sector: 'charity', regionCode: '5271', contact: { email: 'not-an-email' }, extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'sector', 'regionCode', 'contact.email', 'extra']));
    expect(await ledger.store.readAll()).toHaveLength(0);
  });

  it('answers 422 naming the rule when a deactivated partner is updated', async () => {
    const { body } = await ledger.http.post('/partners').send(bank).expect(201);
    await ledger.http.post(`/partners/${body.id}/deactivation`).send({ reason: 'Merged' }).expect(200);
    const res = await ledger.http.post(`/partners/${body.id}/details`).send({ name: 'X' }).expect(422);
    expect(res.body).toMatchObject({ status: 422, rule: 'partner-deactivated' });
  });

  describe('who may write', () => {
    it('an auditor writes nothing: 403 auditor-read-only, and nothing is appended', async () => {
      const res = await ledger.http.post('/partners').set(asAuditor()).send(bank).expect(403);
      expect(res.body).toMatchObject({ status: 403, rule: 'auditor-read-only' });
      expect(await ledger.store.readAll()).toHaveLength(0);
    });

    it('a partner user cannot register, deactivate or erase contacts (403 partner-write-requires-secretariat), and nothing is appended', async () => {
      const { body } = await ledger.http.post('/partners').send(bank).expect(201);
      const own = asPartner(body.id);
      const register = await ledger.http.post('/partners').set(own).send({ ...bank, name: 'PT Lain' }).expect(403);
      expect(register.body).toMatchObject({ status: 403, rule: 'partner-write-requires-secretariat' });
      const deactivate = await ledger.http.post(`/partners/${body.id}/deactivation`).set(own).send({ reason: 'Merged' }).expect(403);
      expect(deactivate.body.rule).toBe('partner-write-requires-secretariat');
      const erase = await ledger.http.post(`/partners/${body.id}/contact-erasure`).set(own).send({ reason: 'Hapus' }).expect(403);
      expect(erase.body.rule).toBe('partner-write-requires-secretariat');
      expect(await ledger.store.readAll()).toHaveLength(1);
      // The refused erasure destroyed no key: the contact is still readable.
      const read = await ledger.http.get(`/partners/${body.id}`).expect(200);
      expect(read.body).toMatchObject({ status: 'active', contact: { email: 'csr@bankntb.example' }, contactErased: false });
    });

    it("a partner user updates its own partner's details; another partner is not there for it (404)", async () => {
      const { body } = await ledger.http.post('/partners').send(bank).expect(201);
      const other = await ledger.http.post('/partners').send({ name: 'TP PKK Provinsi NTB', sector: 'womens', regionCode: '52' }).expect(201);
      await ledger.http.post(`/partners/${body.id}/details`).set(asPartner(body.id)).send({ name: 'Bank NTB Syariah' }).expect(200);
      const [, updated] = await ledger.store.readStream(partnerStreamId(body.id));
      expect(updated.metadata.actor).toMatchObject({ role: 'partner', partnerId: body.id });
      expect(updated.data).not.toHaveProperty('actor');

      await ledger.http.post(`/partners/${other.body.id}/details`).set(asPartner(body.id)).send({ name: 'X' }).expect(404);
      expect(await ledger.store.readStream(partnerStreamId(other.body.id))).toHaveLength(1);
    });
  });

  it('answers 404 for an unknown or malformed partner id', async () => {
    await ledger.http.get('/partners/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00').expect(404);
    const res = await ledger.http.get('/partners/not-a-uuid').expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found' });
    await ledger.http.post('/partners/6b1f8a36-0c3e-4c55-9a43-2f7b8c1d9e00/deactivation').send({ reason: 'x' }).expect(404);
  });
});
