import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeEventHash, EventMetadata, RecordedEvent, SqliteEventStore, verifyLog, VerifyResult } from '@ikrar/event-store';
import { FullVerifyResult, resolveSealSigningKey, Sealer, SEALS_FILE, verifyLedgerFully } from '@ikrar/ledger-seal';
import { ntbScenario } from '../support/fixtures';
import { startTestLedger, TestLedger } from '../support/ledger-app';

/**
 * Tamper evidence on the embedded file: an attacker with write access to events.sqlite drops the
 * append-only triggers and edits rows directly; `verify` must name the first event that no longer holds.
 */
const ROOT = join(__dirname, '..', '..');

// The seed and the CLI run in fresh Node processes (TypeScript compiled on the fly): allow for a busy machine.
jest.setTimeout(180_000);

function ikrar(dataDir: string, ...args: string[]) {
  return spawnSync(process.execPath, ['-r', './test/support/ts-register.js', 'apps/cli/src/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, IKRAR_DATA_DIR: dataDir, EVENTSTORE_URL: '' },
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface Row {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  hash: string;
}

/** Opens the file as an attacker would: straight SQLite, append-only triggers dropped. */
function tamper(file: string, edit: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
    edit(db);
  } finally {
    db.close();
  }
}

async function verifyFile(file: string): Promise<VerifyResult> {
  const store = SqliteEventStore.open({ file });
  try {
    return await verifyLog(store, { pageSize: 7 });
  } finally {
    await store.close();
  }
}

const noSealer = {
  index: { checked: 0, ok: true, firstFailure: null },
  seals: { checked: 0, ok: true, firstFailure: null },
};

const quiet = { warn: () => undefined, log: () => undefined };

/** Indexes and seals the copied log as the API would (key: the development key of `dir`, as `ikrar verify` resolves it). */
async function sealDir(dir: string): Promise<void> {
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  const signingKey = resolveSealSigningKey({ dataDir: dir, sealKeyPem: null, sealKeyId: null }, quiet);
  const sealer = Sealer.open({ eventStore: store, file: join(dir, SEALS_FILE), signingKey, sealEvery: 10, sealIntervalMs: 0 });
  try {
    await sealer.catchUp();
    sealer.sealNow();
  } finally {
    await sealer.close();
    await store.close();
  }
}

async function verifyDirFully(dir: string): Promise<FullVerifyResult> {
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
  const signingKey = resolveSealSigningKey({ dataDir: dir, sealKeyPem: null, sealKeyId: null }, quiet);
  const sealer = Sealer.open({ eventStore: store, file: join(dir, SEALS_FILE), signingKey });
  try {
    return await verifyLedgerFully(store, sealer, { pageSize: 7 });
  } finally {
    await sealer.close();
    await store.close();
  }
}

describe('tamper evidence on the embedded event store', () => {
  let seededDir: string;
  let workDir: string;
  let log: RecordedEvent[];
  let file: string;
  let caseNo = 0;

  beforeAll(async () => {
    seededDir = mkdtempSync(join(tmpdir(), 'ikrar-tamper-seed-'));
    workDir = mkdtempSync(join(tmpdir(), 'ikrar-tamper-'));
    const seeded = ikrar(seededDir, 'seed', 'demo');
    expect(seeded.status).toBe(0);
    const store = SqliteEventStore.open({ file: join(seededDir, 'events.sqlite') });
    log = await store.readAll();
    await store.close(); // checkpoints the WAL: the copies below are whole
  }, 300_000);

  afterAll(() => {
    rmSync(seededDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    const dir = join(workDir, `case-${++caseNo}`);
    file = join(dir, 'events.sqlite');
    mkdirSync(dir, { recursive: true });
    copyFileSync(join(seededDir, 'events.sqlite'), file);
  });

  /** A stream with at least three events, and the middle of the log. */
  const longStream = () => {
    const counts = new Map<string, number>();
    for (const event of log) counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
    const streamId = [...counts].find(([, count]) => count >= 3)![0];
    return log.filter((event) => event.streamId === streamId);
  };

  const named = (event: RecordedEvent) => ({
    globalPosition: event.globalPosition,
    eventId: event.eventId,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
  });

  it('verifies the demo data set, seeded through the command bus, as intact', async () => {
    expect(log.length).toBeGreaterThan(20);
    expect(await verifyFile(file)).toEqual({ ok: true, eventsChecked: log.length, firstFailure: null });
  });

  it('names the event whose payload lost or changed one byte: content-changed', async () => {
    const target = log.slice(Math.floor(log.length / 2)).find((event) => /[a-y]/.test(JSON.stringify(event.data)))!;
    tamper(file, (db) => {
      const { data } = db.prepare('SELECT data FROM events WHERE global_position = ?').get(target.globalPosition) as Row;
      const at = data.search(/[a-y]/);
      const changed = data.slice(0, at) + String.fromCharCode(data.charCodeAt(at) + 1) + data.slice(at + 1);
      expect(JSON.parse(changed)).toBeDefined();
      db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(changed, target.globalPosition);
    });

    const result = await verifyFile(file);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toEqual({ ...named(target), problem: 'content-changed' });
    expect(result.eventsChecked).toBe(log.indexOf(target));
  });

  it('names the event whose metadata (who, when) changed: content-changed', async () => {
    const target = log[3];
    tamper(file, (db) => {
      const metadata = { ...target.metadata, actor: { userId: 'someone-else', role: 'admin' } };
      db.prepare('UPDATE events SET metadata = ? WHERE global_position = ?').run(JSON.stringify(metadata), target.globalPosition);
    });
    expect((await verifyFile(file)).firstFailure).toEqual({ ...named(target), problem: 'content-changed' });
  });

  it('names the next event of the stream when a row is deleted', async () => {
    const stream = longStream();
    tamper(file, (db) => {
      db.prepare('DELETE FROM events WHERE global_position = ?').run(stream[1].globalPosition);
    });

    const result = await verifyFile(file);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toMatchObject(named(stream[2]));
    expect(['revision-gap', 'chain-broken']).toContain(result.firstFailure!.problem);
  });

  it('names the next event when a row is deleted and the later revisions renumbered to hide the gap', async () => {
    const stream = longStream();
    tamper(file, (db) => {
      db.prepare('DELETE FROM events WHERE global_position = ?').run(stream[1].globalPosition);
      for (const event of stream.slice(2)) {
        db.prepare('UPDATE events SET stream_revision = ? WHERE global_position = ?').run(event.streamRevision - 1, event.globalPosition);
      }
    });

    const result = await verifyFile(file);
    expect(result.firstFailure?.eventId).toBe(stream[2].eventId);
    expect(['chain-broken', 'content-changed']).toContain(result.firstFailure!.problem);
  });

  it('names the event when the payloads of two events of one stream are swapped', async () => {
    const [first, second] = longStream();
    tamper(file, (db) => {
      const read = db.prepare('SELECT data FROM events WHERE global_position = ?');
      const a = (read.get(first.globalPosition) as Row).data;
      const b = (read.get(second.globalPosition) as Row).data;
      const write = db.prepare('UPDATE events SET data = ? WHERE global_position = ?');
      write.run(b, first.globalPosition);
      write.run(a, second.globalPosition);
    });

    const result = await verifyFile(file);
    expect(result.firstFailure).toEqual({ ...named(first), problem: 'content-changed' });
  });

  it('names the event when the ids of two events of one stream are swapped', async () => {
    const [, second, third] = longStream();
    tamper(file, (db) => {
      const write = db.prepare('UPDATE events SET event_id = ? WHERE global_position = ?');
      write.run('swap-in-progress', second.globalPosition);
      write.run(second.eventId, third.globalPosition);
      write.run(third.eventId, second.globalPosition);
    });

    const result = await verifyFile(file);
    expect(result.firstFailure).toMatchObject({ globalPosition: second.globalPosition, streamId: second.streamId, streamRevision: 1 });
    expect(result.firstFailure!.problem).toBe('content-changed');
  });

  it('names the event when two whole events (content and hashes) of one stream trade places', async () => {
    const [first, second] = longStream();
    tamper(file, (db) => {
      const columns = ['event_id', 'type', 'schema_version', 'data', 'metadata', 'hash', 'previous_hash'];
      const read = db.prepare(`SELECT ${columns.join(', ')} FROM events WHERE global_position = ?`);
      const a = read.get(first.globalPosition) as Record<string, unknown>;
      const b = read.get(second.globalPosition) as Record<string, unknown>;
      const write = db.prepare(`UPDATE events SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE global_position = @position`);
      write.run({ ...a, event_id: 'swap-in-progress', position: second.globalPosition });
      write.run({ ...b, position: first.globalPosition });
      write.run({ ...a, position: second.globalPosition });
    });

    const result = await verifyFile(file);
    expect(result.firstFailure).toMatchObject({ globalPosition: first.globalPosition, streamId: first.streamId, streamRevision: 0 });
    expect(['chain-broken', 'content-changed']).toContain(result.firstFailure!.problem);
  });

  it('names the next event of the stream when an attacker also recomputes the changed event\'s hash', async () => {
    const [, second, third] = longStream();
    tamper(file, (db) => {
      const data = { ...second.data, forged: true };
      const hash = computeEventHash({ ...second, data, metadata: second.metadata as EventMetadata }, second.previousHash);
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE global_position = ?').run(JSON.stringify(data), hash, second.globalPosition);
    });

    const result = await verifyFile(file);
    expect(result.firstFailure).toEqual({ ...named(third), problem: 'chain-broken' });
  });

  it('with the sealer: an intact log, index and seal chain verify fully', async () => {
    const dir = join(workDir, `case-${caseNo}`);
    await sealDir(dir);
    const result = await verifyDirFully(dir);
    expect(result).toMatchObject({ ok: true, eventsChecked: log.length, firstFailure: null, index: { checked: log.length, ok: true } });
    expect(result.seals.ok).toBe(true);
    expect(result.seals.checked).toBeGreaterThan(1);
  });

  it('names the deleted LAST event of a stream through the ledger index (the chain alone cannot see it)', async () => {
    const dir = join(workDir, `case-${caseNo}`);
    await sealDir(dir);
    const lastOfStream = new Map<string, RecordedEvent>();
    for (const event of log) lastOfStream.set(event.streamId, event);
    const target = [...lastOfStream.values()].filter((event) => event !== log[log.length - 1]).sort((a, b) => a.globalPosition - b.globalPosition)[0];
    tamper(file, (db) => {
      db.prepare('DELETE FROM events WHERE global_position = ?').run(target.globalPosition);
    });

    expect((await verifyFile(file)).ok).toBe(true);
    const result = await verifyDirFully(dir);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toBeNull();
    expect(result.index.ok).toBe(false);
    expect(result.index.firstFailure).toEqual({ ledgerIndex: log.indexOf(target), ...named(target), problem: 'not-in-log-at-position' });
    expect(result.index.checked).toBe(log.indexOf(target));
  });

  it('names the first of two whole events that traded places through the ledger index', async () => {
    const dir = join(workDir, `case-${caseNo}`);
    await sealDir(dir);
    const [first, second] = longStream();
    tamper(file, (db) => {
      const columns = ['event_id', 'type', 'schema_version', 'data', 'metadata', 'hash', 'previous_hash'];
      const read = db.prepare(`SELECT ${columns.join(', ')} FROM events WHERE global_position = ?`);
      const a = read.get(first.globalPosition) as Record<string, unknown>;
      const b = read.get(second.globalPosition) as Record<string, unknown>;
      const write = db.prepare(`UPDATE events SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE global_position = @position`);
      write.run({ ...a, event_id: 'swap-in-progress', position: second.globalPosition });
      write.run({ ...b, position: first.globalPosition });
      write.run({ ...a, position: second.globalPosition });
    });

    const result = await verifyDirFully(dir);
    expect(result.ok).toBe(false);
    expect(result.index.firstFailure).toMatchObject({ ledgerIndex: log.indexOf(first), eventId: first.eventId });
  });

  it.each([
    ['signature', (db: Database.Database, seq: number) => {
      const { signature } = db.prepare('SELECT signature FROM seals WHERE seq = ?').get(seq) as { signature: string };
      const forged = Buffer.from(signature, 'base64');
      forged[0] ^= 1;
      db.prepare('UPDATE seals SET signature = ? WHERE seq = ?').run(forged.toString('base64'), seq);
    }],
    ['root', (db: Database.Database, seq: number) => {
      db.prepare('UPDATE seals SET root_hash = ? WHERE seq = ?').run('ab'.repeat(32), seq);
    }],
  ])('names the seal whose %s was replaced in ledger-seals.sqlite (and `ikrar verify` exits 2)', async (_what, forge) => {
    const dir = join(workDir, `case-${caseNo}`);
    await sealDir(dir);
    const db = new Database(join(dir, SEALS_FILE));
    const seqs = (db.prepare('SELECT seq FROM seals ORDER BY seq').all() as { seq: number }[]).map((row) => row.seq);
    const target = seqs[1];
    try {
      forge(db, target);
    } finally {
      db.close();
    }

    const result = await verifyDirFully(dir);
    expect(result.ok).toBe(false);
    expect(result.firstFailure).toBeNull();
    expect(result.index.ok).toBe(true);
    expect(result.seals.ok).toBe(false);
    expect(result.seals.firstFailure?.seq).toBe(target);

    const cli = ikrar(dir, 'verify');
    expect(cli.status).toBe(2);
    expect((JSON.parse(cli.stdout) as FullVerifyResult).seals.firstFailure?.seq).toBe(target);
    expect(cli.stderr).toContain(`seal ${target}`);
  });

  it('`ikrar verify --digest` accepts a seal kept from before more events, and rejects it once an early hash is rewritten', async () => {
    const dir = join(workDir, `case-${caseNo}`);
    const digestFile = join(dir, 'digest.json');
    // The auditor keeps the latest seal while only the first half of the log exists.
    const store = SqliteEventStore.open({ file });
    const signingKey = resolveSealSigningKey({ dataDir: dir, sealKeyPem: null, sealKeyId: null }, quiet);
    const sealer = Sealer.open({ eventStore: store, file: join(dir, SEALS_FILE), signingKey, sealEvery: 1000, sealIntervalMs: 0 });
    try {
      for (const event of log.slice(0, Math.floor(log.length / 2))) sealer.indexEvent(event);
      const kept = sealer.sealNow()!;
      writeFileSync(digestFile, JSON.stringify(kept));
      await sealer.catchUp();
      sealer.sealNow();
      expect(sealer.latestSeal()!.treeSize).toBe(log.length);
    } finally {
      await sealer.close();
      await store.close();
    }

    const good = ikrar(dir, 'verify', '--digest', digestFile);
    expect(good.stderr).not.toContain('digest does not verify');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).digest).toEqual({ ok: true, treeSize: Math.floor(log.length / 2), latestTreeSize: log.length, problems: [] });

    // Rewrite an early event's hash in the log and the index alike.
    const target = log[1];
    const forged = 'cd'.repeat(32);
    tamper(file, (db) => db.prepare('UPDATE events SET hash = ? WHERE global_position = ?').run(forged, target.globalPosition));
    const seals = new Database(join(dir, SEALS_FILE));
    try {
      seals.prepare('UPDATE ledger_index SET event_hash = ? WHERE event_id = ?').run(forged, target.eventId);
    } finally {
      seals.close();
    }
    const bad = ikrar(dir, 'verify', '--digest', digestFile);
    expect(bad.status).toBe(2);
    const digest = JSON.parse(bad.stdout).digest;
    expect(digest.ok).toBe(false);
    expect(digest.problems.join('\n')).toMatch(/root at tree size .* differs from the digest's root/);
    expect(bad.stderr).toContain('digest does not verify');
  });

  it('`ikrar verify` exits 0 on the intact file and 2 on a tampered one, naming the event', () => {
    const dir = join(workDir, `case-${caseNo}`);
    const clean = ikrar(dir, 'verify');
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual({ ok: true, eventsChecked: log.length, firstFailure: null, ...noSealer });
    expect(clean.stderr).toMatch(/100% .* events/);

    const target = log[log.length - 5];
    tamper(file, (db) => {
      const metadata = { ...target.metadata, occurredAt: '1999-01-01T00:00:00.000Z' };
      db.prepare('UPDATE events SET metadata = ? WHERE global_position = ?').run(JSON.stringify(metadata), target.globalPosition);
    });
    const tampered = ikrar(dir, 'verify');
    expect(tampered.status).toBe(2);
    const result = JSON.parse(tampered.stdout) as VerifyResult;
    expect(result).toEqual({ ok: false, eventsChecked: log.length - 5, firstFailure: { ...named(target), problem: 'content-changed' }, ...noSealer });
    expect(tampered.stderr).toContain(target.eventId);
  });
});

describe('GET /audit/verify', () => {
  let ledger: TestLedger;

  beforeAll(async () => {
    ledger = await startTestLedger();
    await ntbScenario(ledger);
  });
  afterAll(async () => ledger.close());

  it('answers 200 with ok true for the log recorded through the API, then names a tampered event with ok false', async () => {
    const log = await ledger.store.readAll();
    await ledger.sealer.waitForPosition(log[log.length - 1].globalPosition);
    ledger.sealer.sealNow();
    const intact = await ledger.auditor.get('/audit/verify').expect(200);
    expect(intact.body).toEqual({
      ok: true,
      eventsChecked: log.length,
      firstFailure: null,
      index: { checked: log.length, ok: true, firstFailure: null },
      seals: { checked: ledger.sealer.seals().length, ok: true, firstFailure: null },
    });

    const target = log[2];
    tamper(join(ledger.dataDir, 'events.sqlite'), (db) => {
      db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(
        JSON.stringify({ ...target.data, injected: 1 }),
        target.globalPosition,
      );
    });
    const broken = await ledger.auditor.get('/audit/verify').expect(200);
    expect(broken.body.index).toMatchObject({ ok: true, firstFailure: null });
    expect(broken.body).toMatchObject({
      ok: false,
      eventsChecked: 2,
      firstFailure: {
        globalPosition: target.globalPosition,
        eventId: target.eventId,
        streamId: target.streamId,
        streamRevision: target.streamRevision,
        problem: 'content-changed',
      },
    });
  });
});
