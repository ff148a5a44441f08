import { canRead, listScope, mayWrite, Principal, Resource, ResourceKind, rolesFor, WRITE_ACTS, WriteAct } from '@ikrar/access';

/**
 * The authorization matrix, written out. The secretariat runs forum-a (and forum-c); the partner
 * user acts for p-own. "Own"/"other" below are from those two users' point of view.
 */
const OWN_FORUM = 'forum-a';
const OTHER_FORUM = 'forum-b';
const OWN_PARTNER = 'p-own';
const OTHER_PARTNER = 'p-other';

type Role = Principal['role'];
const ROLES: readonly Role[] = ['secretariat', 'partner', 'auditor', 'admin', 'system'];

const PRINCIPALS: Record<Role, Principal> = {
  secretariat: { userId: 'sec-1', name: null, role: 'secretariat', partnerId: null, forumIds: [OWN_FORUM, 'forum-c'] },
  partner: { userId: 'par-1', name: null, role: 'partner', partnerId: OWN_PARTNER, forumIds: [] },
  auditor: { userId: 'aud-1', name: null, role: 'auditor', partnerId: null, forumIds: [] },
  admin: { userId: 'adm-1', name: null, role: 'admin', partnerId: null, forumIds: [] },
  system: { userId: 'seeder', name: null, role: 'system', partnerId: null, forumIds: [] },
};

interface Place {
  readonly label: string;
  readonly resource: Resource;
  readonly ownForum: boolean;
  readonly ownPartner: boolean;
}

/** Every place an object of `kind` can be, relative to the secretariat's forums and the partner user's organisation. */
function placesOf(kind: ResourceKind): Place[] {
  if (kind === 'forum') {
    return [
      { label: 'own forum', resource: { kind, forumId: OWN_FORUM, partnerIds: [] }, ownForum: true, ownPartner: false },
      { label: 'other forum', resource: { kind, forumId: OTHER_FORUM, partnerIds: [] }, ownForum: false, ownPartner: false },
    ];
  }
  if (kind === 'partner') {
    return [
      { label: 'own partner', resource: { kind, forumId: null, partnerIds: [OWN_PARTNER] }, ownForum: false, ownPartner: true },
      { label: 'other partner', resource: { kind, forumId: null, partnerIds: [OTHER_PARTNER] }, ownForum: false, ownPartner: false },
    ];
  }
  return [
    { label: 'in own forum, of own partner', resource: { kind, forumId: OWN_FORUM, partnerIds: [OWN_PARTNER] }, ownForum: true, ownPartner: true },
    { label: 'in own forum, of other partner', resource: { kind, forumId: OWN_FORUM, partnerIds: [OTHER_PARTNER] }, ownForum: true, ownPartner: false },
    { label: 'in other forum, of own partner', resource: { kind, forumId: OTHER_FORUM, partnerIds: [OWN_PARTNER] }, ownForum: false, ownPartner: true },
    { label: 'in other forum, of other partner', resource: { kind, forumId: OTHER_FORUM, partnerIds: [OTHER_PARTNER] }, ownForum: false, ownPartner: false },
  ];
}

/** How far a role reaches: everywhere, only its own forums, only its own organisation, or nowhere. */
type Reach = 'all' | 'own forum' | 'own partner' | 'none';

function reaches(reach: Reach, place: Place): boolean {
  switch (reach) {
    case 'all':
      return true;
    case 'own forum':
      return place.ownForum;
    case 'own partner':
      return place.ownPartner;
    case 'none':
      return false;
  }
}

const KINDS: readonly ResourceKind[] = ['forum', 'partner', 'agreement', 'commitment', 'report', 'roleAssignment'];

