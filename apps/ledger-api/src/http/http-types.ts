import type { FastifyReply, FastifyRequest } from 'fastify';

/** The HTTP adapter's request and reply (Fastify), named once so controllers do not depend on the adapter's names. */
export type HttpRequest = FastifyRequest;
export type HttpReply = FastifyReply;
