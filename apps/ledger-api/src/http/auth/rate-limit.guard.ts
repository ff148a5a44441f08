import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthenticatedRequest } from './caller';

/**
 * Rate limits per caller: the token's subject once authenticated, the client address otherwise
 * (public views). Runs after authentication, so one user's limit is not shared with an office
 * behind the same NAT.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as AuthenticatedRequest).principal;
    return principal ? `user:${principal.userId}` : `ip:${(req as unknown as AuthenticatedRequest).ip ?? 'unknown'}`;
  }
}
