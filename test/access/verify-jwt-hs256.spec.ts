import { generateKeyPairSync } from 'node:crypto';
import { AuthenticationError, issueToken, KeyResolver, sharedSecretKeys, signHs256, TokenVerifier, verifyJwt, VerifyOptions } from '@ikrar/access';
import { AUDIENCE, hmacToken, ISSUER, NOW, NOW_S, OTHER_SECRET, refusal, SECRET, segment, validClaims, verifyOptions } from './fixtures';

const keys = sharedSecretKeys(SECRET);
const verify = (token: string, options: VerifyOptions = verifyOptions) => verifyJwt(token, keys, options);
const HS256 = { alg: 'HS256', typ: 'JWT' };

describe('verifyJwt with an HS256 shared secret', () => {
  describe('a well-formed token signed with the shared secret', () => {
    it('is accepted and its claims are returned unchanged', async () => {
      const claims = validClaims({ role: 'partner', partnerId: 'acme' });
      await expect(verify(signHs256(claims, SECRET))).resolves.toEqual(claims);
    });

    it('is accepted when made by issueToken', async () => {
      const token = issueToken({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, subject: 'user-9', role: 'admin', ttlSeconds: 600, now: NOW });
      await expect(verify(token)).resolves.toEqual({ iss: ISSUER, aud: AUDIENCE, sub: 'user-9', iat: NOW_S, exp: NOW_S + 600, role: 'admin' });
    });

    it('is accepted when the secret is given as a Buffer holding the same bytes', async () => {
      const token = signHs256(validClaims(), SECRET);
      await expect(verifyJwt(token, sharedSecretKeys(Buffer.from(SECRET, 'utf8')), verifyOptions)).resolves.toMatchObject({ sub: 'user-1' });
    });
  });

  describe('the signature must be made with this secret over exactly these bytes', () => {
    it('refuses a token signed with another secret', async () => {
      const error = await refusal(verify(signHs256(validClaims(), OTHER_SECRET)));
      expect(error.reason).toBe('the signature does not verify');
      expect(error.message).toBe('The bearer token was refused: the signature does not verify');
    });

    it('refuses a token whose payload was changed after signing (role raised to admin)', async () => {
      const [header, , signature] = signHs256(validClaims({ role: 'auditor' }), SECRET).split('.');
      const tampered = `${header}.${segment(validClaims({ role: 'admin' }))}.${signature}`;
      expect((await refusal(verify(tampered))).reason).toBe('the signature does not verify');
    });

    it('refuses a token whose header was changed after signing', async () => {
      const [, payload, signature] = signHs256(validClaims(), SECRET).split('.');
      const tampered = `${segment({ alg: 'HS256' })}.${payload}.${signature}`;
      expect((await refusal(verify(tampered))).reason).toBe('the signature does not verify');
    });

    it('refuses a truncated signature', async () => {
      const token = signHs256(validClaims(), SECRET);
      expect((await refusal(verify(token.slice(0, -2)))).reason).toBe('the signature does not verify');
    });

    it('refuses a token with an empty signature', async () => {
      const [header, payload] = signHs256(validClaims(), SECRET).split('.');
      expect((await refusal(verify(`${header}.${payload}.`))).reason).toBe('the token has no signature');
    });

    it('refuses a signature that is not base64url', async () => {
      const [header, payload] = signHs256(validClaims(), SECRET).split('.');
      expect((await refusal(verify(`${header}.${payload}.abc+/=`))).reason).toBe('the token has no signature');
    });
  });

  describe('expiry (exp) is required and enforced with 30 seconds of clock tolerance', () => {
    it('refuses a token without exp', async () => {
      const claims = validClaims();
      delete claims.exp;
      expect((await refusal(verify(signHs256(claims, SECRET)))).reason).toBe('the token has no expiry (exp)');
    });

    it('refuses a token whose exp is not a number', async () => {
      const token = signHs256(validClaims({ exp: String(NOW_S + 3600) }), SECRET);
      expect((await refusal(verify(token))).reason).toBe('the token has no expiry (exp)');
    });

    it('refuses a token that expired more than 30 seconds ago', async () => {
      const token = signHs256(validClaims({ exp: NOW_S - 31 }), SECRET);
      expect((await refusal(verify(token))).reason).toBe('the token has expired');
    });

    it('refuses a token that expired long ago', async () => {
      const token = signHs256(validClaims({ iat: NOW_S - 7200, exp: NOW_S - 3600 }), SECRET);
      expect((await refusal(verify(token))).reason).toBe('the token has expired');
    });

    it.each([
      ['exactly 30 seconds ago', -30],
      ['29 seconds ago', -29],
      ['1 second ago', -1],
      ['this very second', 0],
    ])('accepts a token that expired %s (within the clock tolerance)', async (_label, offset) => {
      await expect(verify(signHs256(validClaims({ exp: NOW_S + offset }), SECRET))).resolves.toMatchObject({ exp: NOW_S + offset });
    });

    it('uses the configured tolerance instead of 30 seconds when one is given', async () => {
      const token = signHs256(validClaims({ exp: NOW_S - 1 }), SECRET);
      expect((await refusal(verify(token, { ...verifyOptions, clockToleranceSeconds: 0 }))).reason).toBe('the token has expired');
      await expect(verify(token, { ...verifyOptions, clockToleranceSeconds: 1 })).resolves.toBeDefined();
    });

    it('judges expiry by the injected clock, not the wall clock', async () => {
      const token = signHs256(validClaims({ exp: NOW_S + 60 }), SECRET);
      await expect(verify(token)).resolves.toBeDefined();
      const later = new Date(NOW.getTime() + 91_000);
      expect((await refusal(verify(token, { ...verifyOptions, now: () => later }))).reason).toBe('the token has expired');
    });
  });

  describe('not-before (nbf), when present, is enforced with the same tolerance', () => {
    it('refuses a token that becomes valid more than 30 seconds from now', async () => {
      const token = signHs256(validClaims({ nbf: NOW_S + 31 }), SECRET);
      expect((await refusal(verify(token))).reason).toBe('the token is not valid yet (nbf)');
    });

    it('refuses a token that becomes valid in an hour', async () => {
      const token = signHs256(validClaims({ nbf: NOW_S + 3600 }), SECRET);
      expect((await refusal(verify(token))).reason).toBe('the token is not valid yet (nbf)');
    });

    it.each([
      ['30 seconds from now', 30],
      ['now', 0],
      ['in the past', -600],
    ])('accepts a token that becomes valid %s', async (_label, offset) => {
      await expect(verify(signHs256(validClaims({ nbf: NOW_S + offset }), SECRET))).resolves.toBeDefined();
    });

    it('refuses a token whose nbf is not a number', async () => {
      const token = signHs256(validClaims({ nbf: 'yesterday' }), SECRET);
      expect((await refusal(verify(token))).reason).toBe('the token is not valid yet (nbf)');
    });
  });

  describe('the issuer (iss) must be this deployment\'s', () => {
    it('refuses a token from another issuer', async () => {
      const token = signHs256(validClaims({ iss: 'https://evil.example.org' }), SECRET);
      expect((await refusal(verify(token))).reason).toBe(`the token was not issued by ${ISSUER} (iss)`);
    });

    it('refuses a token without iss', async () => {
      const claims = validClaims();
      delete claims.iss;
      expect((await refusal(verify(signHs256(claims, SECRET)))).reason).toBe(`the token was not issued by ${ISSUER} (iss)`);
    });

    it('compares the issuer exactly (no case folding, no trailing slash)', async () => {
      for (const iss of [ISSUER.toUpperCase(), `${ISSUER}/`, [ISSUER]]) {
        expect((await refusal(verify(signHs256(validClaims({ iss }), SECRET)))).reason).toBe(`the token was not issued by ${ISSUER} (iss)`);
      }
    });
  });

  describe('the audience (aud) must name this API', () => {
    it('refuses a token for another audience (string form)', async () => {
      const token = signHs256(validClaims({ aud: 'billing-api' }), SECRET);
      expect((await refusal(verify(token))).reason).toBe(`the token is not meant for ${AUDIENCE} (aud)`);
    });

    it('refuses a token whose audience list does not contain this API (array form)', async () => {
      const token = signHs256(validClaims({ aud: ['billing-api', 'account'] }), SECRET);
      expect((await refusal(verify(token))).reason).toBe(`the token is not meant for ${AUDIENCE} (aud)`);
    });

    it('refuses a token with an empty audience list', async () => {
      expect((await refusal(verify(signHs256(validClaims({ aud: [] }), SECRET)))).reason).toBe(`the token is not meant for ${AUDIENCE} (aud)`);
    });

    it('refuses a token without aud', async () => {
      const claims = validClaims();
      delete claims.aud;
      expect((await refusal(verify(signHs256(claims, SECRET)))).reason).toBe(`the token is not meant for ${AUDIENCE} (aud)`);
    });

    it('accepts a token whose audience list contains this API among others', async () => {
      const token = signHs256(validClaims({ aud: ['account', AUDIENCE] }), SECRET);
      await expect(verify(token)).resolves.toMatchObject({ aud: ['account', AUDIENCE] });
    });
  });

  describe('the algorithm is the server\'s choice, never the token\'s', () => {
    it('refuses an unsigned token (alg none) with an empty signature', async () => {
      const token = `${segment({ alg: 'none', typ: 'JWT' })}.${segment(validClaims())}.`;
      expect((await refusal(verify(token))).reason).toBe('unsigned tokens (alg none) are refused');
    });

    it('refuses alg none even when a signature is attached', async () => {
      const token = hmacToken({ alg: 'none', typ: 'JWT' }, validClaims());
      expect((await refusal(verify(token))).reason).toBe('unsigned tokens (alg none) are refused');
    });

    it.each(['None', 'NONE', 'nOnE'])('refuses alg none spelt %s', async (alg) => {
      const token = hmacToken({ alg }, validClaims());
      expect((await refusal(verify(token))).reason).toBe('unsigned tokens (alg none) are refused');
    });

    it('refuses HS512 even when it is correctly signed with the shared secret', async () => {
      const token = hmacToken({ alg: 'HS512', typ: 'JWT' }, validClaims(), SECRET, 'sha512');
      expect((await refusal(verify(token))).reason).toBe('the token is signed with HS512; this server accepts only HS256');
    });

    it('refuses an algorithm name in another case (hs256)', async () => {
      const token = hmacToken({ alg: 'hs256' }, validClaims());
      expect((await refusal(verify(token))).reason).toBe('the token is signed with hs256; this server accepts only HS256');
    });

    it('refuses the RS256 confusion attack: a header saying RS256 over an HMAC made with the shared secret', async () => {
      const token = hmacToken({ alg: 'RS256', typ: 'JWT' }, validClaims());
      expect((await refusal(verify(token))).reason).toBe('the token is signed with RS256; this server accepts only HS256');
    });

    it('refuses ES256 on the shared-secret verifier', async () => {
      const token = hmacToken({ alg: 'ES256', typ: 'JWT' }, validClaims());
      expect((await refusal(verify(token))).reason).toBe('the token is signed with ES256; this server accepts only HS256');
    });

    it('refuses a header that names no algorithm', async () => {
      expect((await refusal(verify(hmacToken({ typ: 'JWT' }, validClaims())))).reason).toBe('the token header names no algorithm');
      expect((await refusal(verify(hmacToken({ alg: 256 }, validClaims())))).reason).toBe('the token header names no algorithm');
    });

    it('asks the key resolver for no key when the algorithm is refused', async () => {
      const asked: unknown[] = [];
      const spy: KeyResolver = { algorithms: ['HS256'], keyFor: async (header) => (asked.push(header), Buffer.from(SECRET)) };
      for (const alg of ['none', 'HS512', 'RS256', 'ES256']) await refusal(verifyJwt(hmacToken({ alg }, validClaims()), spy, verifyOptions));
      expect(asked).toEqual([]);
    });

    it('refuses an HS256 token when the resolver hands it an asymmetric key instead of a secret', async () => {
      const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const confused: KeyResolver = { algorithms: ['HS256'], keyFor: async () => publicKey };
      expect((await refusal(verifyJwt(hmacToken(HS256, validClaims()), confused, verifyOptions))).reason).toBe('the signature does not verify');
    });

    it('hands the resolver the algorithm and kid of an accepted header', async () => {
      const asked: unknown[] = [];
      const spy: KeyResolver = { algorithms: ['HS256'], keyFor: async (header) => (asked.push(header), Buffer.from(SECRET)) };
      await verifyJwt(hmacToken({ alg: 'HS256', kid: 'k-7' }, validClaims()), spy, verifyOptions);
      expect(asked).toEqual([{ alg: 'HS256', kid: 'k-7' }]);
    });
  });

  describe('header extensions', () => {
    it('refuses a token with a crit header, even a correctly signed one', async () => {
      const token = hmacToken({ alg: 'HS256', crit: ['exp'], exp: NOW_S + 60 }, validClaims());
      expect((await refusal(verify(token))).reason).toBe('tokens with critical header extensions are refused');
    });

    it('refuses a kid that is not a string', async () => {
      expect((await refusal(verify(hmacToken({ alg: 'HS256', kid: 42 }, validClaims())))).reason).toBe('the kid header must be a string');
    });

    it('accepts a string kid and a typ header', async () => {
      await expect(verify(hmacToken({ alg: 'HS256', typ: 'JWT', kid: 'main' }, validClaims()))).resolves.toBeDefined();
    });
  });

  describe('only a compact JWS of three base64url segments is read', () => {
    it.each([
      ['two segments', () => signHs256(validClaims(), SECRET).split('.').slice(0, 2).join('.')],
      ['four segments', () => `${signHs256(validClaims(), SECRET)}.extra`],
      ['one segment', () => 'abcdef'],
      ['an empty string', () => ''],
      ['an empty header segment', () => `.${segment(validClaims())}.c2ln`],
      ['an empty payload segment', () => `${segment(HS256)}..c2ln`],
      ['standard base64 padding in the header', () => `${segment(HS256)}==.${segment(validClaims())}.c2ln`],
      ['a JWE-like five-part token', () => 'a.b.c.d.e'],
    ])('refuses %s', async (_label, make) => {
      expect((await refusal(verify(make()))).reason).toBe('the token is not a compact JWS (header.payload.signature)');
    });

    it('refuses a header that is base64url but not JSON', async () => {
      const token = `${segment('not json')}.${segment(validClaims())}.c2ln`;
      expect((await refusal(verify(token))).reason).toBe('the token header is not base64url JSON');
    });

    it('refuses a header that is a JSON array', async () => {
      const token = `${segment([HS256])}.${segment(validClaims())}.c2ln`;
      expect((await refusal(verify(token))).reason).toBe('the token header is not a JSON object');
    });

    it('refuses a header that is JSON null', async () => {
      expect((await refusal(verify(`${segment('null')}.${segment(validClaims())}.c2ln`))).reason).toBe('the token header is not a JSON object');
    });

    it('refuses a correctly signed payload that is not JSON', async () => {
      expect((await refusal(verify(hmacToken(HS256, 'hello, world')))).reason).toBe('the token payload is not base64url JSON');
    });

    it('refuses a correctly signed payload that is a JSON array', async () => {
      expect((await refusal(verify(hmacToken(HS256, [validClaims()])))).reason).toBe('the token payload is not a JSON object');
    });

    it('refuses a correctly signed payload that is a JSON string', async () => {
      expect((await refusal(verify(hmacToken(HS256, JSON.stringify('claims'))))).reason).toBe('the token payload is not a JSON object');
    });

    it('reads the payload only after the signature holds (a forged non-JSON payload is a bad signature)', async () => {
      expect((await refusal(verify(hmacToken(HS256, 'hello, world', OTHER_SECRET)))).reason).toBe('the signature does not verify');
    });
  });

  describe('a token is at most 8192 characters', () => {
    function tokenOfLength(length: number): string {
      for (let pad = 0; pad < length; pad++) {
        const token = signHs256(validClaims({ pad: 'x'.repeat(pad) }), SECRET);
        if (token.length === length) return token;
        if (token.length > length) break;
      }
      throw new Error(`no token of length ${length}`);
    }

    it('accepts a valid token of exactly 8192 characters', async () => {
      const token = tokenOfLength(8192);
      expect(token).toHaveLength(8192);
      await expect(verify(token)).resolves.toBeDefined();
    });

    it('refuses a validly signed token one character longer, before reading it', async () => {
      const token = tokenOfLength(8193);
      expect((await refusal(verify(token))).reason).toBe('the token is too long');
      expect((await refusal(verify('x'.repeat(100_000)))).reason).toBe('the token is too long');
    });
  });
});

