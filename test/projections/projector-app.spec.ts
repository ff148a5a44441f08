import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { createProjections, Projector } from '@ikrar/projections';
import { SqliteReadStore } from '@ikrar/read-store';
import { appendAll } from './support/append';
import { Story } from './support/story';

const ROOT = join(__dirname, '..', '..');
const MAIN = 'apps/projector/src/main.ts';

describe('apps/projector: the projector as its own process', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-projector-app-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('projects the embedded log into the embedded read models, keeps following it, and stops cleanly on SIGTERM', async () => {
    const story = new Story();
    story.registerPartner('P1', { name: 'Bank NTB Syariah' });
    story.establishForum('F1', 'P1');
    const eventStore = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    await appendAll(eventStore, story.events.slice(0, 1));

    const child = spawn(process.execPath, ['-r', './test/support/ts-register.js', MAIN], {
      cwd: ROOT,
      env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '', MONGODB_URL: '', IKRAR_PROJECTOR: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    // Another process watching the same read models, as the API does with IKRAR_PROJECTOR=off.
    const readStore = SqliteReadStore.open({ file: join(dataDir, 'read-models.sqlite') });
    const watcher = new Projector({ eventStore, readStore, projections: createProjections() });
    try {
      expect(await watcher.waitFor(1, 60_000)).toBe(true);
      await appendAll(eventStore, story.events.slice(1));
      expect(await watcher.waitFor(2, 60_000)).toBe(true);
      expect(await readStore.get(await readStore.activeGeneration(), 'forums', 'F1')).toMatchObject({ id: 'F1', meetingCount: 0 });

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stdout).toContain('projecting events (embedded SQLite');
      expect(stdout).toContain('SIGTERM: committing the batch in hand, then closing the stores');
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGKILL');
      await readStore.close();
      await eventStore.close();
    }
  }, 90_000);

  it('refuses a bad configuration loudly (exit 78)', () => {
    const result = spawnSync(process.execPath, ['-r', './test/support/ts-register.js', MAIN], {
      cwd: ROOT,
      env: { ...process.env, IKRAR_DATA_DIR: dataDir, MONGODB_URL: 'postgres://user:secret@db/x', IKRAR_PROJECTOR: 'sometimes' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('MONGODB_URL must be a mongodb://');
    expect(result.stderr).toContain('IKRAR_PROJECTOR must be inline or off');
    expect(result.stderr).not.toContain('secret');
  });
});