describe('canRead: who sees what (anything unseen is answered as if it did not exist)', () => {
  const READ: Record<ResourceKind, Record<Role, Reach>> = {
    forum: { secretariat: 'own forum', partner: 'none', auditor: 'all', admin: 'all', system: 'all' },
    partner: { secretariat: 'all', partner: 'own partner', auditor: 'all', admin: 'all', system: 'all' },
    agreement: { secretariat: 'own forum', partner: 'own partner', auditor: 'all', admin: 'none', system: 'all' },
    commitment: { secretariat: 'own forum', partner: 'own partner', auditor: 'all', admin: 'none', system: 'all' },
    report: { secretariat: 'own forum', partner: 'own partner', auditor: 'all', admin: 'none', system: 'all' },
    roleAssignment: { secretariat: 'own forum', partner: 'own partner', auditor: 'all', admin: 'none', system: 'all' },
  };

  const cases = KINDS.flatMap((kind) =>
    placesOf(kind).flatMap((place) => ROLES.map((role) => ({ role, kind, place: place.label, resource: place.resource, expected: reaches(READ[kind][role], place) }))),
  );

  it('covers every role for every kind of object in every place', () => {
    expect(cases).toHaveLength(5 * (2 + 2 + 4 * 4));
  });

  it.each(cases)('$role reading a $kind ($place): $expected', ({ role, resource, expected }) => {
    expect(canRead(PRINCIPALS[role], resource)).toBe(expected);
  });

  it('lets a partner see an agreement it is one of several parties to', () => {
    expect(canRead(PRINCIPALS.partner, { kind: 'agreement', forumId: OTHER_FORUM, partnerIds: [OTHER_PARTNER, OWN_PARTNER] })).toBe(true);
  });

  it('shows a secretariat nothing in a forum when it runs no forums', () => {
    const noForums: Principal = { ...PRINCIPALS.secretariat, forumIds: [] };
    expect(canRead(noForums, { kind: 'forum', forumId: OWN_FORUM, partnerIds: [] })).toBe(false);
    expect(canRead(noForums, { kind: 'commitment', forumId: OWN_FORUM, partnerIds: [OWN_PARTNER] })).toBe(false);
    expect(canRead(noForums, { kind: 'partner', forumId: null, partnerIds: [OTHER_PARTNER] })).toBe(true);
  });

  it('lets a secretariat see its second forum too', () => {
    expect(canRead(PRINCIPALS.secretariat, { kind: 'report', forumId: 'forum-c', partnerIds: [OTHER_PARTNER] })).toBe(true);
  });

  it('does not show a secretariat a forum-less object other than a partner (a role held in an unknown scope)', () => {
    expect(canRead(PRINCIPALS.secretariat, { kind: 'roleAssignment', forumId: null, partnerIds: [OWN_PARTNER] })).toBe(false);
  });

  it('compares forum and partner ids exactly (principal ids are already lower-cased)', () => {
    expect(canRead(PRINCIPALS.secretariat, { kind: 'forum', forumId: 'FORUM-A', partnerIds: [] })).toBe(false);
    expect(canRead(PRINCIPALS.partner, { kind: 'report', forumId: OWN_FORUM, partnerIds: ['P-OWN'] })).toBe(false);
  });

  it('shows a partner principal without a partner id nothing', () => {
    const orphan: Principal = { ...PRINCIPALS.partner, partnerId: null };
    for (const kind of KINDS) for (const place of placesOf(kind)) expect(canRead(orphan, place.resource)).toBe(false);
  });

  it('never shows a partner a forum as such, even one listing its organisation', () => {
    expect(canRead(PRINCIPALS.partner, { kind: 'forum', forumId: OWN_FORUM, partnerIds: [OWN_PARTNER] })).toBe(false);
  });

  it('does not show a partner an object that belongs to no partner', () => {
    expect(canRead(PRINCIPALS.partner, { kind: 'agreement', forumId: OWN_FORUM, partnerIds: [] })).toBe(false);
  });
});

