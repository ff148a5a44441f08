import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpReply, HttpRequest } from './http-types';
import { AuthenticationError, KeySetUnavailableError } from '@ikrar/access';
import { AUTHORIZATION_RULES, DomainRuleViolation } from '@ikrar/domain';
import { EventStoreUnavailableError } from '@ikrar/event-store';
import {
  ConcurrencyExhaustedError,
  EntityNotFoundError,
  ForbiddenError,
  IdempotencyKeyReusedError,
  PreconditionFailedError,
} from '@ikrar/application';
import { Problem, problemType, RequestProblemError, sendProblem } from './problem';
import { InvalidRequestError } from './validation-error';
import { RateLimitedError } from './auth/rate-limit.guard';

/** Rules whose violation means the addressed sub-resource does not exist. */
const NOT_FOUND_RULES = new Set(['milestone-not-found']);

/** Every error leaves as RFC 9457 problem+json; only a fault of ours is a 500, and it says nothing internal. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpReply>();
    const { problem, headers } = this.toProblem(exception, req.url);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.sent || res.raw.headersSent) return;
    sendProblem(res, problem, headers);
  }

  toProblem(exception: unknown, instance: string): { problem: Problem; headers: Record<string, string> } {
    const plain = (problem: Problem, headers: Record<string, string> = {}) => ({ problem: { ...problem, instance }, headers });
    if (exception instanceof RequestProblemError) return plain(exception.problem);
    if (exception instanceof InvalidRequestError) {
      const detail = exception.fields.map((f) => `${f.field}: ${f.problems.join('; ')}`).join(' | ');
      return plain({ type: problemType('invalid-request'), title: 'Invalid request', status: 400, detail, errors: exception.fields });
    }
    if (exception instanceof DomainRuleViolation) {
      const status = NOT_FOUND_RULES.has(exception.rule) ? 404 : AUTHORIZATION_RULES.has(exception.rule) ? 403 : 422;
      return plain({
        type: problemType(`rule/${exception.rule}`),
        title: status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : 'Business rule violated',
        status,
        detail: exception.message,
        rule: exception.rule,
        ...(exception.details ? { details: exception.details } : {}),
      });
    }
    if (exception instanceof AuthenticationError) {
      return plain(
        { type: problemType('unauthenticated'), title: 'Unauthorized', status: 401, detail: exception.message },
        { 'WWW-Authenticate': `Bearer realm="ikrar", error="invalid_token", error_description="${exception.reason.replace(/["\\]/g, "'")}"` },
      );
    }
    if (exception instanceof KeySetUnavailableError) {
      return plain({ type: problemType('identity-provider-unavailable'), title: 'Service unavailable', status: 503, detail: 'The identity provider\'s signing keys cannot be read; retry later.' }, { 'Retry-After': '5' });
    }
    if (exception instanceof RateLimitedError) {
      return plain({ type: problemType('rate-limited'), title: 'Too many requests', status: 429, detail: exception.message }, { 'Retry-After': String(exception.retryAfterSeconds) });
    }
    if (exception instanceof ForbiddenError) {
      return plain({ type: problemType('forbidden'), title: 'Forbidden', status: 403, detail: exception.message, act: exception.act });
    }
    if (exception instanceof EntityNotFoundError) {
      return plain({ type: problemType('not-found'), title: 'Not found', status: 404, detail: exception.message });
    }
    if (exception instanceof PreconditionFailedError) {
      return plain(
        {
          type: problemType('stale-revision'),
          title: 'Precondition failed',
          status: 412,
          detail: exception.message,
          expectedRevision: exception.expectedRevision,
          currentRevision: exception.actualRevision,
        },
        exception.actualRevision >= 0 ? { ETag: `"${exception.actualRevision}"` } : {},
      );
    }
    if (exception instanceof IdempotencyKeyReusedError) {
      return plain({
        type: problemType('rule/idempotency-key-reused'),
        title: 'Business rule violated',
        status: 422,
        detail: exception.message,
        rule: 'idempotency-key-reused',
      });
    }
    if (exception instanceof ConcurrencyExhaustedError) {
      return plain({ type: problemType('busy'), title: 'Too many concurrent changes', status: 409, detail: exception.message }, { 'Retry-After': '1' });
    }
    if (exception instanceof EventStoreUnavailableError) {
      return plain({ type: problemType('store-unavailable'), title: 'Event store unavailable', status: 503, detail: 'The event store cannot be reached; nothing was recorded. Retry later.' }, { 'Retry-After': '5' });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? exception.message);
      return plain({
        type: problemType(slug(exception.name)),
        title: titleFor(status),
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message),
      });
    }
    return plain({ type: problemType('internal'), title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged.' });
  }
}

function slug(name: string): string {
  return name.replace(/Exception$/, '').replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Invalid request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'Not acceptable',
    409: 'Conflict',
    412: 'Precondition failed',
    413: 'Payload too large',
    415: 'Unsupported media type',
    422: 'Business rule violated',
    429: 'Too many requests',
    503: 'Service unavailable',
  };
  return titles[status] ?? 'Error';
}
