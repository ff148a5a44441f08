import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { HttpRequest } from './http-types';
import { Problem, problemType, RequestProblemError } from './problem';

const JSON_TYPES = /^application\/(?:json|[a-z0-9.+-]+\+json)$/;

/** Routes that take raw bytes (application/octet-stream) instead of JSON: the evidence check. */
const RAW_BODY_ROUTES = new Set(['/reports/:id/evidence/check']);

type Done = (error: Error | null, body?: unknown) => void;

/**
 * Our own body parsing, so that every failure (wrong content type, broken JSON, too large) is
 * answered as problem+json naming the problem, and a body is never buffered past the limit.
 * JSON only, except an evidence file uploaded as raw bytes to be hashed.
 */
export function installBodyParsing(fastify: FastifyInstance, limitBytes: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPES, (req: HttpRequest, payload: IncomingMessage, done: Done) => {
    readBody(req, payload, limitBytes, (error, bytes) => {
      if (error) return done(error);
      if (bytes!.length === 0) return done(null, {});
      try {
        done(null, JSON.parse(bytes!.toString('utf8')));
      } catch {
        done(new RequestProblemError(invalidJson()));
      }
    });
  });
  fastify.addContentTypeParser('application/octet-stream', (req: HttpRequest, payload: IncomingMessage, done: Done) => {
    if (!isRawRoute(req)) return done(new RequestProblemError(unsupportedMediaType(req)));
    readBody(req, payload, limitBytes, done);
  });
  fastify.addContentTypeParser('*', (req: HttpRequest, _payload: IncomingMessage, done: Done) => {
    done(new RequestProblemError(unsupportedMediaType(req)));
  });
}

function isRawRoute(req: HttpRequest): boolean {
  return req.method === 'POST' && RAW_BODY_ROUTES.has(req.routeOptions.url ?? '');
}

/** Reads the whole body, refusing it as soon as it is known to exceed the limit (declared length first). */
function readBody(req: HttpRequest, payload: IncomingMessage, limitBytes: number, done: (error: Error | null, body?: Buffer) => void): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return done(new RequestProblemError(tooLarge(limitBytes)));
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const settle = (error: Error | null, body?: Buffer) => {
    if (settled) return;
    settled = true;
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    done(error, body);
  };
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limitBytes) {
      payload.pause();
      return settle(new RequestProblemError(tooLarge(limitBytes)));
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    if (Number.isFinite(declared) && declared !== received) {
      return settle(new RequestProblemError({ type: problemType('invalid-request'), title: 'Invalid request', status: 400, detail: 'The body is shorter or longer than its Content-Length' }));
    }
    settle(null, Buffer.concat(chunks, received));
  };
  const onError = () => settle(new RequestProblemError({ type: problemType('request-aborted'), title: 'Invalid request', status: 400, detail: 'The request was aborted' }));
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
}

function tooLarge(limitBytes: number): Problem {
  return { type: problemType('payload-too-large'), title: 'Payload too large', status: 413, detail: `The body exceeds the limit of ${limitBytes} bytes` };
}

function invalidJson(): Problem {
  return { type: problemType('invalid-json'), title: 'Invalid request', status: 400, detail: 'The body is not valid JSON', errors: [{ field: 'body', problems: ['must be valid JSON'] }] };
}

function unsupportedMediaType(req: HttpRequest): Problem {
  return {
    type: problemType('unsupported-media-type'),
    title: 'Unsupported media type',
    status: 415,
    detail: `Send the body as application/json, not "${req.headers['content-type'] ?? 'no content type'}"`,
  };
}
