import { createProjections, defineProjection, keys, Projection, projectBatch } from '@ikrar/projections';
import type { ReadDocument } from '@ikrar/read-store';
import { Story } from './support/story';

const projections = createProjections();

/** A fetch over a fixed document map that counts its round trips. */
function fetcher(docs: Record<string, Record<string, ReadDocument>> = {}) {
  const calls: Array<{ collection: string; ids: readonly string[] }> = [];
  const fetch = async (collection: string, ids: readonly string[]) => {
    calls.push({ collection, ids });
    return ids.flatMap((id) => (docs[collection]?.[id] ? [docs[collection][id]] : []));
  };
  return { fetch, calls };
}

describe('one batch through the projections', () => {
  it('an event type no projection knows is a failure of every projection, and the events after it are still projected', async () => {
    const story = new Story();
    story.raw('mystery-1', 'MysteryHappened', { what: 'x' });
    story.registerPartner('P1');
    const outcomes = await projectBatch(projections, story.events, fetcher().fetch, new Map());
    for (const outcome of outcomes) {
      expect(outcome.failures).toEqual([
        expect.objectContaining({ projection: outcome.projection, globalPosition: 1, eventType: 'MysteryHappened', error: 'unknown event type "MysteryHappened"' }),
      ]);
      expect(outcome.position).toBe(2);
    }
    const ledger = outcomes.find((outcome) => outcome.projection === 'ledger')!;
    expect(ledger.changes).toEqual([{ op: 'upsert', collection: 'partners', doc: expect.objectContaining({ id: 'P1' }) }]);
  });

  it('a bad payload is a failure of the projections that read it; its partial changes are not applied', async () => {
    const story = new Story();
    story.registerPartner('P1');
    story.raw('partner-P2', 'PartnerRegistered', { partnerId: 'P2', name: 'X', sector: 42 });
    story.registerPartner('P3');
    const outcomes = await projectBatch(projections, story.events, fetcher().fetch, new Map());
    const ledger = outcomes.find((outcome) => outcome.projection === 'ledger')!;
    expect(ledger.failures).toEqual([expect.objectContaining({ globalPosition: 2, eventType: 'PartnerRegistered', error: expect.stringMatching(/BadPayloadError: .*sector must be a non-empty string, got 42/) })]);
    expect(ledger.changes.map((change) => (change.op === 'upsert' ? change.doc.id : change.id))).toEqual(['P1', 'P3']);
    // The roles projection reads only the name: it projects P2 fine.
    const roles = outcomes.find((outcome) => outcome.projection === 'roles')!;
    expect(roles.failures).toEqual([]);
  });

  it("skips events at or below each projection's own checkpoint", async () => {
    const story = new Story();
    story.registerPartner('P1');
    story.registerPartner('P2');
    story.registerPartner('P3');
    const outcomes = await projectBatch(projections, story.events, fetcher().fetch, new Map([['ledger', 2], ['roles', 3]]));
    expect(outcomes).toEqual([expect.objectContaining({ projection: 'ledger', events: 1, position: 3 })]);
    expect(outcomes[0].changes).toEqual([{ op: 'upsert', collection: 'partners', doc: expect.objectContaining({ id: 'P3' }) }]);
  });

  it('prefetches with one getMany per collection per round, following links found in fetched documents', async () => {
    const story = new Story();
    story.submitReport('R1');
    story.submitReport('R2');
    const stored = {
      reports: {
        R1: { id: 'R1', commitmentId: 'C1', periodEnd: '2025-03-31', status: 'draft', position: 0, revision: 0 },
        R2: { id: 'R2', commitmentId: 'C2', periodEnd: '2025-04-30', status: 'draft', position: 0, revision: 0 },
      },
      commitments: {
        C1: { id: 'C1', lastReportPeriodEnd: null, position: 0, revision: 1 },
        C2: { id: 'C2', lastReportPeriodEnd: null, position: 0, revision: 1 },
      },
    };
    const { fetch, calls } = fetcher(stored);
    const [ledger] = await projectBatch([projections[0]], story.events, fetch, new Map(), { knownEventTypes: ['ReportSubmitted'] });
    expect(ledger.failures).toEqual([]);
    expect(calls.map((call) => call.collection).sort()).toEqual(['commitmentReports', 'commitments', 'reports']);
    expect(calls.find((call) => call.collection === 'commitments')!.ids).toEqual(['C1', 'C2']);
    const commitments = ledger.changes.filter((change) => change.collection === 'commitments');
    expect(commitments.map((change) => change.op === 'upsert' && [change.doc.id, change.doc.lastReportPeriodEnd])).toEqual([
      ['C1', '2025-03-31'],
      ['C2', '2025-04-30'],
    ]);
  });

  it('one change per document: the state after the batch', async () => {
    const story = new Story();
    story.registerPartner('P1', { name: 'A' });
    story.updatePartner('P1', { name: 'B' });
    story.updatePartner('P1', { name: 'C' });
    const [ledger] = await projectBatch([projections[0]], story.events, fetcher().fetch, new Map());
    expect(ledger.changes).toEqual([{ op: 'upsert', collection: 'partners', doc: expect.objectContaining({ id: 'P1', name: 'C', position: 3, revision: 2 }) }]);
  });

  describe('reducer bugs are caught and recorded, not written', () => {
    const story = new Story();
    story.registerPartner('P1');

    it('reading a document reads() did not name', async () => {
      const sloppy = defineProjection({
        name: 'sloppy',
        collections: ['things'],
        indexes: [],
        handlers: { PartnerRegistered: { schemaVersion: 1, reads: () => [], project: (_data, draft) => void draft.get('things', 'x') } },
      });
      const [outcome] = await projectBatch([sloppy], story.events, fetcher().fetch, new Map());
      expect(outcome.failures[0].error).toMatch(/UndeclaredReadError: projection sloppy read things\/x without naming it in reads\(\)/);
    });

    it("reading or writing another projection's collection", async () => {
      const nosy = defineProjection({
        name: 'nosy',
        collections: ['things'],
        indexes: [],
        handlers: {
          PartnerRegistered: { schemaVersion: 1, reads: () => keys(['partners', 'P1']), project: (_data, draft) => void draft.get('partners', 'P1') },
        },
      });
      const writer: Projection = {
        name: 'writer',
        collections: ['things'],
        indexes: [],
        knownEventTypes: ['PartnerRegistered'],
        reads: () => [],
        project: () => [{ op: 'upsert', collection: 'partners', doc: { id: 'P1' } }],
      };
      const { fetch, calls } = fetcher();
      const outcomes = await projectBatch([nosy, writer], story.events, fetch, new Map());
      expect(calls).toEqual([]);
      expect(outcomes.map((outcome) => outcome.failures.map((failure) => failure.error))).toEqual([
        [expect.stringMatching(/projection nosy read partners, a collection it does not own/)],
        [expect.stringMatching(/projection writer wrote partners, a collection it does not own/)],
      ]);
      expect(outcomes.flatMap((outcome) => outcome.changes)).toEqual([]);
    });

    it('mutating a document instead of copying it', async () => {
      const mutating = defineProjection({
        name: 'mutating',
        collections: ['things'],
        indexes: [],
        handlers: {
          PartnerRegistered: {
            schemaVersion: 1,
            reads: () => keys(['things', 'T1']),
            project: (_data, draft) => {
              (draft.get('things', 'T1') as unknown as { count: number }).count += 1;
            },
          },
        },
      });
      const [outcome] = await projectBatch([mutating], story.events, fetcher({ things: { T1: { id: 'T1', count: 1 } } }).fetch, new Map());
      expect(outcome.failures[0].error).toMatch(/TypeError: Cannot assign to read only property/);
    });
  });
});