describe('WRITE_ACTS and rolesFor: which roles may do an act at all', () => {
  /** The matrix of the README, act by act; `system` may do everything and is not listed. */
  const MAY: Record<WriteAct, readonly Role[]> = {
    'establish-forum': ['admin'],
    'record-meeting': ['secretariat'],
    'register-partner': ['secretariat', 'admin'],
    'update-partner-details': ['secretariat', 'admin', 'partner'],
    'deactivate-partner': ['secretariat', 'admin'],
    'erase-partner-contact': ['secretariat', 'admin'],
    'record-agreement': ['secretariat'],
    'correct-agreement': ['secretariat'],
    'amend-agreement': ['secretariat'],
    'terminate-agreement': ['secretariat'],
    'pledge-commitment': ['secretariat', 'partner'],
    'accept-commitment': ['secretariat'],
    'amend-commitment': ['secretariat'],
    'mark-milestone-met': ['secretariat'],
    'close-commitment': ['secretariat'],
    'cancel-commitment': ['secretariat'],
    'withdraw-commitment': ['secretariat', 'partner'],
    'assign-role': ['secretariat'],
    'revoke-role': ['secretariat'],
    'draft-report': ['secretariat', 'partner'],
    'submit-report': ['secretariat', 'partner'],
    'return-report': ['secretariat'],
    'accept-report': ['secretariat'],
  };

  it('names exactly these 23 acts', () => {
    expect([...WRITE_ACTS].sort()).toEqual(Object.keys(MAY).sort());
    expect(WRITE_ACTS).toHaveLength(23);
  });

  it.each(Object.entries(MAY))('%s may be done by %j', (act, roles) => {
    expect([...rolesFor(act as WriteAct)].sort()).toEqual([...roles].sort());
  });

  it('never lets an auditor do anything', () => {
    for (const act of WRITE_ACTS) expect(rolesFor(act)).not.toContain('auditor');
  });

  it('lets an admin do only establish-forum and the partner-registry acts', () => {
    expect(WRITE_ACTS.filter((act) => rolesFor(act).includes('admin')).sort()).toEqual(['deactivate-partner', 'erase-partner-contact', 'establish-forum', 'register-partner', 'update-partner-details']);
  });

  it('lets a partner do only its own five acts', () => {
    expect(WRITE_ACTS.filter((act) => rolesFor(act).includes('partner')).sort()).toEqual(['draft-report', 'pledge-commitment', 'submit-report', 'update-partner-details', 'withdraw-commitment']);
  });

  it('lets a secretariat do everything but establish a forum', () => {
    expect(WRITE_ACTS.filter((act) => !rolesFor(act).includes('secretariat'))).toEqual(['establish-forum']);
  });

  describe('mayWrite with no visible target (null) checks the role alone', () => {
    const cases = WRITE_ACTS.flatMap((act) => ROLES.map((role) => ({ act, role, expected: role === 'system' || MAY[act].includes(role) })));

    it.each(cases)('$role may $act (nothing visible yet): $expected', ({ act, role, expected }) => {
      expect(mayWrite(PRINCIPALS[role], act, null)).toBe(expected);
    });
  });
});

