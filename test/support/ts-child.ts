import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs a TypeScript file of the repository in a child process (through test/support/ts-register.js) and
 * resolves once `until` accepts a line it printed, with every line so far; rejects if it exits first.
 * For crash tests: the caller then kills it at that point.
 */
export function runTsChild(
  script: string,
  args: readonly string[],
  until: (line: string, lines: string[]) => boolean,
): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop()!;
      for (const line of complete) {
        lines.push(line);
        if (until(line, lines)) resolve({ child, lines });
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`${script} exited (${code}) before the expected output:\n${lines.slice(-5).join('\n')}\n${stderr}`));
    });
  });
}

/** How the child ended (at once if it already has). */
export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

/** SIGKILL, as a power cut or the OOM killer would: resolves with how it ended once it has. */
export async function killChild(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const ended = exited(child);
  child.kill('SIGKILL');
  return ended;
}
