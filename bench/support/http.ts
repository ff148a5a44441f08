import { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { ADMIN, authEnv, authHeaders, BenchActor } from './auth';
import { spawnModule } from './processes';

export interface ApiProcess {
  readonly base: string;
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts an API process on the data dir and resolves once `/health` answers 200; `startedAt` is just before spawn. */
export async function startApi(module: string, dataDir: string, extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<ApiProcess & { readyMs: number }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const startedAt = performance.now();
  const child = spawnModule(module, [], { PORT: String(port), IKRAR_DATA_DIR: dataDir, IKRAR_LOG_LEVEL: 'warn', ...authEnv(), ...extraEnv });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  child.on('exit', () => (exited = true));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    });
  for (;;) {
    if (exited) throw new Error(`API process exited before answering /health:\n${output.slice(-4000)}`);
    if (performance.now() - startedAt > timeoutMs) {
      await stop();
      throw new Error(`API did not answer /health within ${timeoutMs} ms:\n${output.slice(-4000)}`);
    }
    try {
      const response = await fetch(`${base}/health`);
      if (response.status === 200) {
        const readyMs = performance.now() - startedAt;
        await response.arrayBuffer();
        return { base, child, output: () => output, stop, readyMs };
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One JSON request through the real API; throws unless the status is the expected one. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  actor: BenchActor = ADMIN,
  expected: number[] = [200, 201],
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...authHeaders(actor), ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : {}) as T;
}
