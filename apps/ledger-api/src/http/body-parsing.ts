import { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { Problem, problemType, sendProblem } from './problem';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function isJson(req: Request): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** Routes that take raw bytes (application/octet-stream) instead of JSON: the evidence check. */
const RAW_BODY_ROUTES = [/^\/reports\/[^/]+\/evidence\/check\/?$/];

function isRawRoute(req: Request): boolean {
  return req.method === 'POST' && RAW_BODY_ROUTES.some((route) => route.test(req.path));
}

function isOctetStream(req: Request): boolean {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase() === 'application/octet-stream';
}

/**
 * Our own JSON body parsing, so that every parsing failure (wrong content type, broken JSON,
 * too large) is answered as problem+json instead of an HTML page.
 */
export function installBodyParsing(app: INestApplication, limitBytes: number): void {
  const raw = express.raw({ type: 'application/octet-stream', limit: limitBytes });
  app.use((req: Request, res: Response, next: NextFunction) => {
    // The one exception to JSON only: an evidence file uploaded as raw bytes to be hashed.
    if (isRawRoute(req) && (!hasBody(req) || isOctetStream(req))) return raw(req, res, next);
    if (BODY_METHODS.has(req.method) && hasBody(req) && !isJson(req)) {
      return sendProblem(res, {
        type: problemType('unsupported-media-type'),
        title: 'Unsupported media type',
        status: 415,
        detail: `Send the body as application/json, not "${req.headers['content-type'] ?? 'no content type'}"`,
        instance: req.originalUrl,
      });
    }
    next();
  });
  app.use(express.json({ limit: limitBytes, strict: true }));
  app.use((error: { type?: string; status?: number; message?: string }, req: Request, res: Response, next: NextFunction) => {
    const problem = bodyProblem(error, limitBytes);
    if (!problem) return next(error);
    sendProblem(res, { ...problem, instance: req.originalUrl });
  });
}

function bodyProblem(error: { type?: string; status?: number; message?: string }, limitBytes: number): Problem | null {
  switch (error.type) {
    case 'entity.too.large':
      return { type: problemType('payload-too-large'), title: 'Payload too large', status: 413, detail: `The body exceeds the limit of ${limitBytes} bytes` };
    case 'entity.parse.failed':
      return { type: problemType('invalid-json'), title: 'Invalid request', status: 400, detail: 'The body is not valid JSON', errors: [{ field: 'body', problems: ['must be valid JSON'] }] };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { type: problemType('unsupported-media-type'), title: 'Unsupported media type', status: 415, detail: error.message ?? 'Unsupported encoding' };
    case 'request.aborted':
      return { type: problemType('request-aborted'), title: 'Invalid request', status: 400, detail: 'The request was aborted' };
    default:
      return typeof error.status === 'number' && error.status >= 400 && error.status < 500
        ? { type: problemType('invalid-request'), title: 'Invalid request', status: error.status, detail: error.message ?? 'Invalid request body' }
        : null;
  }
}
