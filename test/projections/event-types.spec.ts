import { KNOWN_EVENT_TYPES } from '@ikrar/domain';
import { createProjections } from '@ikrar/projections';

describe('which projection knows which events', () => {
  const projections = createProjections();

  it('every event type the domain emits is known to some projection (else it would be recorded as a failure)', () => {
    const known = new Set(projections.flatMap((projection) => projection.knownEventTypes));
    expect(KNOWN_EVENT_TYPES.filter((type) => !known.has(type))).toEqual([]);
  });

  it('no projection claims an event type the domain does not emit', () => {
    for (const projection of projections) {
      expect(projection.knownEventTypes.filter((type) => !KNOWN_EVENT_TYPES.includes(type))).toEqual([]);
    }
  });

  it('projections are ledger then roles, with disjoint collections', () => {
    expect(projections.map((projection) => projection.name)).toEqual(['ledger', 'roles']);
    const [ledger, roles] = projections;
    expect(ledger.collections.filter((collection) => roles.collections.includes(collection))).toEqual([]);
    expect([...ledger.collections]).toEqual(expect.arrayContaining(['partners', 'forums', 'agreements', 'commitments', 'reports']));
    expect([...roles.collections]).toEqual(expect.arrayContaining(['roleAssignments', 'roleAgreements', 'rolePartners']));
  });

  it('every index is on a collection of its own projection', () => {
    for (const projection of projections) {
      for (const index of projection.indexes) expect(projection.collections).toContain(index.collection);
    }
  });
});
