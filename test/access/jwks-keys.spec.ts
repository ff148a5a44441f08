import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { AuthenticationError, JwksKeys, KeyResolver, KeySetUnavailableError, TokenVerifier, verifyJwt } from '@ikrar/access';
import { AUDIENCE, asymmetricToken, failure, hmacToken, ISSUER, JwksServer, NOW, refusal, validClaims, verifyOptions } from './fixtures';

interface Pair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

const rsaPair = (): Pair => generateKeyPairSync('rsa', { modulusLength: 2048 });
const ecPair = (curve = 'P-256'): Pair => generateKeyPairSync('ec', { namedCurve: curve });
const jwk = (pair: Pair, extra: Record<string, unknown>): Record<string, unknown> => ({ ...(pair.publicKey.export({ format: 'jwk' }) as object), ...extra });

const RSA = rsaPair();
const EC = ecPair();
const RSA_NEXT = rsaPair();
const RSA_STRANGER = rsaPair();
const EC_STRANGER = ecPair();

const RSA_JWK = jwk(RSA, { kid: 'rsa-1', alg: 'RS256', use: 'sig' });
const EC_JWK = jwk(EC, { kid: 'ec-1', alg: 'ES256', use: 'sig' });
const RSA_NEXT_JWK = jwk(RSA_NEXT, { kid: 'rsa-2', alg: 'RS256', use: 'sig' });

const rs256 = (kid: string | undefined, claims = validClaims(), key = RSA.privateKey) => asymmetricToken({ alg: 'RS256', typ: 'JWT', ...(kid !== undefined ? { kid } : {}) }, claims, key);
const es256 = (kid: string | undefined, claims = validClaims(), key = EC.privateKey) => asymmetricToken({ alg: 'ES256', typ: 'JWT', ...(kid !== undefined ? { kid } : {}) }, claims, key);

