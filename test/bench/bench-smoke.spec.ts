import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Only that `npm run bench` works end to end, at a tiny scale: it runs every scenario, prints the
 * table and writes valid JSON with every figure. No figure is judged here (no timing assertions).
 */
const ROOT = resolve(__dirname, '..', '..');
const FIGURES = [
  'appends.throughput',
  'peer.throughput',
  'commands.throughput',
  'commands.p99',
  'projection.catch-up.throughput',
  'projection.catch-up.rss',
  'projection.rebuild.throughput',
  'projection.rebuild.rss',
  'verification.throughput',
  'startup.ms',
  'queries.obligations.p99',
  'queries.commitments.p99',
];

describe('npm run bench --scale=smoke', () => {
  const out = mkdtempSync(join(tmpdir(), 'ikrar-bench-smoke-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs every scenario, prints one table and writes every figure as JSON', () => {
    const run = spawnSync(process.execPath, ['-r', join(ROOT, 'test', 'support', 'ts-register.js'), join(ROOT, 'bench', 'run.ts'), '--scale=smoke', `--out=${out}`], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 55_000,
    });
    expect(run.stderr).not.toContain('bench failed');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\| figure +\| value +\| baseline +\| ratio +\| target +\| pass\/fail \|/);
    for (const heading of ['1. Commands over HTTP', '2. Appends', '3. Appends vs', '4. Projection catch-up', '4. Projection rebuild', '5. Full verification', '6. GET /partners', '6. GET /commitments', '7. Start-up']) {
      expect(run.stdout).toContain(heading);
    }

    const files = readdirSync(out);
    expect(files).toContain('latest.json');
    expect(files.some((file) => /^smoke-.*\.json$/.test(file))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as {
      scale: string;
      figures: Array<{ id: string; value: number | null; target: string; pass: boolean; scenario: string; note?: string }>;
    };
    expect(report.scale).toBe('smoke');
    expect(report.figures.map((f) => f.id).sort()).toEqual([...FIGURES].sort());
    for (const figure of report.figures) {
      expect(typeof figure.pass).toBe('boolean');
      expect(figure.target).not.toBe('');
      expect(figure.scenario).not.toBe('');
      // Every figure measured (a peer that cannot run would say NOT RUN, never pass silently).
      if (figure.value === null) expect(figure.note).toMatch(/^NOT RUN/);
      else expect(Number.isFinite(figure.value)).toBe(true);
    }
  }, 60_000);
});
