import { createHmac, KeyObject, sign } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AuthenticationError } from '@ikrar/access';

/** Whole seconds, so the tolerance boundaries below are exact. */
export const NOW = new Date('2025-06-01T12:00:00Z');
export const NOW_S = NOW.getTime() / 1000;
export const ISSUER = 'https://id.example.org/realms/ikrar';
export const AUDIENCE = 'ikrar-api';
export const SECRET = 'access-tests-secret-0123456789abcdef';
export const OTHER_SECRET = 'some-other-secret-0123456789abcdef!';

export const verifyOptions = { issuer: ISSUER, audience: AUDIENCE, now: () => NOW };

/** Registered claims that pass every check at `NOW`, plus a valid secretariat identity. */
export function validClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISSUER, aud: AUDIENCE, sub: 'user-1', iat: NOW_S - 60, exp: NOW_S + 3600, role: 'auditor', ...overrides };
}

export function segment(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A compact JWS with any header, HMAC-signed with `hash` (default sha256) over the exact segments given. */
export function hmacToken(header: unknown, payload: unknown, secret: string | Buffer = SECRET, hash = 'sha256'): string {
  const input = `${segment(header)}.${segment(payload)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

/** A compact JWS signed with an asymmetric key as RS256 or ES256 prescribe. */
export function asymmetricToken(header: Record<string, unknown>, payload: unknown, privateKey: KeyObject, options: { derSignature?: boolean } = {}): string {
  const input = `${segment(header)}.${segment(payload)}`;
  const signature =
    privateKey.asymmetricKeyType === 'ec'
      ? sign('sha256', Buffer.from(input), options.derSignature ? privateKey : { key: privateKey, dsaEncoding: 'ieee-p1363' })
      : sign('sha256', Buffer.from(input), privateKey);
  return `${input}.${signature.toString('base64url')}`;
}

/** The refusal a promise ends in; fails the test when it resolves or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<AuthenticationError> {
  let outcome: unknown;
  try {
    outcome = await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return error as AuthenticationError;
  }
  throw new Error(`expected an AuthenticationError, but it resolved with ${JSON.stringify(outcome)}`);
}

export async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to be rejected');
}

/** A local identity provider's JWKS endpoint whose answer the test changes at will; counts its hits. */
export class JwksServer {
  hits = 0;
  status = 200;
  contentType = 'application/json';
  body = '{"keys":[]}';
  private server: Server | null = null;
  url = '';

  serveKeys(keys: readonly object[]): void {
    this.status = 200;
    this.contentType = 'application/json';
    this.body = JSON.stringify({ keys });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.hits += 1;
      res.writeHead(this.status, { 'content-type': this.contentType });
      res.end(this.body);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/realms/ikrar/protocol/openid-connect/certs`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