describe('JwksKeys: RS256 and ES256 keys from an identity provider\'s JWKS URL', () => {
  const server = new JwksServer();
  let clock = 0;
  const REFETCH_AFTER_MS = 60_000;
  const jwks = (options: { refetchAfterMs?: number } = {}) => new JwksKeys({ url: server.url, now: () => clock, refetchAfterMs: REFETCH_AFTER_MS, ...options });
  const verify = (token: string, keys: KeyResolver) => verifyJwt(token, keys, verifyOptions);

  beforeAll(async () => {
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  beforeEach(() => {
    server.hits = 0;
    server.serveKeys([RSA_JWK, EC_JWK]);
    clock = 1_000_000;
  });

  describe('tokens signed by a key in the set verify', () => {
    it('verifies an RS256 token and gives the principal it names', async () => {
      const verifier = new TokenVerifier({ keys: jwks(), issuer: ISSUER, audience: AUDIENCE, now: () => NOW });
      const token = rs256('rsa-1', validClaims({ sub: 'kc-user-1', role: 'partner', partnerId: 'Acme', name: 'Budi' }));
      await expect(verifier.authenticate(`Bearer ${token}`)).resolves.toEqual({ userId: 'kc-user-1', name: 'Budi', role: 'partner', partnerId: 'acme', forumIds: [] });
    });

    it('verifies an ES256 token (JOSE r||s signature)', async () => {
      await expect(verify(es256('ec-1'), jwks())).resolves.toMatchObject({ sub: 'user-1', iss: ISSUER });
    });

    it('reads the set once for many tokens whose keys it already holds', async () => {
      const keys = jwks();
      for (let i = 0; i < 3; i++) {
        await verify(rs256('rsa-1'), keys);
        await verify(es256('ec-1'), keys);
      }
      expect(server.hits).toBe(1);
    });

    it('reads the set once even when the first tokens arrive together, and verifies them all', async () => {
      const keys = jwks();
      const results = await Promise.all([rs256('rsa-1'), es256('ec-1'), rs256('rsa-1'), es256('ec-1'), rs256('rsa-1')].map((token) => verify(token, keys)));
      expect(results.map((claims) => claims.sub)).toEqual(['user-1', 'user-1', 'user-1', 'user-1', 'user-1']);
      expect(server.hits).toBe(1);
    });

    it('uses keys that carry neither alg nor use', async () => {
      server.serveKeys([jwk(RSA, { kid: 'bare-rsa' }), jwk(EC, { kid: 'bare-ec' })]);
      const keys = jwks();
      await expect(verify(rs256('bare-rsa'), keys)).resolves.toBeDefined();
      await expect(verify(es256('bare-ec'), keys)).resolves.toBeDefined();
    });

    it('accepts a token without kid when exactly one key fits its algorithm', async () => {
      const keys = jwks();
      await expect(verify(rs256(undefined), keys)).resolves.toBeDefined();
      await expect(verify(es256(undefined), keys)).resolves.toBeDefined();
    });

    it('refuses a token without kid when several keys fit its algorithm (it will not guess)', async () => {
      server.serveKeys([RSA_JWK, RSA_NEXT_JWK]);
      const error = await refusal(verify(rs256(undefined), jwks()));
      expect(error.reason).toBe("no RS256 key in the identity provider's key set");
    });

    it('still applies every claim check to a correctly signed token', async () => {
      const keys = jwks();
      expect((await refusal(verify(rs256('rsa-1', validClaims({ aud: 'account' })), keys))).reason).toBe(`the token is not meant for ${AUDIENCE} (aud)`);
      expect((await refusal(verify(es256('ec-1', validClaims({ exp: validClaims().iat })), keys))).reason).toBe('the token has expired');
    });
  });

  describe('key rotation needs no restart, but unknown kids cannot hammer the provider', () => {
    it('re-reads the set once for a token naming a kid it has not seen, and then verifies it', async () => {
      const keys = jwks();
      await verify(rs256('rsa-1'), keys);
      expect(server.hits).toBe(1);

      server.serveKeys([RSA_JWK, RSA_NEXT_JWK, EC_JWK]); // the provider rotates in a new key
      clock += REFETCH_AFTER_MS;
      await expect(verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys)).resolves.toMatchObject({ sub: 'user-1' });
      expect(server.hits).toBe(2);

      await verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys);
      await verify(rs256('rsa-1'), keys);
      expect(server.hits).toBe(2);
    });

    it('does not re-read the set within refetchAfterMs of the last read: a new kid is refused until then', async () => {
      const keys = jwks();
      await verify(rs256('rsa-1'), keys);
      server.serveKeys([RSA_NEXT_JWK]);
      clock += REFETCH_AFTER_MS - 1;
      const error = await refusal(verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys));
      expect(error.reason).toBe("no RS256 key with kid rsa-2 in the identity provider's key set");
      expect(server.hits).toBe(1);
      clock += 1;
      await expect(verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys)).resolves.toBeDefined();
      expect(server.hits).toBe(2);
    });

    it('stops accepting a key the provider has withdrawn once the set is re-read', async () => {
      const keys = jwks();
      await verify(rs256('rsa-1'), keys);
      server.serveKeys([RSA_NEXT_JWK]);
      clock += REFETCH_AFTER_MS;
      await verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys);
      const error = await refusal(verify(rs256('rsa-1'), keys));
      expect(error.reason).toBe("no RS256 key with kid rsa-1 in the identity provider's key set");
    });

    it('reads the set at most once per refetchAfterMs under a flood of made-up kids', async () => {
      const keys = jwks();
      await verify(rs256('rsa-1'), keys);
      expect(server.hits).toBe(1);

      const firstRead = clock;
      for (let i = 0; i < 60; i++) {
        clock = firstRead + i * 1_000; // a minute-long flood, all inside the first window
        const error = await refusal(verify(rs256(`made-up-${i}`), keys));
        expect(error.reason).toBe(`no RS256 key with kid made-up-${i} in the identity provider's key set`);
      }
      expect(server.hits).toBe(1);

      clock = firstRead + REFETCH_AFTER_MS; // one re-read is allowed again
      await refusal(verify(rs256('made-up-a'), keys));
      expect(server.hits).toBe(2);
      await Promise.all(Array.from({ length: 20 }, (_, i) => refusal(verify(rs256(`made-up-b-${i}`), keys))));
      expect(server.hits).toBe(2);

      clock += REFETCH_AFTER_MS;
      await Promise.all(Array.from({ length: 20 }, (_, i) => refusal(verify(es256(`made-up-c-${i}`), keys))));
      expect(server.hits).toBe(3);
    });

    it('keeps verifying known keys throughout a flood of unknown kids', async () => {
      const keys = jwks();
      await verify(rs256('rsa-1'), keys);
      await Promise.all(Array.from({ length: 10 }, (_, i) => refusal(verify(rs256(`bogus-${i}`), keys))));
      await expect(verify(es256('ec-1'), keys)).resolves.toBeDefined();
      expect(server.hits).toBe(1);
    });

    it('defaults refetchAfterMs to 30 seconds', async () => {
      const keys = new JwksKeys({ url: server.url, now: () => clock });
      await verify(rs256('rsa-1'), keys);
      server.serveKeys([RSA_JWK, RSA_NEXT_JWK]);
      clock += 29_999;
      await refusal(verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys));
      expect(server.hits).toBe(1);
      clock += 1;
      await expect(verify(rs256('rsa-2', validClaims(), RSA_NEXT.privateKey), keys)).resolves.toBeDefined();
      expect(server.hits).toBe(2);
    });
  });

  describe('only the right key, of the right type, verifies', () => {
    it('refuses an RS256 token signed by a key that is not in the set, even under a known kid', async () => {
      const error = await refusal(verify(rs256('rsa-1', validClaims(), RSA_STRANGER.privateKey), jwks()));
      expect(error.reason).toBe('the signature does not verify');
    });

    it('refuses an ES256 token signed by a key that is not in the set, even under a known kid', async () => {
      const error = await refusal(verify(es256('ec-1', validClaims(), EC_STRANGER.privateKey), jwks()));
      expect(error.reason).toBe('the signature does not verify');
    });

    it('refuses an RS256 token whose payload was changed after signing', async () => {
      const [header, , signature] = rs256('rsa-1').split('.');
      const tampered = `${header}.${Buffer.from(JSON.stringify(validClaims({ role: 'admin' }))).toString('base64url')}.${signature}`;
      expect((await refusal(verify(tampered, jwks()))).reason).toBe('the signature does not verify');
    });

    it('does not offer an RSA key for an ES256 token that names its kid', async () => {
      const error = await refusal(verify(es256('rsa-1'), jwks()));
      expect(error.reason).toBe("no ES256 key with kid rsa-1 in the identity provider's key set");
    });

    it('does not offer an EC key for an RS256 token that names its kid', async () => {
      const error = await refusal(verify(rs256('ec-1'), jwks()));
      expect(error.reason).toBe("no RS256 key with kid ec-1 in the identity provider's key set");
    });

    it('does not use an RSA key without alg for an ES256 token', async () => {
      server.serveKeys([jwk(RSA, { kid: 'shared' })]);
      const error = await refusal(verify(es256('shared'), jwks()));
      expect(error.reason).toBe("no ES256 key with kid shared in the identity provider's key set");
    });

    it('refuses an ES256 token when a resolver nonetheless hands it an RSA key', async () => {
      const rsaForEverything: KeyResolver = { algorithms: ['RS256', 'ES256'], keyFor: async () => RSA.publicKey };
      expect((await refusal(verify(es256('ec-1'), rsaForEverything))).reason).toBe('the signature does not verify');
    });

    it('refuses an RS256 token when a resolver nonetheless hands it an EC key', async () => {
      const ecForEverything: KeyResolver = { algorithms: ['RS256', 'ES256'], keyFor: async () => EC.publicKey };
      expect((await refusal(verify(rs256('rsa-1'), ecForEverything))).reason).toBe('the signature does not verify');
    });

    it('refuses an asymmetric token when a resolver hands it a shared secret', async () => {
      const secretForEverything: KeyResolver = { algorithms: ['RS256', 'ES256'], keyFor: async () => Buffer.from('secret') };
      expect((await refusal(verify(rs256('rsa-1'), secretForEverything))).reason).toBe('the signature does not verify');
    });

    it('does not use a key published for encryption (use: enc)', async () => {
      server.serveKeys([jwk(RSA, { kid: 'rsa-enc', use: 'enc' })]);
      expect((await refusal(verify(rs256('rsa-enc'), jwks()))).reason).toBe("no RS256 key with kid rsa-enc in the identity provider's key set");
    });

    it('does not use a key whose alg is another algorithm (RSA key marked PS256)', async () => {
      server.serveKeys([jwk(RSA, { kid: 'rsa-ps', alg: 'PS256' })]);
      expect((await refusal(verify(rs256('rsa-ps'), jwks()))).reason).toBe("no RS256 key with kid rsa-ps in the identity provider's key set");
    });

    it('does not use an EC key on another curve (P-384) for ES256', async () => {
      const p384 = ecPair('P-384');
      server.serveKeys([jwk(p384, { kid: 'ec-384' })]);
      const token = asymmetricToken({ alg: 'ES256', kid: 'ec-384' }, validClaims(), p384.privateKey);
      expect((await refusal(verify(token, jwks()))).reason).toBe("no ES256 key with kid ec-384 in the identity provider's key set");
    });

    it('refuses an ES256 signature in DER form (JOSE requires raw r||s)', async () => {
      const token = asymmetricToken({ alg: 'ES256', kid: 'ec-1' }, validClaims(), EC.privateKey, { derSignature: true });
      expect((await refusal(verify(token, jwks()))).reason).toBe('the signature does not verify');
    });

    it('refuses a key entry that is not a usable key', async () => {
      server.serveKeys([{ kty: 'RSA', kid: 'broken', n: 'AQAB' }]);
      expect((await refusal(verify(rs256('broken'), jwks()))).reason).toBe("the key broken in the identity provider's key set is unusable");
    });

    it('ignores entries of the key list that are not objects', async () => {
      server.serveKeys(['junk', null, 42, RSA_JWK] as unknown as object[]);
      await expect(verify(rs256('rsa-1'), jwks())).resolves.toBeDefined();
    });
  });

  describe('the algorithm is pinned to RS256 and ES256', () => {
    it('refuses an HS256 token HMAC-signed with the provider\'s public key (algorithm confusion), without fetching keys', async () => {
      const publicPem = RSA.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      const token = hmacToken({ alg: 'HS256', typ: 'JWT', kid: 'rsa-1' }, validClaims(), publicPem);
      const error = await refusal(verify(token, jwks()));
      expect(error.reason).toBe('the token is signed with HS256; this server accepts only RS256, ES256');
      expect(server.hits).toBe(0);
    });

    it('refuses alg none without fetching keys', async () => {
      const token = `${Buffer.from('{"alg":"none","kid":"rsa-1"}').toString('base64url')}.${Buffer.from(JSON.stringify(validClaims())).toString('base64url')}.`;
      expect((await refusal(verify(token, jwks()))).reason).toBe('unsigned tokens (alg none) are refused');
      expect(server.hits).toBe(0);
    });

    it.each(['RS384', 'RS512', 'PS256', 'ES384', 'EdDSA'])('refuses %s', async (alg) => {
      const token = asymmetricToken({ alg, kid: 'rsa-1' }, validClaims(), RSA.privateKey);
      expect((await refusal(verify(token, jwks()))).reason).toBe(`the token is signed with ${alg}; this server accepts only RS256, ES256`);
    });

    it('declares exactly RS256 and ES256', () => {
      expect(jwks().algorithms).toEqual(['RS256', 'ES256']);
    });
  });

  describe('an unreadable key set is the server\'s problem (KeySetUnavailableError), not the token\'s', () => {
    it('reports a provider that answers 500', async () => {
      server.status = 500;
      server.body = 'internal error';
      const error = await failure(verify(rs256('rsa-1'), jwks()));
      expect(error).toBeInstanceOf(KeySetUnavailableError);
      expect(error).not.toBeInstanceOf(AuthenticationError);
      expect((error as KeySetUnavailableError).url).toBe(server.url);
      expect((error as KeySetUnavailableError).message).toBe(`The signing keys at ${server.url} could not be read: HTTP 500`);
    });

    it('reports a provider that answers 404', async () => {
      server.status = 404;
      expect(((await failure(verify(rs256('rsa-1'), jwks()))) as Error).message).toBe(`The signing keys at ${server.url} could not be read: HTTP 404`);
    });

    it('reports a response that is not JSON', async () => {
      server.contentType = 'text/html';
      server.body = '<html>login</html>';
      const error = await failure(verify(rs256('rsa-1'), jwks()));
      expect(error).toBeInstanceOf(KeySetUnavailableError);
      expect((error as Error).message).toContain(`The signing keys at ${server.url} could not be read: `);
    });

    it.each([
      ['an object without keys', '{"issuer":"x"}'],
      ['keys that are not an array', '{"keys":{"kid":"rsa-1"}}'],
      ['JSON null', 'null'],
      ['a JSON array', '[]'],
    ])('reports a JSON response with %s', async (_label, body) => {
      server.body = body;
      const error = await failure(verify(rs256('rsa-1'), jwks()));
      expect(error).toBeInstanceOf(KeySetUnavailableError);
      expect((error as Error).message).toBe(`The signing keys at ${server.url} could not be read: the response has no keys array`);
    });

    it('reports a provider that is down (connection refused)', async () => {
      const gone = await new JwksServer().start();
      await gone.stop();
      const keys = new JwksKeys({ url: gone.url, now: () => clock });
      const error = await failure(verify(rs256('rsa-1'), keys));
      expect(error).toBeInstanceOf(KeySetUnavailableError);
      expect((error as KeySetUnavailableError).url).toBe(gone.url);
    });

    it('passes KeySetUnavailableError through TokenVerifier.authenticate', async () => {
      server.status = 503;
      const verifier = new TokenVerifier({ keys: jwks(), issuer: ISSUER, audience: AUDIENCE, now: () => NOW });
      await expect(verifier.authenticate(`Bearer ${rs256('rsa-1')}`)).rejects.toBeInstanceOf(KeySetUnavailableError);
    });

    it('keeps reporting the outage, without re-reading, for tokens within refetchAfterMs of a failed read', async () => {
      server.status = 500;
      const keys = jwks();
      await failure(verify(rs256('rsa-1'), keys));
      clock += 1_000;
      const again = await failure(verify(rs256('rsa-1'), keys));
      expect(again).toBeInstanceOf(KeySetUnavailableError);
      expect(server.hits).toBe(1);
    });

    it('recovers without restart once the provider answers again', async () => {
      server.status = 500;
      const keys = jwks();
      await failure(verify(rs256('rsa-1'), keys));
      server.serveKeys([RSA_JWK, EC_JWK]);
      clock += REFETCH_AFTER_MS;
      await expect(verify(rs256('rsa-1'), keys)).resolves.toBeDefined();
      expect(server.hits).toBe(2);
    });

    it('keeps the keys it has when a later re-read fails', async () => {
      const keys = jwks();
      await verify(rs256('rsa-1'), keys);
      server.status = 500;
      clock += REFETCH_AFTER_MS;
      expect(await failure(verify(rs256('rsa-9'), keys))).toBeInstanceOf(KeySetUnavailableError);
      await expect(verify(rs256('rsa-1'), keys)).resolves.toBeDefined();
      await expect(verify(es256('ec-1'), keys)).resolves.toBeDefined();
      expect(server.hits).toBe(2);
    });

    it('gives every token waiting on the same failed read the outage', async () => {
      server.status = 500;
      const keys = jwks();
      const errors = await Promise.all([rs256('rsa-1'), es256('ec-1'), rs256('rsa-1')].map((token) => failure(verify(token, keys))));
      for (const error of errors) expect(error).toBeInstanceOf(KeySetUnavailableError);
      expect(server.hits).toBe(1);
    });
  });

  it('sends Accept: application/json to the JWKS URL', async () => {
    const seen: Array<{ url: string; accept: string | null }> = [];
    const fakeFetch = (async (url: string, init: RequestInit) => {
      seen.push({ url, accept: new Headers(init.headers).get('accept') });
      return new Response(JSON.stringify({ keys: [RSA_JWK] }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    await verify(rs256('rsa-1'), new JwksKeys({ url: 'https://idp.example.org/certs', fetch: fakeFetch }));
    expect(seen).toEqual([{ url: 'https://idp.example.org/certs', accept: 'application/json' }]);
  });
});
