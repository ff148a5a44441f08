import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVELOPMENT_SECRET_FILE, issueToken, resolveJwtSecret, signHs256, tokenVerifierFor } from '@ikrar/access';
import { AUDIENCE, ISSUER, NOW, NOW_S, refusal, SECRET, validClaims } from './fixtures';

const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('issueToken: the tokens `ikrar token` prints', () => {
  it('carries iss, aud, sub, iat (now, whole seconds), exp (iat + ttl) and the role, signed HS256', () => {
    const token = issueToken({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, subject: 'u1', role: 'auditor', ttlSeconds: 900, now: new Date(NOW.getTime() + 999) });
    expect(header(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decode(token)).toEqual({ iss: ISSUER, aud: AUDIENCE, sub: 'u1', iat: NOW_S, exp: NOW_S + 900, role: 'auditor' });
  });

  it('adds name, partnerId and forumIds only when given', () => {
    const token = issueToken({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, subject: 'u1', role: 'secretariat', name: 'Sari', forumIds: ['forum-a'], ttlSeconds: 60, now: NOW });
    expect(decode(token)).toEqual({ iss: ISSUER, aud: AUDIENCE, sub: 'u1', iat: NOW_S, exp: NOW_S + 60, role: 'secretariat', name: 'Sari', forumIds: ['forum-a'] });
    const partner = issueToken({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, subject: 'u2', role: 'partner', partnerId: 'acme', ttlSeconds: 60, now: NOW });
    expect(decode(partner)).toEqual({ iss: ISSUER, aud: AUDIENCE, sub: 'u2', iat: NOW_S, exp: NOW_S + 60, role: 'partner', partnerId: 'acme' });
  });

  it('signs exactly as signHs256 does', () => {
    const token = issueToken({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, subject: 'u1', role: 'admin', ttlSeconds: 60, now: NOW });
    expect(token).toBe(signHs256({ iss: ISSUER, aud: AUDIENCE, sub: 'u1', iat: NOW_S, exp: NOW_S + 60, role: 'admin' }, SECRET));
  });
});

describe('resolveJwtSecret: the configured secret, else a development secret generated once', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-access-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses the configured secret and writes no file', () => {
    const warnings: string[] = [];
    expect(resolveJwtSecret({ dataDir, jwtSecret: SECRET }, (m) => warnings.push(m))).toBe(SECRET);
    expect(() => statSync(join(dataDir, DEVELOPMENT_SECRET_FILE))).toThrow();
    expect(warnings).toEqual([]);
  });

  it('without a configured secret, generates one into <dataDir>/jwt-secret, readable by the owner only, and warns', () => {
    const warnings: string[] = [];
    const secret = resolveJwtSecret({ dataDir: join(dataDir, 'nested'), jwtSecret: null }, (m) => warnings.push(m));
    const file = join(dataDir, 'nested', 'jwt-secret');
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${secret}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('IKRAR_JWT_SECRET is not set');
    expect(warnings[0]).toContain(file);
  });

  it('gives the same development secret on every later call (API and CLI agree)', () => {
    const first = resolveJwtSecret({ dataDir, jwtSecret: null });
    expect(resolveJwtSecret({ dataDir, jwtSecret: null })).toBe(first);
  });

  it('uses a development secret file that already exists', () => {
    writeFileSync(join(dataDir, DEVELOPMENT_SECRET_FILE), '  existing-secret-value  \n');
    expect(resolveJwtSecret({ dataDir, jwtSecret: null })).toBe('existing-secret-value');
  });
});

describe('tokenVerifierFor: the configuration picks the key source', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-access-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fresh = () => {
    const now = Math.floor(Date.now() / 1000);
    return validClaims({ iat: now, exp: now + 3600 });
  };

  it('verifies HS256 tokens with the configured secret, issuer and audience', async () => {
    const verifier = tokenVerifierFor({ dataDir, jwtSecret: SECRET, jwksUrl: null, jwtIssuer: ISSUER, jwtAudience: AUDIENCE });
    await expect(verifier.authenticate(`Bearer ${signHs256(fresh(), SECRET)}`)).resolves.toMatchObject({ userId: 'user-1', role: 'auditor' });
    const otherAudience = tokenVerifierFor({ dataDir, jwtSecret: SECRET, jwksUrl: null, jwtIssuer: ISSUER, jwtAudience: 'x-api' });
    expect((await refusal(otherAudience.authenticate(`Bearer ${signHs256(fresh(), SECRET)}`))).reason).toBe('the token is not meant for x-api (aud)');
  });

  it('verifies HS256 tokens with the development secret when none is configured', async () => {
    const warnings: string[] = [];
    const verifier = tokenVerifierFor({ dataDir, jwtSecret: null, jwksUrl: null, jwtIssuer: ISSUER, jwtAudience: AUDIENCE }, (m) => warnings.push(m));
    const developmentSecret = readFileSync(join(dataDir, DEVELOPMENT_SECRET_FILE), 'utf8').trim();
    await expect(verifier.authenticate(`Bearer ${signHs256(fresh(), developmentSecret)}`)).resolves.toMatchObject({ userId: 'user-1' });
    expect(warnings).toHaveLength(1);
  });

  it('with a JWKS URL, accepts only RS256/ES256 and refuses HS256 tokens (no shared secret at all)', async () => {
    const verifier = tokenVerifierFor({ dataDir, jwtSecret: null, jwksUrl: 'http://127.0.0.1:9/certs', jwtIssuer: ISSUER, jwtAudience: AUDIENCE });
    const error = await refusal(verifier.authenticate(`Bearer ${signHs256(fresh(), SECRET)}`));
    expect(error.reason).toBe('the token is signed with HS256; this server accepts only RS256, ES256');
    expect(() => statSync(join(dataDir, DEVELOPMENT_SECRET_FILE))).toThrow();
  });
});
