import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { createProjections, Projector } from '@ikrar/projections';
import { ReadStore, SqliteReadStore } from '@ikrar/read-store';
import { appendAll } from './support/append';
import { bigStory } from './support/big-story';
import { exited, killChild, runTsChild } from '../support/ts-child';

const CHILD = 'test/projections/fixtures/projector-child.ts';
const BATCH_SIZE = 40;
// Restarts use other batch sizes, so batches straddle the checkpoints they resume from.
const RESTART_BATCH_SIZES = [27, 64];

/** Starts the projector process; resolves with the child once `until(line)` matched a stdout line. */
function runChild(dataDir: string, batchSize: number, args: string[], until: (line: string, lines: string[]) => boolean): Promise<{ child: ChildProcess; lines: string[] }> {
  return runTsChild(CHILD, [dataDir, String(batchSize), ...args], until);
}

async function kill(child: ChildProcess): Promise<void> {
  expect((await killChild(child)).signal).toBe('SIGKILL');
}

async function checkpoints(file: string): Promise<Record<string, number | null>> {
  const store = SqliteReadStore.open({ file });
  try {
    const generation = await store.activeGeneration();
    const out: Record<string, number | null> = {};
    for (const projection of createProjections()) out[projection.name] = (await store.checkpoint(generation, projection.name)).position;
    return out;
  } finally {
    await store.close();
  }
}

/** Every document of every collection (private copies included), plus checkpoints and failures. */
async function everything(store: ReadStore): Promise<{ docs: Record<string, unknown[]>; checkpoints: unknown[]; failures: unknown[] }> {
  const generation = await store.activeGeneration();
  const docs: Record<string, unknown[]> = {};
  const marks: unknown[] = [];
  for (const projection of createProjections()) {
    for (const collection of projection.collections) docs[collection] = await store.all(generation, collection);
    marks.push({ projection: projection.name, position: (await store.checkpoint(generation, projection.name)).position });
  }
  return { docs, checkpoints: marks, failures: await store.failures(generation) };
}

describe('a projector killed mid-batch and restarted ends exactly where a clean rebuild ends', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ikrar-projector-crash-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('kill -9 twice (once between the two projections of one batch, once wherever it is), restart, compare every document', async () => {
    const events = bigStory().events;
    const eventStore = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
    await appendAll(eventStore, events);
    const [head] = await eventStore.readAll({ direction: 'backwards', maxCount: 1 });
    expect(head.globalPosition).toBe(events.length);
    const readModels = join(dataDir, 'read-models.sqlite');

    // 1. Dead stop after the ledger committed its 55th batch and before roles committed the same batch:
    //    in the stretch of report acceptances, where applying an event twice would count it twice.
    const first = await runChild(dataDir, BATCH_SIZE, ['55'], (line) => line === 'hanging');
    await kill(first.child);
    const afterFirst = await checkpoints(readModels);
    expect(afterFirst.ledger).toBe(55 * BATCH_SIZE);
    expect(afterFirst.roles).toBe(54 * BATCH_SIZE);
    expect(events.slice(afterFirst.roles!, afterFirst.ledger! + 40).filter((e) => e.type === 'ReportAccepted').length).toBeGreaterThan(0);

    // 2. Restart, and kill it again wherever it happens to be once it has committed a few more batches.
    const second = await runChild(dataDir, RESTART_BATCH_SIZES[0], [], (_line, lines) => lines.filter((l) => l.startsWith('commit ')).length >= 12);
    await kill(second.child);
    const afterSecond = await checkpoints(readModels);
    expect(afterSecond.ledger!).toBeGreaterThan(afterFirst.ledger!);

    // 3. Restart and let it finish.
    const third = await runChild(dataDir, RESTART_BATCH_SIZES[1], [], (line) => line.startsWith('caught-up '));
    expect(await exited(third.child)).toEqual({ code: 0, signal: null });
    expect(third.lines).toContain(`caught-up ${head.globalPosition}`);

    // A clean rebuild from scratch into another file, through the same reducers.
    const clean = SqliteReadStore.open({ file: join(dataDir, 'rebuilt.sqlite') });
    const crashed = SqliteReadStore.open({ file: readModels });
    try {
      const result = await new Projector({ eventStore, readStore: clean, projections: createProjections() }).rebuild();
      expect(result).toMatchObject({ events: events.length, failures: 0, position: head.globalPosition });

      const expected = await everything(clean);
      const actual = await everything(crashed);
      expect(actual.failures).toEqual([]);
      expect(expected.failures).toEqual([]);
      expect(actual.checkpoints).toEqual(expected.checkpoints);
      for (const collection of Object.keys(expected.docs)) {
        expect({ collection, docs: actual.docs[collection] }).toEqual({ collection, docs: expected.docs[collection] });
      }
      // The comparison covered a realistic read model, not an empty one.
      expect(expected.docs.commitments.length).toBe(events.filter((e) => e.type === 'CommitmentPledged').length);
      expect(expected.docs.reports.length).toBe(events.filter((e) => e.type === 'ReportDrafted').length);
      expect(expected.docs.roleAssignments.length).toBeGreaterThan(0);
    } finally {
      await clean.close();
      await crashed.close();
      await eventStore.close();
    }
  }, 180_000);
});
