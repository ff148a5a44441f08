import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { HttpRequest } from './http-types';
import { randomUUID } from 'node:crypto';
import { CommandContext } from '@ikrar/application';
import { actorOf } from '@ikrar/access';
import { AuthenticatedRequest, callerOf } from './auth/caller';
import { canonicalJson, sha256Hex } from './canonical-json';
import { InvalidRequestError } from './validation-error';

const TOKEN = /^[\x21-\x7e]{1,255}$/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface IkrarRequest extends AuthenticatedRequest {
  requestId?: string;
  receivedAt?: Date;
}

/** The request's id: the client's `X-Request-Id` when well formed, otherwise a fresh UUID. */
export function requestIdOf(req: IkrarRequest): string {
  if (!req.requestId) {
    const given = req.headers['x-request-id'];
    req.requestId = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  }
  return req.requestId;
}

export function idempotencyKeyOf(req: HttpRequest): string | null {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !TOKEN.test(key)) {
    throw new InvalidRequestError([{ field: 'Idempotency-Key', problems: ['must be 1-255 visible ASCII characters'] }]);
  }
  return key;
}

export function requestHashOf(req: HttpRequest): string {
  return sha256Hex(`${req.method} ${req.url.split('?')[0]}\n${canonicalJson(req.body ?? null)}`);
}

/** `If-Match: "3"` (or `W/"3"`, or bare `3`) -> 3; absent or `*` -> null. */
export function ifMatchOf(req: HttpRequest): number | null {
  const raw = req.headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return null;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(raw);
  if (!match) throw new InvalidRequestError([{ field: 'If-Match', problems: ['must be an entity tag such as "3" (the revision from ETag)'] }]);
  return Number(match[1]);
}

export function commandContextOf(req: IkrarRequest): CommandContext {
  const requestId = requestIdOf(req);
  const correlation = req.headers['x-correlation-id'];
  const principal = callerOf(req);
  return {
    principal,
    actor: actorOf(principal),
    correlationId: typeof correlation === 'string' && REQUEST_ID.test(correlation) ? correlation : requestId,
    causationId: requestId,
    idempotencyKey: idempotencyKeyOf(req),
    requestHash: requestHashOf(req),
    expectedRevision: ifMatchOf(req),
    receivedAt: req.receivedAt ?? new Date(),
  };
}

/** `@Ctx() ctx: CommandContext` in a controller method. */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext) => commandContextOf(host.switchToHttp().getRequest()));