describe('TokenVerifier.authenticate reads "Authorization: Bearer <jwt>"', () => {
  const verifier = new TokenVerifier({ keys, issuer: ISSUER, audience: AUDIENCE, now: () => NOW });
  const token = (overrides: Record<string, unknown> = {}) => signHs256(validClaims(overrides), SECRET);

  it('turns a valid bearer token into the principal it names', async () => {
    const principal = await verifier.authenticate(`Bearer ${token({ sub: 'u-17', name: 'Sari', role: 'secretariat', forumIds: ['Forum-A', 'forum-b'] })}`);
    expect(principal).toEqual({ userId: 'u-17', name: 'Sari', role: 'secretariat', partnerId: null, forumIds: ['forum-a', 'forum-b'] });
  });

  it('accepts a token made by issueToken for a partner user', async () => {
    const issued = issueToken({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, subject: 'p-user', role: 'partner', partnerId: 'ACME', ttlSeconds: 60, now: NOW });
    await expect(verifier.authenticate(`Bearer ${issued}`)).resolves.toEqual({ userId: 'p-user', name: null, role: 'partner', partnerId: 'acme', forumIds: [] });
  });

  it.each([
    ['lower-case scheme', (t: string) => `bearer ${t}`],
    ['upper-case scheme', (t: string) => `BEARER ${t}`],
    ['several spaces after the scheme', (t: string) => `Bearer    ${t}`],
    ['trailing whitespace', (t: string) => `Bearer ${t}  `],
  ])('accepts the scheme with %s', async (_label, header) => {
    await expect(verifier.authenticate(header(token()))).resolves.toMatchObject({ userId: 'user-1' });
  });

  it.each([
    ['a missing header', undefined],
    ['an empty header', ''],
    ['a blank header', '   \t '],
  ])('refuses %s, saying the route needs a bearer token', async (_label, header) => {
    expect((await refusal(verifier.authenticate(header))).reason).toBe('this route needs Authorization: Bearer <token>');
  });

  it.each([
    ['the Basic scheme', () => `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['another scheme carrying a valid JWT', () => `Token ${token()}`],
    ['a bare JWT without scheme', () => token()],
    ['the scheme without a token', () => 'Bearer'],
    ['the scheme with only spaces', () => 'Bearer   '],
    ['two tokens', () => `Bearer ${token()} ${token()}`],
    ['a tab instead of a space', () => `Bearer\t${token()}`],
    ['no space between scheme and token', () => `Bearer${token()}`],
  ])('refuses %s, saying the header must be "Bearer <token>"', async (_label, header) => {
    expect((await refusal(verifier.authenticate(header()))).reason).toBe('the Authorization header must be "Bearer <token>"');
  });

  it('refuses a bearer token that is too long', async () => {
    expect((await refusal(verifier.authenticate(`Bearer ${'a'.repeat(8193)}`))).reason).toBe('the token is too long');
  });

  it('refuses a forged bearer token', async () => {
    expect((await refusal(verifier.authenticate(`Bearer ${signHs256(validClaims(), OTHER_SECRET)}`))).reason).toBe('the signature does not verify');
  });

  it('refuses an expired bearer token by the verifier\'s clock', async () => {
    expect((await refusal(verifier.authenticate(`Bearer ${token({ exp: NOW_S - 31 })}`))).reason).toBe('the token has expired');
  });

  it('refuses a validly signed token whose claims name no acceptable principal (role system)', async () => {
    const error = await refusal(verifier.authenticate(`Bearer ${token({ role: 'system' })}`));
    expect(error.reason).toBe('the role claim must be one of secretariat, partner, auditor, admin');
  });

  it('verifies against the issuer and audience it was built with', async () => {
    const other = new TokenVerifier({ keys, issuer: ISSUER, audience: 'another-api', now: () => NOW });
    expect((await refusal(other.authenticate(`Bearer ${token()}`))).reason).toBe('the token is not meant for another-api (aud)');
  });

  it('uses the wall clock when no clock is injected', async () => {
    const realTime = new TokenVerifier({ keys, issuer: ISSUER, audience: AUDIENCE });
    const now = Math.floor(Date.now() / 1000);
    await expect(realTime.authenticate(`Bearer ${token({ iat: now, exp: now + 3600 })}`)).resolves.toMatchObject({ userId: 'user-1' });
    // Valid at NOW (2025), long expired by any real clock after it.
    expect((await refusal(realTime.authenticate(`Bearer ${token({ exp: NOW_S + 60 })}`))).reason).toBe('the token has expired');
  });

  it('reports refusals as AuthenticationError with the reason in the message', async () => {
    const error = await refusal(verifier.authenticate('Basic abc'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toBe('The bearer token was refused: the Authorization header must be "Bearer <token>"');
  });
});

describe('TokenVerifier remembers tokens it verified', () => {
  const token = (overrides: Record<string, unknown> = {}) => signHs256(validClaims(overrides), SECRET);

  it('checks the signature of a token once, and its expiry on every request', async () => {
    let now = NOW;
    let lookups = 0;
    const counting: KeyResolver = { algorithms: keys.algorithms, keyFor: (header) => ((lookups += 1), keys.keyFor(header)) };
    const verifier = new TokenVerifier({ keys: counting, issuer: ISSUER, audience: AUDIENCE, now: () => now });
    const bearer = `Bearer ${token({ exp: NOW_S + 60 })}`;
    await verifier.authenticate(bearer);
    await verifier.authenticate(bearer);
    expect(lookups).toBe(1);
    now = new Date((NOW_S + 60 + 31) * 1000);
    await expect(verifier.authenticate(bearer)).rejects.toThrow('the token has expired');
  });

  it("never accepts a remembered token's signature on other claims", async () => {
    const verifier = new TokenVerifier({ keys, issuer: ISSUER, audience: AUDIENCE, now: () => NOW });
    const good = token({ role: 'secretariat', forumIds: ['forum-a'] });
    await verifier.authenticate(`Bearer ${good}`);
    const [header, , signature] = good.split('.');
    const forged = `${header}.${segment(validClaims({ role: 'secretariat', forumIds: ['forum-a', 'forum-b'] }))}.${signature}`;
    await expect(verifier.authenticate(`Bearer ${forged}`)).rejects.toThrow('the signature does not verify');
  });

  it('hands out a principal nobody can change for the next request', async () => {
    const verifier = new TokenVerifier({ keys, issuer: ISSUER, audience: AUDIENCE, now: () => NOW });
    const bearer = `Bearer ${token({ role: 'secretariat', forumIds: ['forum-a'] })}`;
    const first = await verifier.authenticate(bearer);
    expect(() => (first.forumIds as string[]).push('forum-z')).toThrow(TypeError);
    expect((await verifier.authenticate(bearer)).forumIds).toEqual(['forum-a']);
  });
});
