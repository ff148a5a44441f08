import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Running from TypeScript sources (the smoke test, via test/support/ts-register.js) or from the tsc build in dist/. */
export const FROM_SOURCES = __filename.endsWith('.ts');
/** The repository root, in both layouts (bench/support/*.ts or dist/bench/support/*.js). */
export const ROOT = FROM_SOURCES ? resolve(__dirname, '..', '..') : resolve(__dirname, '..', '..', '..');

/** `node` arguments and environment that run a module of the repository (path without extension, from the root). */
export function nodeCommand(module: string): { args: string[]; env: Record<string, string> } {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  if (FROM_SOURCES) {
    return { args: [...profile, '-r', join(ROOT, 'test', 'support', 'ts-register.js'), join(ROOT, `${module}.ts`)], env: {} };
  }
  return {
    args: [...profile, '-r', 'tsconfig-paths/register', join(ROOT, 'dist', `${module}.js`)],
    env: { TS_NODE_BASEURL: join(ROOT, 'dist'), TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
  };
}

export function spawnModule(module: string, args: readonly string[], env: Record<string, string> = {}): ChildProcess {
  const command = nodeCommand(module);
  return spawn(process.execPath, [...command.args, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...command.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Runs a bench worker to completion; its last stdout line is its JSON result. Throws with the
 * worker's stderr when it fails.
 */
export function runWorker<T>(module: string, args: readonly string[], env: Record<string, string> = {}, onLine?: (line: string) => void): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnModule(module, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr += text;
      if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(line);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${module} exited with ${code}:\n${stderr.slice(-4000)}`));
      const last = stdout.trim().split('\n').pop() ?? '';
      try {
        resolvePromise(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${module} printed no JSON result:\n${stdout.slice(-2000)}\n${stderr.slice(-2000)}`));
      }
    });
  });
}

/** Prints a worker's JSON result as its last stdout line. */
export function reportResult(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}
