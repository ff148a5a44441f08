import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { HttpRequest } from '../http-types';
import { Principal, PrincipalRole } from '@ikrar/access';

export interface AuthenticatedRequest extends HttpRequest {
  /** Set by the authentication guard on every route that is not public. */
  principal?: Principal;
}

/** The verified caller of a protected route. */
export function callerOf(req: AuthenticatedRequest): Principal {
  if (!req.principal) throw new Error('No principal on a protected route: is the authentication guard installed?');
  return req.principal;
}

/** `@Caller() caller: Principal` in a controller method. */
export const Caller = createParamDecorator((_: unknown, host: ExecutionContext) => callerOf(host.switchToHttp().getRequest()));

export const ALLOWED_ROLES = 'ikrar:allowed-roles';

/** Only these roles may call the route or controller at all (others: 403). */
export const AllowRoles = (...roles: PrincipalRole[]) => SetMetadata(ALLOWED_ROLES, roles);
