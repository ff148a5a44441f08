/**
 * A thin typed wrapper over autocannon (no bundled types): closed-loop load with N connections for
 * a fixed duration, each connection cycling through `requests`.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

interface AutocannonResult {
  readonly requests: Histogram & { readonly total: number };
  readonly latency: Histogram;
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats: Record<string, { count: number }>;
}

export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  /** Mutates the request just before it is sent (fresh ids, the id a previous response returned). */
  readonly setupRequest?: (request: { path: string; body?: string; headers?: Record<string, string> }, context: Record<string, unknown>) => unknown;
  readonly onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  /** Completed requests per second over the whole run. */
  readonly throughput: number;
  readonly latencyMs: { readonly average: number; readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly statusCodes: Record<string, number>;
}

export async function load(base: string, connections: number, seconds: number, requests: readonly LoadRequest[]): Promise<LoadResult> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 30,
    requests: requests.map((request) => ({
      method: request.method,
      path: request.path,
      headers: { ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
      body: request.body,
      setupRequest: request.setupRequest,
      onResponse: request.onResponse,
    })),
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count;
  return {
    requests: result.requests.total,
    seconds: result.duration,
    throughput: result.requests.total / result.duration,
    latencyMs: { average: result.latency.average, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statusCodes,
  };
}
