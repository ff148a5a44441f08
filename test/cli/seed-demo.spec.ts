import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';

const ROOT = join(__dirname, '..', '..');

function ikrar(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '' },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

describe('ikrar seed demo', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-seed-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loads the scenarios of DOMAIN.md through the command bus, and a second run appends nothing', async () => {
    const first = ikrar(dataDir, 'seed', 'demo');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Demo data loaded .*: \d+ events appended/);

    const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    const events = await store.readAll();
    await store.close();
    const types = new Set(events.map((e) => e.type));
    for (const type of ['PartnerRegistered', 'ForumEstablished', 'MeetingRecorded', 'AgreementRecorded', 'AgreementCorrected', 'RoleAssigned', 'CommitmentPledged', 'CommitmentAccepted', 'CommitmentReduced', 'CommitmentMilestoneMet', 'CommitmentClosed', 'ReportDrafted', 'ReportSubmitted', 'ReportReturned', 'ReportAccepted']) {
      expect(types).toContain(type);
    }
    const forums = events.filter((e) => e.type === 'ForumEstablished').map((e) => e.data.name);
    expect(forums).toEqual(expect.arrayContaining(['Forum Kemitraan Kesehatan Masyarakat Provinsi NTB', 'Lokakarya Mini Lintas Sektor Puskesmas Kaur Tengah']));
    // Partners drafted their own reports; the secretariat reviewed them.
    const drafted = events.find((e) => e.type === 'ReportDrafted')!;
    const accepted = events.find((e) => e.type === 'ReportAccepted')!;
    expect(drafted.metadata.actor.role).toBe('partner');
    expect(accepted.metadata.actor.role).toBe('secretariat');
    // Personal data never in plain text in the ledger.
    expect(JSON.stringify(events)).not.toContain('csr@bankntbsyariah.example');

    const second = ikrar(dataDir, 'seed', 'demo');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('nothing appended');
    const again = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    expect(await again.readAll()).toHaveLength(events.length);
    await again.close();
  });

  it('answers an unknown command with usage and exit status 64', () => {
    const result = ikrar(dataDir, 'seed', 'everything');
    expect(result.status).toBe(64);
    expect(result.stderr).toContain('unknown command');
  });

  it('refuses a bad configuration loudly before doing anything', () => {
    const result = spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', 'seed', 'demo'], {
      cwd: ROOT,
      env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: 'http://nope' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('EVENTSTORE_URL');
  });
});
