import { createProjections, Projector, ProjectorOptions } from '@ikrar/projections';
import type { ReadStore } from '@ikrar/read-store';
import { InMemoryEventStore } from '../support/in-memory-event-store';
import { appendAll } from './support/append';
import { fold } from './support/fold';
import { InMemoryReadStore } from './support/in-memory-read-store';
import { Story } from './support/story';

const ON = { agreementId: 'A1', forumId: 'F1', partnerId: 'P1' };

function smallStory(): Story {
  const story = new Story();
  story.registerPartner('P1', { name: 'Bank NTB' });
  story.establishForum('F1', 'P1');
  story.recordAgreement('A1', 'F1', ['P1']);
  story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-01-01' });
  story.pledge('C1', ON);
  story.accept('C1');
  story.draftReport('R1', { commitmentId: 'C1', forumId: 'F1', partnerId: 'P1' });
  story.submitReport('R1');
  story.acceptReport('R1', { commitmentId: 'C1', partnerId: 'P1', quantityDelivered: 100, rupiahDisbursed: 5_000_000 });
  story.updatePartner('P1', { name: 'Bank NTB Syariah' });
  return story;
}

/** Every document of every collection of the active generation, by collection. */
async function snapshot(readStore: ReadStore): Promise<Record<string, unknown[]>> {
  const generation = await readStore.activeGeneration();
  const out: Record<string, unknown[]> = {};
  for (const collection of createProjections().flatMap((projection) => projection.collections)) {
    out[collection] = await readStore.all(generation, collection);
  }
  return out;
}

/** What the reducers make of the stored events (the store sets recordedAt), laid out like `snapshot`. */
async function expected(eventStore: InMemoryEventStore): Promise<Record<string, unknown[]>> {
  const { docs } = await fold(createProjections(), await eventStore.readAll(), 1000);
  const out: Record<string, unknown[]> = {};
  for (const collection of createProjections().flatMap((projection) => projection.collections)) {
    const byId = docs[collection] ?? {};
    out[collection] = Object.keys(byId).sort().map((id) => byId[id]);
  }
  return out;
}

