import { createLedgerProjection } from '@ikrar/projections';
import { project } from './support/fold';
import { Story } from './support/story';

const ledger = createLedgerProjection();

describe('ledger projection: forums and agreements', () => {
  it('a forum counts its meetings', async () => {
    const story = new Story();
    story.establishForum('F1', 'P1', { name: 'Forum Kemitraan NTB', regionCode: '52', programmes: ['stunting', 'ckg'] });
    story.recordMeeting('F1', 'M1', ['P1']);
    story.recordMeeting('F1', 'M2', ['P1']);
    const { docs, failures } = await project(ledger, story.events);
    expect(failures).toEqual([]);
    expect(docs.forums.F1).toEqual({
      id: 'F1',
      name: 'Forum Kemitraan NTB',
      regionCode: '52',
      programmes: ['stunting', 'ckg'],
      secretariatPartnerId: 'P1',
      meetingCount: 2,
      position: 3,
      revision: 2,
    });
  });

  it('a recorded agreement is in force with its term and parties', async () => {
    const story = new Story();
    story.recordAgreement('A1', 'F1', ['P1', 'P2'], { title: 'Kesepakatan Bersama', effectiveFrom: '2025-01-01', effectiveUntil: null });
    const { docs } = await project(ledger, story.events);
    expect(docs.agreements.A1).toEqual({
      id: 'A1',
      forumId: 'F1',
      title: 'Kesepakatan Bersama',
      status: 'in-force',
      effectiveFrom: '2025-01-01',
      effectiveUntil: null,
      partyPartnerIds: ['P1', 'P2'],
      position: 1,
      revision: 0,
    });
  });

  it('a correction may move the start; an amendment changes title, parties and end; termination ends it', async () => {
    const story = new Story();
    story.recordAgreement('A1', 'F1', ['P1'], { title: 'Draf', effectiveFrom: '2025-01-01', effectiveUntil: '2025-12-31' });
    story.correctAgreement('A1', { effectiveFrom: '2025-02-01', text: 'teks benar' });
    story.amendAgreement('A1', 1, { title: 'Kesepakatan (adendum I)', partyPartnerIds: ['P1', 'P3'], effectiveUntil: '2026-06-30' });
    story.terminateAgreement('A1');
    const { docs } = await project(ledger, story.events);
    expect(docs.agreements.A1).toEqual({
      id: 'A1',
      forumId: 'F1',
      title: 'Kesepakatan (adendum I)',
      status: 'terminated',
      effectiveFrom: '2025-02-01',
      effectiveUntil: '2026-06-30',
      partyPartnerIds: ['P1', 'P3'],
      position: 4,
      revision: 3,
    });
  });

  it('an amendment that carries a start date does not move it (only a correction may)', async () => {
    const story = new Story();
    story.recordAgreement('A1', 'F1', ['P1'], { effectiveFrom: '2025-01-01' });
    story.raw('agreement-A1', 'AgreementAmended', { agreementId: 'A1', amendmentNumber: 1, rationale: 'x', changes: { effectiveFrom: '2024-01-01' }, previous: {}, amendedOn: '2025-03-01' });
    const { docs } = await project(ledger, story.events);
    expect(docs.agreements.A1.effectiveFrom).toBe('2025-01-01');
  });

  it('feeding the same events twice gives the same documents', async () => {
    const story = new Story();
    story.establishForum('F1', 'P1');
    story.recordMeeting('F1', 'M1', ['P1']);
    story.recordAgreement('A1', 'F1', ['P1']);
    story.terminateAgreement('A1');
    const once = await project(ledger, story.events);
    const twice = await project(ledger, [...story.events, ...story.events]);
    expect(twice.docs).toEqual(once.docs);
    expect(twice.docs.forums.F1.meetingCount).toBe(1);
  });

  it('bad payloads throw', () => {
    const story = new Story();
    const badDate = story.raw('agreement-A1', 'AgreementRecorded', {
      agreementId: 'A1', forumId: 'F1', meetingId: null, title: 'T', text: 'x', partyPartnerIds: ['P1'], effectiveFrom: '2025-02-30x', effectiveUntil: null,
    });
    expect(() => ledger.project(badDate, { get: () => null })).toThrow(/effectiveFrom must be a YYYY-MM-DD date/);
    const badParties = story.raw('agreement-A2', 'AgreementRecorded', {
      agreementId: 'A2', forumId: 'F1', meetingId: null, title: 'T', text: 'x', partyPartnerIds: 'P1', effectiveFrom: '2025-02-01', effectiveUntil: null,
    });
    expect(() => ledger.project(badParties, { get: () => null })).toThrow(/partyPartnerIds must be a list/);
    const noData = story.raw('forum-F1', 'MeetingRecorded', null as unknown as Record<string, unknown>);
    expect(() => ledger.project(noData, { get: () => null })).toThrow(/data is not an object/);
  });

  it('a schema version it has no reducer for throws', () => {
    const story = new Story();
    const event = story.raw('forum-F1', 'ForumEstablished', { forumId: 'F1' }, 2);
    expect(() => ledger.project(event, { get: () => null })).toThrow(/ForumEstablished schema version 2 is not supported/);
  });
});
