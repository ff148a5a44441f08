import { startTestLedger, TestLedger } from '../support/ledger-app';
import { authedClient } from '../support/authed-client';
import { testTokenVerifier } from '../support/tokens';

const partner = { name: 'PKK Kota Mataram', sector: 'womens', regionCode: '52.71' };

describe('the HTTP shell every command shares', () => {
  let ledger: TestLedger;
  beforeEach(async () => {
    ledger = await startTestLedger({ bodyLimitBytes: 4096 });
  });
  afterEach(async () => {
    await ledger.close();
  });

  it('GET /health answers ok', async () => {
    const res = await ledger.http.get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const json = await ledger.http.get('/docs-json').expect(200);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/partners', '/partners/{id}']));
    expect(json.body.components.schemas.RegisterPartnerDto.properties.sector.enum).toContain('business');
    const ui = await ledger.http.get('/docs/').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers 415 to a body that is not JSON', async () => {
    const res = await ledger.http.post('/partners').set('Content-Type', 'text/plain').send('name=x').expect(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 400 to broken JSON', async () => {
    const res = await ledger.http.post('/partners').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(res.body).toMatchObject({ status: 400, type: 'urn:ikrar:problem:invalid-json' });
  });

  it('answers 413 to a body over the limit, and records nothing', async () => {
    await ledger.http.post('/partners').send({ ...partner, name: 'x'.repeat(10_000) }).expect(413);
    expect(await ledger.store.readAll()).toHaveLength(0);
  });

  it('refuses operator-shaped and wrongly typed input with 400', async () => {
    const res = await ledger.http.post('/partners').send({ name: { $ne: '' }, sector: ['business'] }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['name', 'sector']));
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await ledger.http.get('/nowhere').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('echoes X-Request-Id and records it as the correlation id of the events', async () => {
    const res = await ledger.http.post('/partners').set('X-Request-Id', 'req-42').send(partner).expect(201);
    expect(res.headers['x-request-id']).toBe('req-42');
    const [event] = await ledger.store.readAll();
    expect(event.metadata).toMatchObject({ correlationId: 'req-42', causationId: 'req-42' });
    expect(event.metadata.actor).toEqual({ userId: 'test-secretariat', role: 'secretariat' });
    expect(Date.parse(event.metadata.occurredAt)).not.toBeNaN();
    expect(res.body.position).toBe(event.globalPosition);
  });

  describe('If-Match', () => {
    it('applies a command at the current revision and refuses a stale one with 412, appending nothing', async () => {
      const { body } = await ledger.http.post('/partners').send(partner).expect(201);
      await ledger.http.post(`/partners/${body.id}/details`).set('If-Match', '"0"').send({ name: 'PKK Mataram' }).expect(200);
      const stale = await ledger.http.post(`/partners/${body.id}/details`).set('If-Match', '"0"').send({ name: 'Other' }).expect(412);
      expect(stale.body).toMatchObject({ status: 412, expectedRevision: 0, currentRevision: 1 });
      expect(stale.headers.etag).toBe('"1"');
      const read = await ledger.http.get(`/partners/${body.id}`).expect(200);
      expect(read.body).toMatchObject({ name: 'PKK Mataram', revision: 1 });
    });

    it('refuses a malformed If-Match with 400 naming the header', async () => {
      const { body } = await ledger.http.post('/partners').send(partner).expect(201);
      const res = await ledger.http.post(`/partners/${body.id}/details`).set('If-Match', 'yesterday').send({ name: 'X' }).expect(400);
      expect(res.body.errors[0].field).toBe('If-Match');
    });
  });

  it('without If-Match, concurrent commands on one entity all land: no update is lost', async () => {
    const { body } = await ledger.http.post('/partners').send(partner).expect(201);
    const names = Array.from({ length: 12 }, (_, i) => `PKK ${i}`);
    const results = await Promise.all(names.map((name) => ledger.http.post(`/partners/${body.id}/details`).send({ name })));
    expect(results.map((r) => r.status)).toEqual(names.map(() => 200));
    const revisions = results.map((r) => r.body.revision).sort((a, b) => a - b);
    expect(revisions).toEqual(names.map((_, i) => i + 1));
    const read = await ledger.http.get(`/partners/${body.id}`).expect(200);
    expect(read.body.revision).toBe(12);
  });

  describe('Idempotency-Key', () => {
    it('a retry with the same key and body returns the first response and appends nothing', async () => {
      const first = await ledger.http.post('/partners').set('Idempotency-Key', 'k-1').send(partner).expect(201);
      const retry = await ledger.http.post('/partners').set('Idempotency-Key', 'k-1').send(partner).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(first.headers.location);
      expect(await ledger.store.readAll()).toHaveLength(1);
    });

    it('the same key with a different body is refused with 422', async () => {
      await ledger.http.post('/partners').set('Idempotency-Key', 'k-2').send(partner).expect(201);
      const res = await ledger.http.post('/partners').set('Idempotency-Key', 'k-2').send({ ...partner, name: 'Other' }).expect(422);
      expect(res.body.rule).toBe('idempotency-key-reused');
      expect(await ledger.store.readAll()).toHaveLength(1);
    });

    it('concurrent retries of one keyed request record it once', async () => {
      const tries = await Promise.all(Array.from({ length: 6 }, () => ledger.http.post('/partners').set('Idempotency-Key', 'k-3').send(partner)));
      expect(new Set(tries.map((t) => t.body.id)).size).toBe(1);
      expect(tries.every((t) => t.status === 201)).toBe(true);
      expect(await ledger.store.readAll()).toHaveLength(1);
    });

    it('a retry after the stored response was lost still appends nothing (deterministic event ids)', async () => {
      const first = await ledger.http.post('/partners').set('Idempotency-Key', 'k-4').send(partner).expect(201);
      const again = await startTestLedgerSharingStore(ledger);
      const retry = await again.post('/partners').set('Idempotency-Key', 'k-4').send(partner).expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await ledger.store.readAll()).toHaveLength(1);
    });
  });
});

/** Same event store, empty idempotency records: as if the response record had been lost. */
async function startTestLedgerSharingStore(ledger: TestLedger) {
  const { SqliteIdempotencyStore } = await import('../../apps/ledger-api/src/http/idempotency-store');
  const { SqliteContactVault } = await import('@ikrar/personal-data');
  const { createApp } = await import('../../apps/ledger-api/src/create-app');
  const { join } = await import('node:path');
  const request = (await import('supertest')).default;
  const app = await createApp(
    {
      eventStore: ledger.store,
      contactVault: SqliteContactVault.open(join(ledger.dataDir, 'contact-keys.sqlite')),
      idempotencyStore: SqliteIdempotencyStore.open(join(ledger.dataDir, 'idempotency-other.sqlite')),
      tokenVerifier: testTokenVerifier(),
      rateLimitPerMinute: 1_000_000,
    },
    { bodyLimitBytes: 4096, logLevel: 'error' },
  );
  await app.init();
  const originalClose = ledger.close.bind(ledger);
  (ledger as { close: () => Promise<void> }).close = async () => {
    await app.close();
    await originalClose();
  };
  return authedClient(app.getHttpServer(), () => ({ role: 'secretariat', sub: 'test-secretariat', forumIds: [...ledger.forumIds] }));
}
