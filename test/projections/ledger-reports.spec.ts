import { createLedgerProjection } from '@ikrar/projections';
import { project } from './support/fold';
import { Story } from './support/story';

const ledger = createLedgerProjection();
const C1 = { commitmentId: 'C1', forumId: 'F1', partnerId: 'P1' };

function accepted(): Story {
  const story = new Story();
  story.registerPartner('P1', { name: 'Bank NTB Syariah' });
  story.pledge('C1', { agreementId: 'A1', forumId: 'F1', partnerId: 'P1' });
  story.accept('C1');
  return story;
}

describe('ledger projection: reports', () => {
  it('a drafted report is a draft document with the partner name and its evidence counted', async () => {
    const story = accepted();
    story.draftReport('R1', C1, { periodStart: '2025-02-01', periodEnd: '2025-03-31', quantityDelivered: 100, rupiahDisbursed: 5_000_000 });
    const { docs, failures } = await project(ledger, story.events);
    expect(failures).toEqual([]);
    expect(docs.reports.R1).toEqual({
      id: 'R1',
      commitmentId: 'C1',
      forumId: 'F1',
      partnerId: 'P1',
      partnerName: 'Bank NTB Syariah',
      periodStart: '2025-02-01',
      periodEnd: '2025-03-31',
      quantityDelivered: 100,
      rupiahDisbursed: 5_000_000,
      narrative: 'Distribusi tahap pertama',
      evidenceCount: 1,
      status: 'draft',
      submissionNumber: 0,
      draftedAt: story.events[3].recordedAt,
      submittedAt: null,
      reviewedAt: null,
      lastReturnComments: null,
      position: 4,
      revision: 0,
    });
    // A draft is not yet a report to the commitment.
    expect(docs.commitments.C1).toMatchObject({ lastReportPeriodEnd: null, position: 3 });
  });

  it('submitted, returned with comments, revised, resubmitted, accepted: the report follows, the commitment counts only the acceptance', async () => {
    const story = accepted();
    story.draftReport('R1', C1, { periodEnd: '2025-03-31', quantityDelivered: 100, rupiahDisbursed: 5_000_000 });
    const submitted = story.submitReport('R1', 1);
    const returned = story.returnReport('R1', 'Lampirkan foto');
    story.reviseReport('R1', { quantityDelivered: 120, evidence: [] }, { quantityDelivered: 100 });
    const resubmitted = story.submitReport('R1', 2);
    const acceptedAt = story.acceptReport('R1', { commitmentId: 'C1', partnerId: 'P1', quantityDelivered: 120, rupiahDisbursed: 5_000_000 });
    const { docs } = await project(ledger, story.events);
    expect(docs.reports.R1).toMatchObject({
      status: 'accepted',
      submissionNumber: 2,
      quantityDelivered: 120,
      evidenceCount: 0,
      submittedAt: resubmitted.recordedAt,
      reviewedAt: acceptedAt.recordedAt,
      lastReturnComments: 'Lampirkan foto',
      revision: 5,
    });
    expect(submitted.recordedAt < returned.recordedAt).toBe(true);
    expect(docs.commitments.C1).toMatchObject({
      quantityDelivered: 120,
      rupiahDisbursed: 5_000_000,
      reportsAccepted: 1,
      lastReportPeriodEnd: '2025-03-31',
      revision: 1,
      position: acceptedAt.globalPosition,
    });
  });

  it('lastReportPeriodEnd is the latest period end among reports now submitted or accepted; a returned one stops counting', async () => {
    const story = accepted();
    story.draftReport('R1', C1, { periodStart: '2025-02-01', periodEnd: '2025-03-31' });
    story.draftReport('R2', C1, { periodStart: '2025-04-01', periodEnd: '2025-06-30' });
    story.submitReport('R1');
    const afterFirst = await project(ledger, story.events);
    expect(afterFirst.docs.commitments.C1.lastReportPeriodEnd).toBe('2025-03-31');

    story.submitReport('R2');
    expect((await project(ledger, story.events)).docs.commitments.C1.lastReportPeriodEnd).toBe('2025-06-30');

    story.returnReport('R2');
    expect((await project(ledger, story.events)).docs.commitments.C1.lastReportPeriodEnd).toBe('2025-03-31');

    story.returnReport('R1');
    expect((await project(ledger, story.events)).docs.commitments.C1.lastReportPeriodEnd).toBeNull();
  });

  it('deliveries and disbursements sum over accepted reports only', async () => {
    const story = accepted();
    story.draftReport('R1', C1, { quantityDelivered: 100, rupiahDisbursed: 1_000_000 });
    story.draftReport('R2', C1, { quantityDelivered: 50, rupiahDisbursed: 700_000, periodStart: '2025-04-01', periodEnd: '2025-04-30' });
    story.draftReport('R3', C1, { quantityDelivered: 999, rupiahDisbursed: 999, periodStart: '2025-05-01', periodEnd: '2025-05-31' });
    story.submitReport('R1');
    story.submitReport('R2');
    story.submitReport('R3');
    story.acceptReport('R1', { commitmentId: 'C1', partnerId: 'P1', quantityDelivered: 100, rupiahDisbursed: 1_000_000 });
    story.acceptReport('R2', { commitmentId: 'C1', partnerId: 'P1', quantityDelivered: 50, rupiahDisbursed: 700_000 });
    const { docs } = await project(ledger, story.events);
    expect(docs.commitments.C1).toMatchObject({ quantityDelivered: 150, rupiahDisbursed: 1_700_000, reportsAccepted: 2, lastReportPeriodEnd: '2025-05-31' });
  });

  it('feeding the same events twice gives the same documents (an acceptance is counted once)', async () => {
    const story = accepted();
    story.draftReport('R1', C1);
    story.submitReport('R1');
    story.acceptReport('R1', { commitmentId: 'C1', partnerId: 'P1', quantityDelivered: 100, rupiahDisbursed: 5_000_000 });
    const once = await project(ledger, story.events);
    const twice = await project(ledger, [...story.events, ...story.events]);
    expect(twice.docs).toEqual(once.docs);
    expect(twice.docs.commitments.C1.reportsAccepted).toBe(1);
  });

  it('bad payloads throw', () => {
    const story = accepted();
    const draft = story.draftReport('R1', C1);
    expect(() => ledger.project({ ...draft, data: { ...draft.data, rupiahDisbursed: -5 } }, { get: () => null })).toThrow(/rupiahDisbursed must be a whole number >= 0/);
    expect(() => ledger.project({ ...draft, data: { ...draft.data, evidence: 'foto.jpg' } }, { get: () => null })).toThrow(/evidence must be a list of objects/);
    expect(() => ledger.project(story.submitReport('R9'), { get: () => null })).toThrow(/reports\/R9 does not exist/);
  });
});
