import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { HttpReply } from '../http-types';
import { AuthenticatedRequest } from './caller';
import { RateLimiter } from './rate-limiter';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

/** A caller over its allowance: 429 with Retry-After. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number, readonly limit: number) {
    super(`More than ${limit} requests in a minute; retry in ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}

/**
 * Rate limits per caller: the token's subject once authenticated, the client address otherwise
 * (public views). Runs after authentication, so one user's limit is not shared with an office
 * behind the same NAT.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const reply = http.getResponse<HttpReply>();
    const caller = req.principal ? `user:${req.principal.userId}` : `ip:${req.ip ?? 'unknown'}`;
    const decision = this.limiter.take(caller);
    reply.header('X-RateLimit-Limit', String(decision.limit));
    reply.header('X-RateLimit-Remaining', String(decision.remaining));
    reply.header('X-RateLimit-Reset', String(decision.resetSeconds));
    if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds, decision.limit);
    return true;
  }
}
