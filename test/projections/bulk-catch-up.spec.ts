import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ikrar/event-store';
import { CommitInfo, createProjections, Projector, ProjectorOptions } from '@ikrar/projections';
import { ReadStore, SqliteReadStore } from '@ikrar/read-store';
import { appendAll } from './support/append';
import { bigStory } from './support/big-story';
import { Story } from './support/story';

/** Every document of every collection, plus checkpoints and failures, of the active generation. */
async function everything(store: ReadStore): Promise<{ docs: Record<string, unknown[]>; checkpoints: unknown[]; failures: unknown[] }> {
  const generation = await store.activeGeneration();
  const docs: Record<string, unknown[]> = {};
  const checkpoints: unknown[] = [];
  for (const projection of createProjections()) {
    for (const collection of projection.collections) docs[collection] = await store.all(generation, collection);
    checkpoints.push({ projection: projection.name, position: (await store.checkpoint(generation, projection.name)).position });
  }
  return { docs, checkpoints, failures: await store.failures(generation) };
}

describe('catching up from nothing, far behind the head: the bulk path', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let projector: Projector | null;
  const commits: CommitInfo[] = [];
  const errors: unknown[] = [];

  const startProjector = async (options: Partial<ProjectorOptions> = {}): Promise<Projector> => {
    projector = new Projector({
      eventStore,
      readStore,
      projections: createProjections(),
      batchSize: 250,
      bulkCatchUpFrom: 1000,
      onCommit: (commit) => commits.push(commit),
      onError: (error) => errors.push(error),
      retryDelayMs: 5,
      ...options,
    });
    await projector.start();
    return projector;
  };

  /** The same log rebuilt from scratch into a file of its own: what the bulk path must end with. */
  const cleanRebuild = async (): Promise<Awaited<ReturnType<typeof everything>>> => {
    const clean = SqliteReadStore.open({ file: join(dir, `clean-${Math.random()}.sqlite`) });
    try {
      await new Projector({ eventStore, readStore: clean, projections: createProjections() }).rebuild();
      return await everything(clean);
    } finally {
      await clean.close();
    }
  };

  const head = async () => (await eventStore.readAll({ direction: 'backwards', maxCount: 1 }))[0].globalPosition;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ikrar-bulk-catch-up-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite') });
    readStore = SqliteReadStore.open({ file: join(dir, 'read-models.sqlite') });
    projector = null;
    commits.length = 0;
    errors.length = 0;
  });

  afterEach(async () => {
    await projector?.stop();
    await readStore.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills a new generation while readers keep the old one, activates it, then goes on live in it', async () => {
    await appendAll(eventStore, bigStory().events);
    const first = await head();
    const before = await readStore.activeGeneration();
    const activeDuringBulk = new Set<number>();
    const announced: Array<[number, number | null]> = [];
    await startProjector({
      onCommit: (commit) => {
        commits.push(commit);
        void readStore.activeGeneration().then((g) => activeDuringBulk.add(g));
      },
      onBulkCatchUp: (generation, headPosition) => announced.push([generation, headPosition]),
    });
    expect(await projector!.waitFor(first, 60_000)).toBe(true);

    const bulk = await readStore.activeGeneration();
    expect(bulk).toBeGreaterThan(before);
    // Every commit of the catch-up went to the new generation while the old one stayed active (empty, consistent).
    expect(new Set(commits.map((c) => c.generation))).toEqual(new Set([bulk]));
    expect(activeDuringBulk).toEqual(new Set([before]));
    expect(announced).toEqual([[bulk, first]]);
    expect(await everything(readStore)).toEqual(await cleanRebuild());

    // Live from there: new events land in the same generation, through the ordinary subscription.
    const live = new Story();
    live.registerPartner('p-live', { name: 'Koperasi Baru' });
    live.establishForum('f-live', 'p-live');
    await appendAll(eventStore, live.events);
    expect(await projector!.waitFor(first + 2, 10_000)).toBe(true);
    expect(await readStore.activeGeneration()).toBe(bulk);
    expect(commits.filter((c) => c.position > first).every((c) => c.generation === bulk && c.events <= 2)).toBe(true);
    expect(await readStore.get(bulk, 'forums', 'f-live')).toMatchObject({ id: 'f-live', secretariatPartnerId: 'p-live' });
    expect(await everything(readStore)).toEqual(await cleanRebuild());
    expect(errors).toEqual([]);
  }, 120_000);

  it('stopped half-way, it leaves the active generation as it was; the next start does it again and finishes', async () => {
    await appendAll(eventStore, bigStory().events);
    const first = await head();
    const before = await readStore.activeGeneration();
    let stopping: Promise<void> | null = null;
    await startProjector({
      onCommit: (commit) => {
        commits.push(commit);
        if (commits.length === 3) stopping = projector!.stop();
      },
    });
    await new Promise<void>((resolve) => {
      const wait = () => (stopping ? resolve() : setTimeout(wait, 5));
      wait();
    });
    await stopping;
    expect(await readStore.activeGeneration()).toBe(before);
    expect((await readStore.checkpoint(before, 'ledger')).position).toBeNull();

    commits.length = 0;
    await startProjector();
    expect(await projector!.waitFor(first, 60_000)).toBe(true);
    expect(await readStore.activeGeneration()).toBeGreaterThan(before);
    expect(await everything(readStore)).toEqual(await cleanRebuild());
  }, 120_000);

  it('is not taken when the log is shorter than the threshold, nor once the active generation has checkpoints', async () => {
    const { events } = bigStory();
    await appendAll(eventStore, events.slice(0, 500));
    const generation = await readStore.activeGeneration();
    await startProjector();
    expect(await projector!.waitFor(500, 30_000)).toBe(true);
    expect(await readStore.activeGeneration()).toBe(generation);

    await projector!.stop();
    await appendAll(eventStore, events.slice(500));
    commits.length = 0;
    await startProjector();
    expect(await projector!.waitFor(await head(), 60_000)).toBe(true);
    expect(await readStore.activeGeneration()).toBe(generation);
    expect(new Set(commits.map((c) => c.generation))).toEqual(new Set([generation]));
    expect(await everything(readStore)).toEqual(await cleanRebuild());
  }, 120_000);
});
