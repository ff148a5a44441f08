import { createHmac } from 'node:crypto';
import { startTestLedger, TestLedger } from '../support/ledger-app';
import { asPartner, asSecretariatOf, headPosition, ntbScenario, pledgeCommitment } from '../support/fixtures';
import { TEST_AUDIENCE, TEST_ISSUER, TEST_JWT_SECRET, tokenFor } from '../support/tokens';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function signed(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }, secret = TEST_JWT_SECRET): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const secretariatClaims = (overrides: Record<string, unknown> = {}) => ({
  iss: TEST_ISSUER,
  aud: TEST_AUDIENCE,
  sub: 'sekretariat-ani',
  role: 'secretariat',
  forumIds: [],
  iat: now(),
  exp: now() + 600,
  ...overrides,
});

describe('authentication: a verified bearer token on every route but health, docs and public views', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger.close());

  const refusedTokens: [string, () => string | null][] = [
    ['no token at all', () => null],
    ['a forged signature (another secret)', () => signed(secretariatClaims(), undefined, 'someone-elses-secret-0123456789abcdef')],
    ['a payload changed after signing', () => {
      const [header, , signature] = signed(secretariatClaims()).split('.');
      return `${header}.${b64(secretariatClaims({ role: 'auditor' }))}.${signature}`;
    }],
    ['an expired token', () => signed(secretariatClaims({ iat: now() - 7200, exp: now() - 3600 }))],
    ['a token for another audience', () => signed(secretariatClaims({ aud: 'some-other-api' }))],
    ['a token from another issuer', () => signed(secretariatClaims({ iss: 'https://evil.example' }))],
    ['an unsigned token (alg none)', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(secretariatClaims())}.`],
    ['alg none with a signature', () => `${b64({ alg: 'none' })}.${b64(secretariatClaims())}.${createHmac('sha256', TEST_JWT_SECRET).update('x').digest('base64url')}`],
    ['an algorithm this server does not pin (HS512)', () => signed(secretariatClaims(), { alg: 'HS512', typ: 'JWT' })],
    ['a token without expiry', () => signed(secretariatClaims({ exp: undefined }))],
    ['a role the ledger does not know', () => signed(secretariatClaims({ role: 'superuser' }))],
    ['a partner token without its partner', () => signed(secretariatClaims({ role: 'partner', forumIds: undefined }))],
    ['garbage', () => 'not-a-jwt'],
  ];

  it.each(refusedTokens)('refuses %s with 401 problem+json and WWW-Authenticate, and records nothing', async (_, token) => {
    const before = await headPosition(ledger);
    const value = token();
    const req = ledger.anonymous.post('/partners').send({ name: 'Yayasan Sehat', sector: 'community' });
    if (value !== null) req.set('Authorization', `Bearer ${value}`);
    const res = await req;
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="ikrar"/);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(await headPosition(ledger)).toBe(before);
  });

  it('says why a token was refused', async () => {
    const expired = await ledger.anonymous.get('/partners/00000000-0000-4000-8000-000000000000').set('Authorization', `Bearer ${signed(secretariatClaims({ exp: now() - 3600 }))}`);
    expect(expired.body.detail).toContain('expired');
    const none = await ledger.anonymous.get('/projections').set('Authorization', `Bearer ${b64({ alg: 'none' })}.${b64(secretariatClaims())}.`);
    expect(none.body.detail).toContain('alg none');
    const basic = await ledger.anonymous.get('/projections').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect(basic.body.detail).toContain('Bearer');
  });

  it('health, the API docs and the public views answer without a token', async () => {
    await ledger.anonymous.get('/health').expect(200);
    await ledger.anonymous.get('/docs-json').expect(200);
    await ledger.anonymous.get('/public/forums').expect(200);
  });

  it('a valid token is accepted, and an identity provider clock a few seconds ahead does not matter', async () => {
    await ledger.anonymous.get('/projections').set('Authorization', `Bearer ${tokenFor({ role: 'auditor' })}`).expect(200);
    await ledger.anonymous.get('/projections').set('Authorization', `Bearer ${signed(secretariatClaims({ iat: now() + 10, nbf: now() + 10 }))}`).expect(200);
  });
});

describe('the actor of every event is the verified caller, never the request body', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger.close());

  it('the audit trail shows the token subject, role and partner of each write', async () => {
    const ntb = await ntbScenario(ledger);
    const commitmentId = await pledgeCommitment(ledger, ntb.agreementId, ntb.bank, {}, asPartner(ntb.bank, 'csr-officer-rina'));
    await ledger.http
      .post(`/commitments/${commitmentId}/acceptance`)
      .set(asSecretariatOf([ntb.forumId], 'sekretariat-ani'))
      .send({})
      .expect(200);
    const res = await ledger.auditor.get('/audit/events').query({ stream: `commitment-${commitmentId}` }).expect(200);
    const actors = res.body.items.map((event: { type: string; actor: unknown }) => [event.type, event.actor]);
    expect(actors).toEqual([
      ['CommitmentPledged', { userId: 'csr-officer-rina', role: 'partner', partnerId: ntb.bank }],
      ['CommitmentAccepted', { userId: 'sekretariat-ani', role: 'secretariat' }],
    ]);
  });

  it('records the display name of the token, and the admin who established a forum', async () => {
    const partnerId = (await ledger.anonymous
      .post('/partners')
      .set('Authorization', `Bearer ${tokenFor({ role: 'admin', sub: 'admin-budi', name: 'Budi Santoso' })}`)
      .send({ name: 'Yayasan Sehat NTB', sector: 'community' })
      .expect(201)).body.id;
    const res = await ledger.auditor.get('/audit/events').query({ stream: `partner-${partnerId}` }).expect(200);
    expect(res.body.items[0].actor).toEqual({ userId: 'admin-budi', role: 'admin', name: 'Budi Santoso' });
  });

  it('an actor in the body is refused with 400 naming the field, and nothing is recorded', async () => {
    const before = await headPosition(ledger);
    const res = await ledger.http
      .post('/partners')
      .send({ name: 'Yayasan Palsu', sector: 'community', actor: { userId: 'someone-else', role: 'admin' } })
      .expect(400);
    expect(JSON.stringify(res.body.errors)).toContain('actor');
    expect(await headPosition(ledger)).toBe(before);
  });

  it('the request id is carried into the correlation id of the events', async () => {
    const res = await ledger.http.post('/partners').set('X-Request-Id', 'req-ntb-7').send({ name: 'Yayasan Korelasi', sector: 'community' }).expect(201);
    const events = await ledger.auditor.get('/audit/events').query({ stream: `partner-${res.body.id}` }).expect(200);
    expect(events.body.items[0].correlationId).toBe('req-ntb-7');
  });
});

describe('hardening', () => {
  it('sends security headers on every response', async () => {
    const ledger = await startTestLedger();
    try {
      const res = await ledger.anonymous.get('/health').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    } finally {
      await ledger.close();
    }
  });

  it('allows cross-origin calls only from the configured origins', async () => {
    const ledger = await startTestLedger({ corsOrigins: ['https://forum.ntbprov.go.id'] });
    try {
      const allowed = await ledger.anonymous
        .options('/commitments')
        .set('Origin', 'https://forum.ntbprov.go.id')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
      expect(allowed.status).toBeLessThan(300);
      expect(allowed.headers['access-control-allow-origin']).toBe('https://forum.ntbprov.go.id');
      expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
      const foreign = await ledger.anonymous.get('/health').set('Origin', 'https://evil.example');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await ledger.close();
    }
  });

  it('without configured origins, no cross-origin access is granted', async () => {
    const ledger = await startTestLedger();
    try {
      const res = await ledger.anonymous.get('/health').set('Origin', 'https://forum.ntbprov.go.id');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await ledger.close();
    }
  });

  it('rate-limits each caller: over the limit, 429 problem+json with Retry-After; another user is not affected', async () => {
    const ledger = await startTestLedger({ rateLimitPerMinute: 3 });
    try {
      const ani = { Authorization: `Bearer ${tokenFor({ role: 'auditor', sub: 'ani' })}` };
      for (let i = 0; i < 3; i++) await ledger.anonymous.get('/projections').set(ani).expect(200);
      const limited = await ledger.anonymous.get('/projections').set(ani).expect(429);
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.body).toMatchObject({ status: 429, title: 'Too many requests' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await ledger.anonymous.get('/projections').set('Authorization', `Bearer ${tokenFor({ role: 'auditor', sub: 'budi' })}`).expect(200);
    } finally {
      await ledger.close();
    }
  });
});
