import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventHashMatches, RecordedEvent, SqliteEventStore } from '@ikrar/event-store';
import { AckLine, batchSize, crashEvent } from './fixtures/crash-events';

const ROOT = resolve(__dirname, '..', '..');
const ACKS_BEFORE_KILL = 300;
const ROUNDS = 2;
const CHILD_TIMEOUT_MS = 120_000;

/**
 * kill -9 a process that is appending as fast as it can, then check the file:
 * every acknowledged append is there with identical content, no batch is
 * partially stored, and stream revisions have no gaps. Two rounds, so the
 * second writer also starts from a file recovered after a crash.
 */
describe('embedded event store: durability across SIGKILL', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ikrar-es-crash-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'keeps every acknowledged append, whole and unchanged',
    async () => {
      const file = join(dir, 'events.sqlite');
      const acks: AckLine[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const roundAcks = await runWriterUntilKilled(file, ACKS_BEFORE_KILL);
        expect(roundAcks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
        acks.push(...roundAcks);
      }

      const raw = new Database(file);
      try {
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        raw.close();
      }

      const store = SqliteEventStore.open({ file });
      try {
        await expectAcknowledgedAppendsPresent(store, acks);
        const all = await store.readAll();
        expectWholeBatchesAndGapFreeStreams(all);
        expectStreamsTableInStep(file, all);
      } finally {
        await store.close();
      }
    },
    ROUNDS * CHILD_TIMEOUT_MS + 60_000,
  );
});

async function expectAcknowledgedAppendsPresent(store: SqliteEventStore, acks: AckLine[]): Promise<void> {
  const missing: string[] = [];
  for (const ack of acks) {
    const stored = await store.readStream(ack.streamId, { fromRevision: ack.firstRevision, maxCount: ack.eventIds.length });
    const expected = ack.eventIds.map((eventId, index) => crashEvent(ack.streamId, ack.batch, index, eventId));
    const envelopes = stored.map(({ streamId, streamRevision, globalPosition, recordedAt, hash, previousHash, ...envelope }) => envelope);
    if (stored.length !== expected.length) {
      missing.push(`${ack.streamId} batch ${ack.batch}: ${stored.length} of ${expected.length} events`);
      continue;
    }
    expect(envelopes).toEqual(expected);
    stored.forEach((event, i) => {
      expect(eventHashMatches(event, event.previousHash)).toBe(true);
      if (i > 0) expect(event.previousHash).toBe(stored[i - 1].hash);
    });
    expect(stored.map((e) => e.streamRevision)).toEqual(expected.map((_, i) => ack.firstRevision + i));
    expect(stored[stored.length - 1].streamRevision).toBe(ack.nextExpectedRevision);
    expect(stored[stored.length - 1].globalPosition).toBe(ack.position);
  }
  expect(missing).toEqual([]);
}

function expectWholeBatchesAndGapFreeStreams(all: RecordedEvent[]): void {
  all.forEach((event, i) => {
    if (i > 0) expect(event.globalPosition).toBeGreaterThan(all[i - 1].globalPosition);
  });

  const streams = new Map<string, RecordedEvent[]>();
  for (const event of all) {
    const events = streams.get(event.streamId) ?? [];
    events.push(event);
    streams.set(event.streamId, events);
  }

  const problems: string[] = [];
  for (const [streamId, events] of streams) {
    let revision = 0;
    let batch = 0;
    while (revision < events.length) {
      const size = batchSize(batch);
      const slice = events.slice(revision, revision + size);
      const whole =
        slice.length === size &&
        slice.every(
          (e, index) => e.streamRevision === revision + index && e.data.batch === batch && e.data.index === index,
        );
      if (!whole) {
        problems.push(`${streamId}: batch ${batch} at revision ${revision} is not whole`);
        break;
      }
      slice.forEach((e, index) => {
        const { streamId: _s, streamRevision: _r, globalPosition: _g, recordedAt: _t, hash: _h, previousHash: _p, ...envelope } = e;
        expect(envelope).toEqual(crashEvent(streamId, batch, index, e.eventId));
      });
      revision += size;
      batch += 1;
    }
  }
  expect(problems).toEqual([]);
}

function expectStreamsTableInStep(file: string, all: RecordedEvent[]): void {
  const lastRevisions = new Map<string, number>();
  for (const event of all) lastRevisions.set(event.streamId, event.streamRevision);
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT stream_id, last_revision FROM streams').all() as Array<{
      stream_id: string;
      last_revision: number;
    }>;
    expect(new Map(rows.map((row) => [row.stream_id, row.last_revision]))).toEqual(lastRevisions);
  } finally {
    db.close();
  }
}

/** Starts the writer, collects acknowledgement lines, SIGKILLs it after `acksBeforeKill`, returns every complete line. */
function runWriterUntilKilled(file: string, acksBeforeKill: number): Promise<AckLine[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', './test/support/ts-register.js', 'test/event-store/fixtures/crash-writer.ts', file],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const acks: AckLine[] = [];
    let pending = '';
    let stderr = '';
    let killed = false;

    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      kill();
      reject(new Error(`Writer produced ${acks.length} acknowledgements in ${CHILD_TIMEOUT_MS} ms.\n${stderr}`));
    }, CHILD_TIMEOUT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith('{')) acks.push(JSON.parse(line) as AckLine);
        newline = pending.indexOf('\n');
      }
      if (acks.length >= acksBeforeKill) kill();
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // 'close' fires after the pipes are drained: every line printed before death is in `acks`.
    // A trailing line without its newline is ignored: it was never fully acknowledged to us.
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!killed || signal !== 'SIGKILL') {
        reject(new Error(`Writer exited on its own (code ${code}, signal ${signal}).\n${stderr}`));
        return;
      }
      resolvePromise(acks);
    });
  });
}
