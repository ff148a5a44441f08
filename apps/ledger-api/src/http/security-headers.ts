import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet's default security headers (Content-Security-Policy, Strict-Transport-Security,
 * X-Content-Type-Options, ...), computed once at start-up: none of them depends on the request,
 * and building them per request cost more CPU than the rest of a request's HTTP handling.
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name];
    },
  };
  let applied = false;
  helmet()({} as IncomingMessage, response as unknown as ServerResponse, () => {
    applied = true;
  });
  if (!applied) throw new Error('helmet did not apply its headers synchronously');
  return Object.freeze(headers);
}
