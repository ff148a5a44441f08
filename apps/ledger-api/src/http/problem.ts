import { HttpReply } from './http-types';

/** RFC 9457 problem details. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function sendProblem(reply: HttpReply, problem: Problem, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  reply.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

/** Problem type URIs are stable names, documented in the README. */
export function problemType(name: string): string {
  return `urn:ikrar:problem:${name}`;
}

/** A request refused before it reaches a route (its body), carrying the problem to answer. */
export class RequestProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'RequestProblemError';
  }
}
