import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import { calendarDay, CSV_DATASETS, CsvDataset, EXPORT_FORMATS, ExportFormat, ledgerExport, writeChunks } from '@ikrar/application';
import { IkrarConfig } from '@ikrar/config';
import { openEventStore } from '@ikrar/event-store';

export const EXPORT_USAGE = 'export --format ndjson|csv [--dataset commitments|obligations] [--out FILE]';

interface ExportArgs {
  readonly format: ExportFormat;
  readonly dataset?: CsvDataset;
  readonly out?: string;
}

/**
 * `ikrar export`: the full event log as NDJSON, or the commitments or obligations as CSV, the same
 * bytes as `GET /audit/export`. Streams page by page (constant memory) to stdout, or to `--out FILE`
 * (written beside it and renamed into place when complete, so a failed export leaves no half file).
 */
export async function exportLedger(config: IkrarConfig, args: string[]): Promise<number> {
  const parsed = parseExportArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`ikrar export: ${parsed}\nUsage: npm run --silent ikrar -- ${EXPORT_USAGE}\n`);
    return 64;
  }
  const store = await openEventStore(config);
  try {
    const ledger = ledgerExport(store, { format: parsed.format, dataset: parsed.dataset, today: calendarDay(new Date()) });
    const what = parsed.format === 'ndjson' ? 'events' : `${parsed.dataset} rows`;
    if (parsed.out === undefined) {
      await writeChunks(ledger.chunks, process.stdout);
      await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
      return 0;
    }
    const partial = join(dirname(parsed.out), `.${basename(parsed.out)}.${process.pid}.partial`);
    const handle = await open(partial, 'w');
    const file = handle.createWriteStream({ encoding: 'utf8' });
    const done = finished(file);
    done.catch(() => undefined);
    try {
      await writeChunks(ledger.chunks, file);
      file.end();
      await done;
      await rename(partial, parsed.out);
    } catch (error) {
      file.destroy();
      await rm(partial, { force: true });
      throw error;
    }
    process.stdout.write(`Exported ${ledger.records()} ${what} to ${parsed.out}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

/** The options, or a message saying what is wrong with them. */
export function parseExportArgs(args: readonly string[]): ExportArgs | string {
  const values: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    const match = /^--(format|dataset|out)(?:=(.*))?$/.exec(arg);
    if (!match) return `unexpected argument "${arg}"`;
    const value = match[2] ?? args[++index];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) return `--${match[1]} needs a value`;
    if (values[match[1]] !== undefined) return `--${match[1]} given twice`;
    values[match[1]] = value;
  }
  const format = values.format ?? 'ndjson';
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) return `--format must be one of ${EXPORT_FORMATS.join(', ')}`;
  if (format === 'csv' && !(CSV_DATASETS as readonly string[]).includes(values.dataset)) return `--format csv needs --dataset ${CSV_DATASETS.join('|')}`;
  if (format !== 'csv' && values.dataset !== undefined) return '--dataset applies only to --format csv';
  return { format: format as ExportFormat, dataset: values.dataset as CsvDataset | undefined, out: values.out };
}
