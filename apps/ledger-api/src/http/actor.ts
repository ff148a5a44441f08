import { Request } from 'express';
import { Actor, ACTOR_ROLES, ActorRole } from '@ikrar/event-store';
import { InvalidRequestError } from './validation-error';

/**
 * Development identity, until bearer tokens land: `X-Actor-Id`, `X-Actor-Role` and
 * `X-Actor-Partner-Id` headers, defaulting to a secretariat user. The actor always comes
 * from this resolver, never from the request body.
 */
export const DEVELOPMENT_ACTOR: Actor = { userId: 'development-secretariat', role: 'secretariat' };

const ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function resolveActor(req: Request): Actor {
  const userId = header(req, 'x-actor-id');
  const role = header(req, 'x-actor-role');
  const partnerId = header(req, 'x-actor-partner-id');
  if (userId === undefined && role === undefined && partnerId === undefined) return DEVELOPMENT_ACTOR;
  const problems = [];
  if (userId !== undefined && !ID.test(userId)) problems.push({ field: 'X-Actor-Id', problems: ['must be 1-128 characters of letters, digits and ._:@-'] });
  if (role !== undefined && !(ACTOR_ROLES as readonly string[]).includes(role)) problems.push({ field: 'X-Actor-Role', problems: [`must be one of ${ACTOR_ROLES.join(', ')}`] });
  if (partnerId !== undefined && !ID.test(partnerId)) problems.push({ field: 'X-Actor-Partner-Id', problems: ['must be a partner id'] });
  if (role === 'partner' && partnerId === undefined) problems.push({ field: 'X-Actor-Partner-Id', problems: ['is required when X-Actor-Role is partner'] });
  if (problems.length > 0) throw new InvalidRequestError(problems, 'Invalid development actor headers');
  const actorRole = (role ?? 'secretariat') as ActorRole;
  return {
    userId: userId ?? `development-${actorRole}`,
    role: actorRole,
    ...(partnerId !== undefined ? { partnerId: partnerId.toLowerCase() } : {}),
  };
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
