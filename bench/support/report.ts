import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the table. `ratio` is value / baseline when there is a baseline. */
export interface Figure {
  readonly id: string;
  readonly figure: string;
  readonly unit: string;
  /** null: NOT RUN (see `note`). */
  readonly value: number | null;
  readonly baseline: number | null;
  readonly ratio: number | null;
  /** Human-readable target, e.g. ">= 0.5 x baseline", "< 25 ms". */
  readonly target: string;
  readonly pass: boolean;
  /** Data size, concurrency, durability, anything a reader needs to interpret the number. */
  readonly scenario: string;
  readonly note?: string;
}

export interface BenchReport {
  readonly scale: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly seconds: number;
  readonly machine: { readonly node: string; readonly cpus: number; readonly cpuModel: string; readonly platform: string };
  readonly pass: boolean;
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
}

/** Target kinds: at least `min` of the ratio, at least `min` of the value, or below `max`. */
export function ratioFigure(f: Omit<Figure, 'ratio' | 'pass' | 'target'> & { minRatio: number }): Figure {
  const ratio = f.value !== null && f.baseline !== null && f.baseline > 0 ? f.value / f.baseline : null;
  const { minRatio, ...rest } = f;
  return { ...rest, ratio, target: `>= ${minRatio} x baseline`, pass: ratio !== null && ratio >= minRatio && !f.note?.startsWith('FAILED') };
}

export function minFigure(f: Omit<Figure, 'ratio' | 'pass' | 'target' | 'baseline'> & { min: number }): Figure {
  const { min, ...rest } = f;
  return { ...rest, baseline: null, ratio: null, target: `>= ${formatNumber(min)} ${f.unit}`, pass: f.value !== null && f.value >= min && !f.note?.startsWith('FAILED') };
}

export function maxFigure(f: Omit<Figure, 'ratio' | 'pass' | 'target' | 'baseline'> & { max: number }): Figure {
  const { max, ...rest } = f;
  return { ...rest, baseline: null, ratio: null, target: `< ${formatNumber(max)} ${f.unit}`, pass: f.value !== null && f.value < max && !f.note?.startsWith('FAILED') };
}

export function notRun(id: string, figure: string, unit: string, target: string, scenario: string, reason: string): Figure {
  return { id, figure, unit, value: null, baseline: null, ratio: null, target, pass: false, scenario, note: `NOT RUN: ${reason}` };
}

export function formatNumber(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The table, as printed and as pasted into bench/README.md (GitHub markdown). */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    f.value === null ? 'NOT RUN' : `${formatNumber(f.value)} ${f.unit}`,
    f.baseline === null ? '-' : `${formatNumber(f.baseline)} ${f.unit}`,
    f.ratio === null ? '-' : `${f.ratio.toFixed(2)}x`,
    f.target,
    f.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['figure', 'value', 'baseline', 'ratio', 'target', 'pass/fail'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function renderScenarios(figures: readonly Figure[]): string {
  return figures.map((f) => `- ${f.figure}: ${f.scenario}${f.note ? ` (${f.note})` : ''}`).join('\n');
}

/** Writes `latest.json` and a timestamped copy; returns the paths. */
export function writeReport(outDir: string, report: BenchReport): string[] {
  mkdirSync(outDir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const files = [join(outDir, 'latest.json'), join(outDir, `${report.scale}-${stamp}.json`)];
  for (const file of files) writeFileSync(file, text);
  return files;
}
