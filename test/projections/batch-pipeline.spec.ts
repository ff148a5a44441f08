import { BatchPipeline, createProjections, SoleWriterMemory } from '@ikrar/projections';
import type { DocumentChange, ProjectionFailure, ReadDocument } from '@ikrar/read-store';
import { bigStory } from './support/big-story';
import { fold } from './support/fold';
import { InMemoryReadStore } from './support/in-memory-read-store';
import { Story } from './support/story';

const ON = { agreementId: 'A1', forumId: 'F1', partnerId: 'P1' };

/** A read store whose commits wait until released (or fail), counting its reads. */
class GatedReadStore extends InMemoryReadStore {
  private gate: Promise<void> | null = null;
  private open: () => void = () => undefined;
  reads = 0;
  failAt: number | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.gate = null;
    this.open();
  }

  override async getMany<T extends ReadDocument>(generation: number, collection: string, ids: readonly string[]): Promise<T[]> {
    this.reads += ids.length;
    return super.getMany<T>(generation, collection, ids);
  }

  override async commit(generation: number, projection: string, changes: readonly DocumentChange[], position: number, failures: readonly ProjectionFailure[] = []): Promise<void> {
    if (this.gate) await this.gate;
    if (position === this.failAt) throw new Error(`disk full at ${position}`);
    await super.commit(generation, projection, changes, position, failures);
  }
}

function story(): Story {
  const s = new Story();
  s.registerPartner('P1', { name: 'Bank NTB' });
  s.establishForum('F1', 'P1');
  s.recordAgreement('A1', 'F1', ['P1']);
  s.pledge('C1', ON);
  s.accept('C1');
  s.draftReport('R1', { commitmentId: 'C1', forumId: 'F1', partnerId: 'P1' });
  s.submitReport('R1');
  s.acceptReport('R1', { commitmentId: 'C1', partnerId: 'P1', quantityDelivered: 100, rupiahDisbursed: 5_000_000 });
  s.updatePartner('P1', { name: 'Bank NTB Syariah' });
  return s;
}

async function documents(store: InMemoryReadStore): Promise<Record<string, Record<string, unknown>>> {
  const generation = await store.activeGeneration();
  const out: Record<string, Record<string, unknown>> = {};
  for (const collection of createProjections().flatMap((projection) => projection.collections)) {
    for (const doc of await store.all(generation, collection)) (out[collection] ??= {})[doc.id] = doc;
  }
  return out;
}

describe('the batch pipeline (commits written behind the next batches)', () => {
  const projections = createProjections();

  it('folds the next batches while earlier ones are still being committed, reading their documents from memory', async () => {
    const { events } = story();
    const store = new GatedReadStore();
    const generation = await store.activeGeneration();
    const pipeline = new BatchPipeline(store, projections, generation, new Map());
    store.hold();
    // Pledge and acceptance in the first batch, the report on them in the next two: folded before anything is committed.
    await pipeline.apply(events.slice(0, 5));
    await pipeline.apply(events.slice(5, 7));
    expect(store.commits).toEqual([]);
    const third = pipeline.apply(events.slice(7));
    store.release();
    await third;
    await pipeline.settle();

    expect(await documents(store)).toEqual((await fold(projections, events, events.length)).docs);
    expect(store.commits.map((c) => `${c.projection}@${c.position}`)).toEqual(['ledger@5', 'roles@5', 'ledger@7', 'roles@7', 'ledger@9', 'roles@9']);
  });

  it('after a failed commit nothing later is committed, and the pipeline says so even with nothing else to do', async () => {
    const { events } = story();
    const store = new GatedReadStore();
    const generation = await store.activeGeneration();
    const pipeline = new BatchPipeline(store, projections, generation, new Map());
    store.failAt = 5;
    store.hold();
    await pipeline.apply(events.slice(0, 5));
    await pipeline.apply(events.slice(5, 7));
    store.release();

    await expect(pipeline.failed).rejects.toThrow('disk full at 5');
    await expect(pipeline.settle()).rejects.toThrow('disk full at 5');
    expect(store.commits).toEqual([]);
    expect((await store.checkpoint(generation, 'ledger')).position).toBeNull();
  });

  it('as the sole writer of a fresh generation, asks the store only for documents it may have written to a large collection', async () => {
    const { events } = bigStory();
    const plain = new GatedReadStore();
    const sole = new GatedReadStore();
    for (const [store, soleWriter] of [[plain, false], [sole, true]] as const) {
      const pipeline = new BatchPipeline(store, projections, await store.activeGeneration(), new Map(), { soleWriter });
      for (let i = 0; i < events.length; i += 97) await pipeline.apply(events.slice(i, i + 97));
      await pipeline.settle();
    }

    expect(await documents(sole)).toEqual(await documents(plain));
    expect(sole.reads).toBeLessThan(plain.reads / 2);
  });
});

describe('what a sole writer remembers', () => {
  it('a small collection whole; for a large one, only whether a document may exist (never "no" for one written)', () => {
    const memory = new SoleWriterMemory();
    const partner = { id: 'P1', name: 'A', position: 1, revision: 0 };
    memory.record('partners', 'P1', partner);
    expect(memory.recall('partners', 'P1')).toBe(partner);
    expect(memory.recall('partners', 'P2')).toBeNull();
    expect(memory.recall('forums', 'F1')).toBeNull();
    memory.record('partners', 'P1', null);
    expect(memory.recall('partners', 'P1')).toBeNull();

    const written = Array.from({ length: 6000 }, (_, i) => `report-${i}`);
    for (const id of written) memory.record('reports', id, { id, position: 1, revision: 0 });
    for (const id of written) expect(memory.recall('reports', id)).toBeUndefined();
    const never = Array.from({ length: 10_000 }, (_, i) => `other-${i}`).filter((id) => memory.recall('reports', id) === undefined);
    expect(never.length).toBeLessThan(10);
  });
});
