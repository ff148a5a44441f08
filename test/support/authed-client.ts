import request from 'supertest';
import { TestIdentity, tokenFor } from './tokens';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
export type AuthedClient = { [M in Method]: (path: string) => request.Test };

/**
 * supertest with a bearer token on every request, chosen per request by `identityFor` (a later
 * `.set('Authorization', ...)` in a test overrides it). `onResponse` sees every response.
 */
export function authedClient(
  server: Parameters<typeof request>[0],
  identityFor: (method: Method, path: string) => TestIdentity | null,
  onResponse?: (method: Method, path: string, res: request.Response) => void,
): AuthedClient {
  const agent = request(server);
  const make = (method: Method) => (path: string) => {
    const test = agent[method](path);
    const identity = identityFor(method, path);
    if (identity) test.set('Authorization', `Bearer ${tokenFor(identity)}`);
    if (onResponse) test.on('response', (res: request.Response) => onResponse(method, path, res));
    return test;
  };
  return { get: make('get'), post: make('post'), put: make('put'), patch: make('patch'), delete: make('delete'), head: make('head'), options: make('options') };
}
