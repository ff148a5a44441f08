import { createLedgerProjection } from '@ikrar/projections';
import { project } from './support/fold';
import { Story } from './support/story';

const ledger = createLedgerProjection();
const ON = { agreementId: 'A1', forumId: 'F1', partnerId: 'P1' };

describe('ledger projection: partners', () => {
  it('a registered partner is an active partner document at the stream revision and global position of its event', async () => {
    const story = new Story();
    story.registerPartner('P1', { name: 'Bank NTB Syariah', sector: 'business', regionCode: '52' });
    const { docs, failures } = await project(ledger, story.events);
    expect(failures).toEqual([]);
    expect(docs.partners.P1).toEqual({ id: 'P1', name: 'Bank NTB Syariah', sector: 'business', regionCode: '52', status: 'active', position: 1, revision: 0 });
  });

  it('details updates change only the fields they carry; deactivation sets the status; an erased contact moves only the revision', async () => {
    const story = new Story();
    story.registerPartner('P1', { name: 'Bank NTB', sector: 'business', regionCode: '52' });
    story.updatePartner('P1', { regionCode: null });
    story.updatePartner('P1', { name: 'Bank NTB Syariah' });
    story.deactivatePartner('P1');
    story.eraseContact('P1');
    const { docs } = await project(ledger, story.events);
    expect(docs.partners.P1).toEqual({ id: 'P1', name: 'Bank NTB Syariah', sector: 'business', regionCode: null, status: 'deactivated', position: 5, revision: 4 });
  });

  it("a new name or sector reaches the partner's commitments and reports; their own revision stays", async () => {
    const story = new Story();
    story.registerPartner('P1', { name: 'Bank NTB', sector: 'business' });
    story.registerPartner('P2', { name: 'Dinas Kesehatan' });
    story.pledge('C1', ON);
    story.pledge('C2', { ...ON, partnerId: 'P2' });
    story.accept('C1');
    story.draftReport('R1', { commitmentId: 'C1', forumId: 'F1', partnerId: 'P1' });
    story.updatePartner('P1', { name: 'Bank NTB Syariah', sector: 'government' });
    const { docs } = await project(ledger, story.events);
    expect(docs.commitments.C1).toMatchObject({ partnerName: 'Bank NTB Syariah', partnerSector: 'government', revision: 1, position: 7 });
    expect(docs.reports.R1).toMatchObject({ partnerName: 'Bank NTB Syariah', revision: 0, position: 7 });
    expect(docs.commitments.C2).toMatchObject({ partnerName: 'Dinas Kesehatan', position: 4 });
  });

  it('a sector change alone leaves the reports (they show no sector) untouched', async () => {
    const story = new Story();
    story.registerPartner('P1', { sector: 'business' });
    story.pledge('C1', ON);
    story.accept('C1');
    story.draftReport('R1', { commitmentId: 'C1', forumId: 'F1', partnerId: 'P1' });
    story.updatePartner('P1', { sector: 'academia' });
    const { docs } = await project(ledger, story.events);
    expect(docs.commitments.C1).toMatchObject({ partnerSector: 'academia', position: 5 });
    expect(docs.reports.R1.position).toBe(4);
  });

  it('a regionCode change alone touches only the partner', async () => {
    const story = new Story();
    story.registerPartner('P1');
    story.pledge('C1', ON);
    story.updatePartner('P1', { regionCode: '52.71' });
    const { docs } = await project(ledger, story.events);
    expect(docs.commitments.C1.position).toBe(2);
    expect(docs.partners.P1).toMatchObject({ regionCode: '52.71', position: 3 });
  });

  it('feeding the same events twice gives the same documents', async () => {
    const story = new Story();
    story.registerPartner('P1');
    story.pledge('C1', ON);
    story.updatePartner('P1', { name: 'Baru' });
    const once = await project(ledger, story.events);
    const twice = await project(ledger, [...story.events, ...story.events]);
    expect(twice.docs).toEqual(once.docs);
  });

  it('a bad payload throws and names the field', () => {
    const story = new Story();
    const event = story.raw('partner-P1', 'PartnerRegistered', { partnerId: 'P1', name: '', sector: 'business', regionCode: null, contact: null });
    expect(() => ledger.project(event, { get: () => null })).toThrow(/PartnerRegistered at position 1: name must be a non-empty string/);
  });

  it('an update of a partner the read model never saw throws (recorded by the runner, never guessed)', () => {
    const story = new Story();
    const event = story.updatePartner('P9', { name: 'X' });
    expect(() => ledger.project(event, { get: () => null })).toThrow(/partners\/P9 does not exist/);
  });
});
