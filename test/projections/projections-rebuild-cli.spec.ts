import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { SqliteReadStore } from '@ikrar/read-store';
import { formatProgress, ProgressBar } from '../../apps/cli/src/commands/progress-bar';
import { appendAll } from './support/append';
import { bigStory } from './support/big-story';

const ROOT = join(__dirname, '..', '..');

function ikrar(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('ikrar projections rebuild', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-rebuild-'));
    const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    await appendAll(store, bigStory().events);
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('replays the log into a new generation, shows progress on stderr, reports the totals and exits 0', async () => {
    const first = ikrar(dataDir, 'projections', 'rebuild');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^Read models rebuilt into generation 2 and activated: 3,003 events up to position 3003 in [\d.]+ s, 0 failure\(s\)\.\n$/);
    // Not a terminal: plain lines, the last one complete.
    const lines = first.stderr.trim().split('\n');
    expect(lines[lines.length - 1]).toMatch(/^\[#{20}\] 100% 3,003\/3,003 events [\d,]+ ev\/s$/);

    const second = ikrar(dataDir, 'projections', 'rebuild');
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('generation 3');

    const readStore = SqliteReadStore.open({ file: join(dataDir, 'read-models.sqlite') });
    try {
      expect(await readStore.activeGeneration()).toBe(3);
      expect(await readStore.checkpoint(3, 'ledger')).toMatchObject({ position: 3003 });
      expect(await readStore.checkpoint(3, 'roles')).toMatchObject({ position: 3003 });
      expect((await readStore.all(3, 'partners')).length).toBe(40);
    } finally {
      await readStore.close();
    }
  });

  it('is listed in the usage', () => {
    expect(ikrar(dataDir, '--help').stdout).toContain('projections rebuild');
  });
});

describe('the progress bar', () => {
  it('draws [#####.....] percent, done/total with thousands separators, and the rate', () => {
    expect(formatProgress(12_345, 27_000, 9_800)).toBe('[#########...........] 45% 12,345/27,000 events 9,800 ev/s');
    expect(formatProgress(0, 0, 0)).toBe('[####################] 100% 0/0 events 0 ev/s');
  });

  it('on a terminal redraws one line in place, at most every 100 ms, and ends the line when finished', () => {
    let now = 0;
    const written: string[] = [];
    const bar = new ProgressBar({ isTTY: true, write: (text: string) => written.push(text) }, () => now);
    now = 1000;
    bar.update(10, 100);
    now = 1050;
    bar.update(20, 100);
    now = 1100;
    bar.update(30, 100);
    bar.finish();
    expect(written).toEqual([
      '\r[##..................] 10% 10/100 events 10 ev/s',
      '\r[######..............] 30% 30/100 events 27 ev/s',
      '\n',
    ]);
  });

  it('in a log writes whole lines, every 2 s at most', () => {
    let now = 0;
    const written: string[] = [];
    const bar = new ProgressBar({ isTTY: false, write: (text: string) => written.push(text) }, () => now);
    bar.update(1, 4);
    now = 1000;
    bar.update(2, 4);
    now = 2000;
    bar.update(3, 4);
    now = 3000;
    bar.update(4, 4);
    bar.finish();
    expect(written).toEqual([
      '[#####...............] 25% 1/4 events 1,000 ev/s\n',
      '[###############.....] 75% 3/4 events 2 ev/s\n',
      '[####################] 100% 4/4 events 1 ev/s\n',
    ]);
  });
});
