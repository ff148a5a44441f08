import { createLedgerProjection } from '@ikrar/projections';
import { project } from './support/fold';
import { Story } from './support/story';

const ledger = createLedgerProjection();
const ON = { agreementId: 'A1', forumId: 'F1', partnerId: 'P1' };

function pledged(): Story {
  const story = new Story();
  story.registerPartner('P1', { name: 'Bank NTB Syariah', sector: 'business' });
  story.pledge('C1', ON, {
    milestones: [
      { milestoneId: 'MS1', title: 'Tahap 1', dueDate: '2025-06-30' },
      { milestoneId: 'MS2', title: 'Tahap 2', dueDate: '2025-12-31' },
    ],
  });
  return story;
}

describe('ledger projection: commitments', () => {
  it('a pledge is a commitment document with the partner name and sector, zero deliveries and pledgedAt = recordedAt', async () => {
    const story = pledged();
    const { docs, failures } = await project(ledger, story.events);
    expect(failures).toEqual([]);
    expect(docs.commitments.C1).toEqual({
      id: 'C1',
      agreementId: 'A1',
      forumId: 'F1',
      partnerId: 'P1',
      partnerName: 'Bank NTB Syariah',
      partnerSector: 'business',
      description: 'Paket makanan tambahan untuk balita',
      resourceType: 'in-kind',
      quantity: 1000,
      unit: 'paket',
      valueRupiah: 50_000_000,
      regionCode: '52.71',
      programme: 'stunting',
      startDate: '2025-02-01',
      dueDate: '2025-12-31',
      status: 'pledged',
      acceptedOn: null,
      closedOn: null,
      outcome: null,
      milestones: [
        { milestoneId: 'MS1', title: 'Tahap 1', dueDate: '2025-06-30', metOn: null },
        { milestoneId: 'MS2', title: 'Tahap 2', dueDate: '2025-12-31', metOn: null },
      ],
      quantityDelivered: 0,
      rupiahDisbursed: 0,
      reportsAccepted: 0,
      lastReportPeriodEnd: null,
      pledgedAt: story.events[1].recordedAt,
      position: 2,
      revision: 0,
    });
  });

  it('a pledge by a partner the read model does not know shows no name rather than failing', async () => {
    const story = new Story();
    story.pledge('C1', ON);
    const { docs, failures } = await project(ledger, story.events);
    expect(failures).toEqual([]);
    expect(docs.commitments.C1).toMatchObject({ partnerName: null, partnerSector: null });
  });

  it('acceptance, reduction, amendment and a met milestone update it in place', async () => {
    const story = pledged();
    story.accept('C1', '2025-02-10');
    story.reduce('C1', { quantityReducedBy: 200, valueRupiahReducedBy: 10_000_000, quantity: 800, valueRupiah: 40_000_000 });
    story.amendCommitment('C1', { description: 'Paket PMT', unit: 'kotak', dueDate: '2026-01-31', quantity: 900 });
    story.milestoneMet('C1', 'MS1', '2025-06-15');
    const { docs } = await project(ledger, story.events);
    expect(docs.commitments.C1).toMatchObject({
      status: 'accepted',
      acceptedOn: '2025-02-10',
      quantity: 900,
      valueRupiah: 40_000_000,
      description: 'Paket PMT',
      unit: 'kotak',
      dueDate: '2026-01-31',
      milestones: [
        { milestoneId: 'MS1', title: 'Tahap 1', dueDate: '2025-06-30', metOn: '2025-06-15' },
        { milestoneId: 'MS2', title: 'Tahap 2', dueDate: '2025-12-31', metOn: null },
      ],
      position: 6,
      revision: 4,
    });
  });

  it.each([
    ['withdrawn', (s: Story) => s.withdraw('C1'), { status: 'withdrawn', closedOn: null, outcome: null }],
    ['cancelled', (s: Story) => s.cancel('C1'), { status: 'cancelled', closedOn: null, outcome: null }],
    ['closed as fulfilled', (s: Story) => s.close('C1', 'fulfilled', '2025-12-20'), { status: 'fulfilled', closedOn: '2025-12-20', outcome: 'fulfilled' }],
    ['closed as partially fulfilled', (s: Story) => s.close('C1', 'partially-fulfilled', '2025-12-21'), { status: 'partially-fulfilled', closedOn: '2025-12-21', outcome: 'partially-fulfilled' }],
  ])('a commitment %s', async (_name, end, expected) => {
    const story = pledged();
    story.accept('C1');
    end(story);
    const { docs } = await project(ledger, story.events);
    expect(docs.commitments.C1).toMatchObject(expected);
  });

  it('feeding the same events twice gives the same documents', async () => {
    const story = pledged();
    story.accept('C1');
    story.milestoneMet('C1', 'MS2');
    story.close('C1');
    const once = await project(ledger, story.events);
    const twice = await project(ledger, [...story.events, ...story.events]);
    expect(twice.docs).toEqual(once.docs);
  });

  it('bad payloads throw: a quantity that is not a whole number, an unknown milestone, an unknown outcome', () => {
    const lookup = { get: () => null };
    const story = pledged();
    const [, pledge] = story.events;
    expect(() => ledger.project({ ...pledge, data: { ...pledge.data, quantity: '1000' } }, lookup)).toThrow(/quantity must be a whole number/);
    expect(() => ledger.project({ ...pledge, data: { ...pledge.data, milestones: [{ milestoneId: 'MS1' }] } }, lookup)).toThrow(/milestones\[0\]: title/);

    const docs = new Map<string, unknown>();
    const known = { get: (collection: string, id: string) => (docs.get(`${collection}/${id}`) ?? null) as never };
    const [change] = ledger.project(pledge, { get: () => null });
    docs.set(`commitments/C1`, (change as { doc: unknown }).doc);
    expect(() => ledger.project(story.milestoneMet('C1', 'MS9'), known)).toThrow(/has no milestone MS9/);
    expect(() => ledger.project(story.raw('commitment-C1', 'CommitmentClosed', { commitmentId: 'C1', outcome: 'done', note: 'x', closedOn: '2025-12-31' }), known)).toThrow(/outcome must be/);
  });
});