describe('mayWrite: an allowed role writes only within its reach', () => {
  /** For each act: the kind of object it writes, and how far each role reaches with it. */
  const WRITE: Record<WriteAct, { kind: ResourceKind; reach: Record<Role, Reach> }> = {
    'establish-forum': { kind: 'forum', reach: { secretariat: 'none', partner: 'none', auditor: 'none', admin: 'all', system: 'all' } },
    'record-meeting': { kind: 'forum', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'register-partner': { kind: 'partner', reach: { secretariat: 'all', partner: 'none', auditor: 'none', admin: 'all', system: 'all' } },
    'update-partner-details': { kind: 'partner', reach: { secretariat: 'all', partner: 'own partner', auditor: 'none', admin: 'all', system: 'all' } },
    'deactivate-partner': { kind: 'partner', reach: { secretariat: 'all', partner: 'none', auditor: 'none', admin: 'all', system: 'all' } },
    'erase-partner-contact': { kind: 'partner', reach: { secretariat: 'all', partner: 'none', auditor: 'none', admin: 'all', system: 'all' } },
    'record-agreement': { kind: 'agreement', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'correct-agreement': { kind: 'agreement', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'amend-agreement': { kind: 'agreement', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'terminate-agreement': { kind: 'agreement', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'pledge-commitment': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'own partner', auditor: 'none', admin: 'none', system: 'all' } },
    'accept-commitment': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'amend-commitment': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'mark-milestone-met': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'close-commitment': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'cancel-commitment': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'withdraw-commitment': { kind: 'commitment', reach: { secretariat: 'own forum', partner: 'own partner', auditor: 'none', admin: 'none', system: 'all' } },
    'assign-role': { kind: 'roleAssignment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'revoke-role': { kind: 'roleAssignment', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'draft-report': { kind: 'report', reach: { secretariat: 'own forum', partner: 'own partner', auditor: 'none', admin: 'none', system: 'all' } },
    'submit-report': { kind: 'report', reach: { secretariat: 'own forum', partner: 'own partner', auditor: 'none', admin: 'none', system: 'all' } },
    'return-report': { kind: 'report', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
    'accept-report': { kind: 'report', reach: { secretariat: 'own forum', partner: 'none', auditor: 'none', admin: 'none', system: 'all' } },
  };

  const cases = WRITE_ACTS.flatMap((act) =>
    placesOf(WRITE[act].kind).flatMap((place) =>
      ROLES.map((role) => ({ role, act, kind: WRITE[act].kind, place: place.label, resource: place.resource, expected: reaches(WRITE[act].reach[role], place) })),
    ),
  );

  it('covers every act for every role in every place of the object it writes', () => {
    expect(Object.keys(WRITE).sort()).toEqual([...WRITE_ACTS].sort());
    // 2 forum acts x 2 places, 4 registry acts x 2 places, 17 acts x 4 places; 5 roles each.
    expect(cases).toHaveLength(5 * (2 * 2 + 4 * 2 + 17 * 4));
  });

  it.each(cases)('$role may $act on a $kind ($place): $expected', ({ role, act, resource, expected }) => {
    expect(mayWrite(PRINCIPALS[role], act, resource)).toBe(expected);
  });

  it('lets a partner pledge for itself only, even when the agreement has other parties', () => {
    expect(mayWrite(PRINCIPALS.partner, 'pledge-commitment', { kind: 'commitment', forumId: OWN_FORUM, partnerIds: [OTHER_PARTNER] })).toBe(false);
    expect(mayWrite(PRINCIPALS.partner, 'pledge-commitment', { kind: 'commitment', forumId: OTHER_FORUM, partnerIds: [OWN_PARTNER] })).toBe(true);
  });

  it('lets no partner principal without a partner id write anything', () => {
    const orphan: Principal = { ...PRINCIPALS.partner, partnerId: null };
    for (const act of ['update-partner-details', 'pledge-commitment', 'withdraw-commitment', 'draft-report', 'submit-report'] as const) {
      expect(mayWrite(orphan, act, { kind: 'report', forumId: OWN_FORUM, partnerIds: [OWN_PARTNER] })).toBe(false);
    }
  });

  it('lets a secretariat write in every forum it runs, and in none when it runs none', () => {
    expect(mayWrite(PRINCIPALS.secretariat, 'accept-report', { kind: 'report', forumId: 'forum-c', partnerIds: [OTHER_PARTNER] })).toBe(true);
    const noForums: Principal = { ...PRINCIPALS.secretariat, forumIds: [] };
    expect(mayWrite(noForums, 'accept-report', { kind: 'report', forumId: OWN_FORUM, partnerIds: [OTHER_PARTNER] })).toBe(false);
    expect(mayWrite(noForums, 'register-partner', { kind: 'partner', forumId: null, partnerIds: [OTHER_PARTNER] })).toBe(true);
  });

  it('leaves a secretariat creation that references nothing it can see (no forum) to the decider to refuse', () => {
    expect(mayWrite(PRINCIPALS.secretariat, 'pledge-commitment', { kind: 'commitment', forumId: null, partnerIds: [OTHER_PARTNER] })).toBe(true);
  });

  it('does not let an admin write in a forum even where an act names a partner', () => {
    expect(mayWrite(PRINCIPALS.admin, 'record-agreement', { kind: 'agreement', forumId: OWN_FORUM, partnerIds: [OWN_PARTNER] })).toBe(false);
    expect(mayWrite(PRINCIPALS.admin, 'assign-role', null)).toBe(false);
  });
});

describe('listScope: which rows a list shows the principal', () => {
  it.each([
    ['every row to an auditor', PRINCIPALS.auditor, { all: true }],
    ['every row to the system', PRINCIPALS.system, { all: true }],
    ['the rows of its forums to a secretariat', PRINCIPALS.secretariat, { forumIds: [OWN_FORUM, 'forum-c'] }],
    ['no forum rows to a secretariat that runs no forums', { ...PRINCIPALS.secretariat, forumIds: [] }, { forumIds: [] }],
    ['the rows of its own organisation to a partner', PRINCIPALS.partner, { partnerId: OWN_PARTNER }],
    ['no rows to a partner principal without a partner id', { ...PRINCIPALS.partner, partnerId: null }, { none: true }],
    ['no rows to an admin (forums and partners only)', PRINCIPALS.admin, { none: true }],
  ])('shows %s', (_label, principal, scope) => {
    expect(listScope(principal)).toEqual(scope);
  });
});
