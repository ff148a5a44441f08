import { Draft, DocumentLookup, ProjectedDocument } from '@ikrar/projections';
import type { ReadDocument } from '@ikrar/read-store';
import { Story } from './support/story';

type Thing = ProjectedDocument & { name: string; count: number; note?: string };

/** The documents' fields in stored order, as JSON keeps them. */
const keysOf = (change: { doc?: ReadDocument }) => Object.keys(JSON.parse(JSON.stringify(change.doc)));

describe('Draft', () => {
  const story = new Story();
  const event = story.raw('thing-T1', 'ThingChanged', {});
  const stored: Thing = { id: 'T1', name: 'A', count: 1, position: 0, revision: 3 };
  const lookup: DocumentLookup = { get: (_collection, id) => (id === 'T1' ? (Object.freeze({ ...stored }) as unknown as ReadDocument) : null) };

  it('update keeps every field in its place, id first and position, revision last, as a whole put writes them', () => {
    const draft = new Draft(event, lookup);
    draft.update<Thing>('things', 'T1', (thing) => ({ count: thing.count + 1 }), { own: true });
    const [change] = draft.changes();
    expect(change).toEqual({ op: 'upsert', collection: 'things', doc: { id: 'T1', name: 'A', count: 2, position: event.globalPosition, revision: event.streamRevision } });
    expect(keysOf(change as { doc: ReadDocument })).toEqual(['id', 'name', 'count', 'position', 'revision']);
  });

  it('a field the document did not have goes before position and revision', () => {
    const draft = new Draft(event, lookup);
    draft.update<Thing>('things', 'T1', () => ({ note: 'new' }), { own: false });
    const [change] = draft.changes();
    expect(keysOf(change as { doc: ReadDocument })).toEqual(['id', 'name', 'count', 'note', 'position', 'revision']);
    expect((change as { doc: ReadDocument }).doc).toMatchObject({ note: 'new', revision: 3 });
  });

  it('one change per document, its last, in the order of the last writes; reads see the event\'s own writes', () => {
    const draft = new Draft(event, lookup);
    draft.put<Thing>('things', 'T2', { name: 'B', count: 0 }, { own: false });
    draft.update<Thing>('things', 'T1', () => ({ count: 5 }), { own: true });
    draft.update<Thing>('things', 'T2', (thing) => ({ count: thing.count + 1 }), { own: false });
    expect(draft.get<Thing>('things', 'T2')).toMatchObject({ count: 1 });
    expect(draft.changes().map((change) => change.op === 'upsert' && [change.doc.id, change.doc.count])).toEqual([
      ['T1', 5],
      ['T2', 1],
    ]);
  });

  it('a document already at or past the event is left alone (a replay), and the change function still runs', () => {
    const ahead = new Story();
    ahead.raw('other', 'Other', {});
    const early = ahead.raw('thing-T1', 'ThingChanged', {});
    const draft = new Draft(early, { get: () => ({ ...stored, position: early.globalPosition }) as unknown as ReadDocument });
    let ran = false;
    draft.update<Thing>('things', 'T1', () => {
      ran = true;
      return { count: 9 };
    }, { own: true });
    expect(ran).toBe(true);
    expect(draft.changes()).toEqual([]);
  });
});
