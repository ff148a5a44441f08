import { createRolesProjection } from '@ikrar/projections';
import { project } from './support/fold';
import { Story } from './support/story';

const roles = createRolesProjection();

function setting(): Story {
  const story = new Story();
  story.registerPartner('P1', { name: 'Dinas Kesehatan Provinsi NTB' });
  story.establishForum('F1', 'P1');
  story.recordAgreement('A1', 'F1', ['P1']);
  return story;
}

describe('roles projection', () => {
  it('a role in a forum is placed in that forum, with the partner name and one open period', async () => {
    const story = setting();
    story.assignRole('RA1', { partnerId: 'P1', role: 'regulator-coordinator', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-01-01', iatiOrganisationRole: 2 });
    const { docs, failures } = await project(roles, story.events);
    expect(failures).toEqual([]);
    expect(docs.roleAssignments.RA1).toEqual({
      id: 'RA1',
      partnerId: 'P1',
      partnerName: 'Dinas Kesehatan Provinsi NTB',
      role: 'regulator-coordinator',
      iatiOrganisationRole: 2,
      scopeType: 'forum',
      scopeId: 'F1',
      forumId: 'F1',
      periods: [{ validFrom: '2025-01-01', validUntil: null, revokedOn: null, revocationReason: null }],
      position: 4,
      revision: 0,
    });
  });

  it("a role in an agreement is placed in the agreement's forum", async () => {
    const story = setting();
    story.assignRole('RA1', { partnerId: 'P1', role: 'data-provider', scopeType: 'agreement', scopeId: 'A1', validFrom: '2025-01-01' });
    const { docs } = await project(roles, story.events);
    expect(docs.roleAssignments.RA1).toMatchObject({ scopeType: 'agreement', scopeId: 'A1', forumId: 'F1' });
  });

  it('revocation ends the latest period; a new assignment adds a period; periods stay ordered by validFrom', async () => {
    const story = setting();
    story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-03-01', validUntil: '2025-12-31' });
    story.revokeRole('RA1', '2025-06-30', 'reorganisasi');
    story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2026-01-01' });
    story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2024-01-01', validUntil: '2024-12-31' });
    const { docs } = await project(roles, story.events);
    expect(docs.roleAssignments.RA1.periods).toEqual([
      { validFrom: '2024-01-01', validUntil: '2024-12-31', revokedOn: null, revocationReason: null },
      { validFrom: '2025-03-01', validUntil: '2025-12-31', revokedOn: '2025-06-30', revocationReason: 'reorganisasi' },
      { validFrom: '2026-01-01', validUntil: null, revokedOn: null, revocationReason: null },
    ]);
    expect(docs.roleAssignments.RA1.revision).toBe(3);
  });

  it("a renamed partner's assignments show the new name", async () => {
    const story = setting();
    story.registerPartner('P2', { name: 'BKKBN' });
    story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-01-01' });
    story.assignRole('RA2', { partnerId: 'P1', role: 'data-provider', scopeType: 'agreement', scopeId: 'A1', validFrom: '2025-01-01' });
    story.assignRole('RA3', { partnerId: 'P2', role: 'data-provider', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-01-01' });
    story.updatePartner('P1', { name: 'Dinkes NTB' });
    story.updatePartner('P2', { sector: 'government' });
    const { docs } = await project(roles, story.events);
    expect(docs.roleAssignments.RA1.partnerName).toBe('Dinkes NTB');
    expect(docs.roleAssignments.RA2.partnerName).toBe('Dinkes NTB');
    expect(docs.roleAssignments.RA3).toMatchObject({ partnerName: 'BKKBN', position: 7 });
  });

  it('keeps only its own copies: it never writes the ledger collections', async () => {
    const story = setting();
    story.pledge('C1', { agreementId: 'A1', forumId: 'F1', partnerId: 'P1' });
    const { docs } = await project(roles, story.events);
    expect(Object.keys(docs).sort()).toEqual(['roleAgreements', 'rolePartners']);
    expect(docs.roleAgreements.A1).toEqual({ id: 'A1', forumId: 'F1', position: 3, revision: 0 });
  });

  it('feeding the same events twice gives the same documents', async () => {
    const story = setting();
    story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-01-01' });
    story.revokeRole('RA1', '2025-02-01');
    story.assignRole('RA1', { partnerId: 'P1', role: 'secretariat', scopeType: 'forum', scopeId: 'F1', validFrom: '2025-03-01' });
    const once = await project(roles, story.events);
    const twice = await project(roles, [...story.events, ...story.events]);
    expect(twice.docs).toEqual(once.docs);
    expect(twice.docs.roleAssignments.RA1.periods).toHaveLength(2);
  });

  it('bad payloads throw; a role in an agreement it never saw throws rather than guessing the forum', () => {
    const story = new Story();
    const badScope = story.raw('roleAssignment-RA1', 'RoleAssigned', {
      assignmentId: 'RA1', partnerId: 'P1', role: 'secretariat', scopeType: 'region', scopeId: 'F1', validFrom: '2025-01-01', validUntil: null, iatiOrganisationRole: 3,
    });
    expect(() => roles.project(badScope, { get: () => null })).toThrow(/scopeType must be forum or agreement/);
    const unknownAgreement = story.assignRole('RA2', { partnerId: 'P1', role: 'secretariat', scopeType: 'agreement', scopeId: 'A9', validFrom: '2025-01-01' });
    expect(() => roles.project(unknownAgreement, { get: () => null })).toThrow(/roleAgreements\/A9 does not exist/);
    const badRevocation = story.raw('roleAssignment-RA1', 'RoleRevoked', { assignmentId: 'RA1', reason: 'x', revokedOn: 'soon' });
    expect(() => roles.project(badRevocation, { get: () => null })).toThrow(/revokedOn must be a YYYY-MM-DD date/);
  });
});
