import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PrincipalRole, TokenVerifier } from '@ikrar/access';
import { ForbiddenError } from '@ikrar/application';
import { ALLOWED_ROLES, AuthenticatedRequest } from './caller';
import { PUBLIC_ROUTE } from './public.decorator';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/**
 * Every route needs a verified bearer token unless it is `@Public()`. The principal it names is
 * the only source of "who": commands record it as their actor, queries filter by it.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.verifier.authenticate(req.headers.authorization);
    req.principal = principal;
    const allowed = this.reflector.getAllAndOverride<PrincipalRole[] | undefined>(ALLOWED_ROLES, targets);
    if (allowed && !(allowed as string[]).includes(principal.role)) {
      throw new ForbiddenError(`call ${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, principal.role);
    }
    return true;
  }
}