describe('the projector', () => {
  let eventStore: InMemoryEventStore;
  let readStore: InMemoryReadStore;
  let projector: Projector;
  const errors: unknown[] = [];

  function startProjector(options: Partial<ProjectorOptions> = {}): Projector {
    projector = new Projector({ eventStore, readStore, projections: createProjections(), batchSize: 4, retryDelayMs: 5, onError: (e) => errors.push(e), ...options });
    return projector;
  }

  beforeEach(() => {
    eventStore = new InMemoryEventStore();
    readStore = new InMemoryReadStore();
    errors.length = 0;
  });
  afterEach(async () => {
    await projector?.stop();
    await eventStore.close();
  });

  it('catches up from the start, then follows live events; every projection checkpoints at the head', async () => {
    const story = smallStory();
    await appendAll(eventStore, story.events.slice(0, 6));
    await startProjector().start();
    expect(await projector.waitFor(6, 5000)).toBe(true);
    await appendAll(eventStore, story.events.slice(6));
    expect(await projector.waitFor(10, 5000)).toBe(true);

    expect(await snapshot(readStore)).toEqual(await expected(eventStore));
    expect(await projector.status()).toEqual([
      { projection: 'ledger', generation: 1, position: 10, headPosition: 10, lag: 0, failures: 0 },
      { projection: 'roles', generation: 1, position: 10, headPosition: 10, lag: 0, failures: 0 },
    ]);
    expect(readStore.indexes.length).toBeGreaterThan(0);
    // Batches of at most 4 while catching up.
    expect(readStore.commits.filter((commit) => commit.projection === 'ledger').every((commit, i, all) => i === 0 || commit.position - all[i - 1].position <= 4)).toBe(true);
  });

  it('records an unknown event type and a bad payload as failures, and projects the events after them', async () => {
    const story = new Story();
    story.registerPartner('P1');
    story.raw('mystery-1', 'MysteryHappened', {});
    story.raw('partner-P2', 'PartnerRegistered', { partnerId: 'P2', name: 'X', sector: 'business', regionCode: 7, contact: null });
    story.registerPartner('P3');
    await appendAll(eventStore, story.events);
    await startProjector().start();
    expect(await projector.waitFor(4, 5000)).toBe(true);

    const failures = await readStore.failures(1);
    expect(failures.map(({ projection, globalPosition, eventType }) => [projection, globalPosition, eventType])).toEqual([
      ['ledger', 2, 'MysteryHappened'],
      ['roles', 2, 'MysteryHappened'],
      ['ledger', 3, 'PartnerRegistered'],
    ]);
    expect(failures[2].error).toMatch(/regionCode must be a non-empty string, got 7/);
    expect((await readStore.all(1, 'partners')).map((doc) => doc.id)).toEqual(['P1', 'P3']);
    expect((await projector.status()).map((s) => [s.projection, s.failures, s.lag])).toEqual([
      ['ledger', 2, 0],
      ['roles', 1, 0],
    ]);
  });

  it('waitFor resolves true once every projection reached the position, false when it is not reached in time', async () => {
    await startProjector().start();
    expect(await projector.waitFor(0, 10)).toBe(true);
    expect(await projector.waitFor(1, 30)).toBe(false);
    const waiting = projector.waitFor(2, 5000);
    await appendAll(eventStore, smallStory().events.slice(0, 2));
    expect(await waiting).toBe(true);
  });

  it('waitFor also sees a projector in another process (it reads the stored checkpoints)', async () => {
    const story = smallStory();
    await appendAll(eventStore, story.events);
    const reader = new Projector({ eventStore, readStore, projections: createProjections() });
    const waiting = reader.waitFor(10, 5000);
    await startProjector().start();
    expect(await waiting).toBe(true);
  });

  it('a failing read store is retried: the loop never stops, and the documents end up as a clean run makes them', async () => {
    const story = smallStory();
    await appendAll(eventStore, story.events);
    const commit = readStore.commit.bind(readStore);
    let failOnce = true;
    // The roles commit of the second batch fails after the ledger's went through: restart from the lowest checkpoint.
    readStore.commit = async (...args) => {
      if (failOnce && args[1] === 'roles' && args[3] === 8) {
        failOnce = false;
        throw new Error('disk full');
      }
      return commit(...args);
    };
    await startProjector().start();
    expect(await projector.waitFor(10, 5000)).toBe(true);
    expect(errors).toEqual([new Error('disk full')]);
    expect(await snapshot(readStore)).toEqual(await expected(eventStore));
  });

  it('rebuild replays the log into a new generation, reports progress, switches over, and the live projector follows it', async () => {
    const story = smallStory();
    await appendAll(eventStore, story.events.slice(0, 8));
    await startProjector().start();
    expect(await projector.waitFor(8, 5000)).toBe(true);

    const progress: Array<[number, number]> = [];
    const result = await projector.rebuild((done, total) => progress.push([done, total]));
    expect(result).toEqual({ generation: 2, events: 8, failures: 0, position: 8 });
    expect(progress[progress.length - 1]).toEqual([8, 8]);
    expect(await readStore.activeGeneration()).toBe(2);
    expect(await readStore.checkpoint(2, 'ledger')).toMatchObject({ position: 8 });

    await appendAll(eventStore, story.events.slice(8));
    expect(await projector.waitFor(10, 5000)).toBe(true);
    expect(await snapshot(readStore)).toEqual(await expected(eventStore));
    expect(readStore.commits.filter((c) => c.position > 8).every((c) => c.generation === 2)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('stop finishes the batch in hand and commits nothing after', async () => {
    const story = smallStory();
    await appendAll(eventStore, story.events.slice(0, 5));
    await startProjector().start();
    expect(await projector.waitFor(5, 5000)).toBe(true);
    await projector.stop();
    const commits = readStore.commits.length;
    await appendAll(eventStore, story.events.slice(5));
    expect(await projector.waitFor(10, 30)).toBe(false);
    expect(readStore.commits.length).toBe(commits);
  });
});
