import { RateLimiter } from '../../apps/ledger-api/src/http/auth/rate-limiter';

describe('the per-caller rate limiter', () => {
  const minute = (n: number, seconds = 0) => Date.UTC(2026, 10, 23, 9, n, seconds);

  it('lets a caller make its allowance of requests in a minute, then refuses with the seconds left', () => {
    let now = minute(0, 10);
    const limiter = new RateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take('user:a').remaining)).toEqual([2, 1, 0]);
    const refused = limiter.take('user:a');
    expect(refused).toEqual({ allowed: false, limit: 3, remaining: 0, resetSeconds: 50 });
    now = minute(0, 59.5 as number);
    expect(limiter.take('user:a')).toMatchObject({ allowed: false, resetSeconds: 1 });
  });

  it('counts each caller on its own', () => {
    const limiter = new RateLimiter(1, () => minute(5));
    expect(limiter.take('user:a').allowed).toBe(true);
    expect(limiter.take('user:a').allowed).toBe(false);
    expect(limiter.take('user:b').allowed).toBe(true);
    expect(limiter.take('ip:10.0.0.1').allowed).toBe(true);
  });

  it('gives the allowance back when the next minute starts', () => {
    let now = minute(7, 30);
    const limiter = new RateLimiter(2, () => now);
    limiter.take('user:a');
    limiter.take('user:a');
    expect(limiter.take('user:a').allowed).toBe(false);
    now = minute(8, 0);
    expect(limiter.take('user:a')).toEqual({ allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
  });
});
