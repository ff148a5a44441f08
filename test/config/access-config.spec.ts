import { ConfigError, loadConfig } from '@ikrar/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('access configuration is validated at start-up', () => {
  it('defaults: development secret, issuer ikrar, audience ikrar-api, no CORS, 600 requests a minute', () => {
    expect(loadConfig({})).toMatchObject({ jwtSecret: null, jwksUrl: null, jwtIssuer: 'ikrar', jwtAudience: 'ikrar-api', corsOrigins: [], rateLimitPerMinute: 600 });
  });

  it('takes a secret, an identity provider, origins and a rate limit', () => {
    expect(
      loadConfig({
        IKRAR_JWKS_URL: 'https://sso.ntbprov.go.id/realms/ikrar/protocol/openid-connect/certs',
        IKRAR_JWT_ISSUER: 'https://sso.ntbprov.go.id/realms/ikrar',
        IKRAR_CORS_ORIGINS: 'https://forum.ntbprov.go.id, http://localhost:5173',
        IKRAR_RATE_LIMIT: '120',
      }),
    ).toMatchObject({ jwksUrl: 'https://sso.ntbprov.go.id/realms/ikrar/protocol/openid-connect/certs', jwtIssuer: 'https://sso.ntbprov.go.id/realms/ikrar', corsOrigins: ['https://forum.ntbprov.go.id', 'http://localhost:5173'], rateLimitPerMinute: 120 });
  });

  it('refuses a short secret without echoing it', () => {
    const problems = problemsOf({ IKRAR_JWT_SECRET: 'rahasia' });
    expect(problems).toEqual(['IKRAR_JWT_SECRET must be at least 32 characters']);
  });

  it('refuses a secret and an identity provider together: the algorithm must be pinned to one key source', () => {
    expect(problemsOf({ IKRAR_JWT_SECRET: 'x'.repeat(40), IKRAR_JWKS_URL: 'https://sso.example/certs' })).toEqual([expect.stringContaining('not both')]);
  });

  it.each([
    [{ IKRAR_JWKS_URL: 'sso.example/certs' }, 'IKRAR_JWKS_URL must be an http(s) URL'],
    [{ IKRAR_CORS_ORIGINS: 'https://forum.example/path' }, 'IKRAR_CORS_ORIGINS'],
    [{ IKRAR_CORS_ORIGINS: '*' }, 'IKRAR_CORS_ORIGINS'],
    [{ IKRAR_RATE_LIMIT: '0' }, 'IKRAR_RATE_LIMIT must be an integer'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(problemsOf(env as Record<string, string>).join('\n')).toContain(message);
  });
});
