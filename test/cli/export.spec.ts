import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent, SqliteEventStore } from '@ikrar/event-store';
import { parseExportArgs } from '../../apps/cli/src/commands/export';

const ROOT = join(__dirname, '..', '..');

function ikrar(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '' },
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** RFC 4180 records (CRLF-terminated, quoted fields may hold commas, quotes and line breaks). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

// Each case starts the CLI in a fresh Node process (TypeScript compiled on the fly): allow for a busy machine.
jest.setTimeout(120_000);

describe('ikrar export', () => {
  let dataDir: string;
  let outDir: string;
  let log: RecordedEvent[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-export-'));
    outDir = mkdtempSync(join(tmpdir(), 'ikrar-export-out-'));
    const seeded = ikrar(dataDir, 'seed', 'demo');
    expect(seeded.status).toBe(0);
    const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    log = await store.readAll();
    await store.close();
  }, 180_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
  });

  it('--format ndjson writes the whole log to stdout: one parseable envelope per event, nothing else', () => {
    const result = ikrar(dataDir, 'export', '--format', 'ndjson');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(log.length);
    const envelopes = lines.map((line) => JSON.parse(line));
    expect(envelopes.map((e) => e.eventId)).toEqual(log.map((e) => e.eventId));
    expect(envelopes[0]).toMatchObject({ streamId: log[0].streamId, recordedAt: log[0].recordedAt, actor: log[0].metadata.actor, data: log[0].data });
    // Personal data stays sealed in the export.
    expect(result.stdout).not.toContain('csr@bankntbsyariah.example');
  });

  it('--format csv --dataset commitments --out FILE writes one row per pledged commitment and says so', () => {
    const out = join(outDir, 'commitments.csv');
    const result = ikrar(dataDir, 'export', '--format=csv', '--dataset', 'commitments', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const pledged = log.filter((e) => e.type === 'CommitmentPledged');
    expect(result.stdout).toBe(`Exported ${pledged.length} commitments rows to ${out}\n`);
    const [header, ...rows] = csvRecords(readFileSync(out, 'utf8'));
    expect(header).toEqual(expect.arrayContaining(['commitmentId', 'partnerName', 'description', 'valueRupiah', 'status', 'overdue']));
    expect(rows.map((row) => row[header.indexOf('commitmentId')])).toEqual(pledged.map((e) => e.data.commitmentId));
    for (const row of rows) expect(row).toHaveLength(header.length);
    // Only the finished file is left behind.
    expect(readdirSync(outDir)).toEqual(['commitments.csv']);
  });

  it('--dataset obligations lists every milestone and every due date', () => {
    const result = ikrar(dataDir, 'export', '--format', 'csv', '--dataset', 'obligations');
    expect(result.status).toBe(0);
    const [header, ...rows] = csvRecords(result.stdout);
    const milestones = log.filter((e) => e.type === 'CommitmentPledged').reduce((n, e) => n + (e.data.milestones as unknown[]).length, 0);
    const commitments = log.filter((e) => e.type === 'CommitmentPledged').length;
    expect(rows).toHaveLength(milestones + commitments);
    expect(new Set(rows.map((row) => row[header.indexOf('obligation')]))).toEqual(new Set(['milestone', 'commitment']));
  });

  it('refuses bad options with usage and exit status 64, writing nothing', () => {
    for (const args of [['--format', 'xml'], ['--format', 'csv'], ['--out']]) {
      const result = ikrar(dataDir, 'export', ...args);
      expect({ args, status: result.status }).toEqual({ args, status: 64 });
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain('Usage: npm run --silent ikrar -- export');
    }
  });

  it('reads --name value and --name=value options, and says what is wrong with the rest', () => {
    expect(parseExportArgs([])).toEqual({ format: 'ndjson', dataset: undefined, out: undefined });
    expect(parseExportArgs(['--format=csv', '--dataset', 'obligations', '--out', 'o.csv'])).toEqual({ format: 'csv', dataset: 'obligations', out: 'o.csv' });
    expect(parseExportArgs(['--format', 'ndjson', '--dataset', 'commitments'])).toBe('--dataset applies only to --format csv');
    expect(parseExportArgs(['--format', 'csv', '--dataset', 'partners'])).toBe('--format csv needs --dataset commitments|obligations');
    expect(parseExportArgs(['--format', '--out', 'x'])).toBe('--format needs a value');
    expect(parseExportArgs(['--format', 'csv', '--format', 'ndjson'])).toBe('--format given twice');
    expect(parseExportArgs(['--verbose'])).toBe('unexpected argument "--verbose"');
  });

  it('fails with status 1 and leaves no file when it cannot write where it was told to', () => {
    const out = join(outDir, 'missing-folder', 'events.ndjson');
    const result = ikrar(dataDir, 'export', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ENOENT');
    expect(existsSync(out)).toBe(false);
  });
});
