import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  ErrorType,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import { ExpectedRevision } from '../port';

/** gRPC status codes that mean "the server could not be reached or did not answer", never "your request was wrong". */
const UNAVAILABLE_CODES = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.CANCELLED,
  GrpcStatus.ABORTED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.UNAUTHENTICATED,
  GrpcStatus.PERMISSION_DENIED,
]);

const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  ErrorType.ACCESS_DENIED,
]);

const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE']);

export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError ||
    error instanceof AccessDeniedError
  ) {
    return true;
  }
  if (typeof error !== 'object' || error === null) return false;
  const { type, code, message } = error as { type?: unknown; code?: unknown; message?: unknown };
  if (typeof type === 'string' && UNAVAILABLE_TYPES.has(type)) return true;
  // Raw gRPC ServiceErrors escape the client on some paths (e.g. the server-features probe on connect).
  if (typeof code === 'number' && UNAVAILABLE_CODES.has(code) && 'details' in error) return true;
  if (typeof code === 'string' && CONNECTION_ERRNOS.has(code)) return true;
  // Gossip / DNS discovery gives up with a plain Error.
  return typeof message === 'string' && message.startsWith('Failed to discover after');
}

/** Connection-level failures become EventStoreUnavailableError; anything else is passed through untouched. */
export function mapError(error: unknown, operation: string): unknown {
  if (error instanceof EventStoreUnavailableError || error instanceof WrongExpectedRevisionError) return error;
  if (isUnavailable(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailableError(`EventStoreDB unavailable during ${operation}: ${reason}`, error);
  }
  return error;
}

export function mapAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError || (error as { type?: unknown })?.type === ErrorType.WRONG_EXPECTED_VERSION) {
    const { actualVersion } = error as WrongExpectedVersionError;
    return new WrongExpectedRevisionError(streamId, expected, toActual(actualVersion));
  }
  return mapError(error, `append to ${streamId}`);
}

function toActual(actual: unknown): number | 'no_stream' | 'unknown' {
  if (typeof actual === 'bigint') return actual >= 0n ? Number(actual) : 'no_stream';
  if (typeof actual === 'number') return actual >= 0 ? actual : 'no_stream';
  if (actual === 'no_stream') return 'no_stream';
  return 'unknown';
}
