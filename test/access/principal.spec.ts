import { actorOf, AuthenticationError, PRINCIPAL_ROLES, principalFromClaims, systemPrincipal } from '@ikrar/access';

/** The reason `principalFromClaims` refuses these claims with; fails when it accepts them. */
function refusedBecause(claims: Record<string, unknown>): string {
  try {
    principalFromClaims(claims);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthenticationError);
    return (error as AuthenticationError).reason;
  }
  throw new Error(`expected ${JSON.stringify(claims)} to be refused`);
}

const SUB_RULE = 'the sub claim must be a user id of 1-128 letters, digits and ._:@|-';
const ROLE_RULE = 'the role claim must be one of secretariat, partner, auditor, admin';
const FORUMS_RULE = 'the forumIds claim must be an array of at most 200 forum ids';

describe('principalFromClaims: the principal a verified token names', () => {
  it('knows exactly the token roles secretariat, partner, auditor and admin', () => {
    expect([...PRINCIPAL_ROLES]).toEqual(['secretariat', 'partner', 'auditor', 'admin']);
  });

  describe('role', () => {
    it.each([
      ['auditor', { sub: 'u1', role: 'auditor' }, { userId: 'u1', name: null, role: 'auditor', partnerId: null, forumIds: [] }],
      ['admin', { sub: 'u1', role: 'admin' }, { userId: 'u1', name: null, role: 'admin', partnerId: null, forumIds: [] }],
      ['secretariat', { sub: 'u1', role: 'secretariat' }, { userId: 'u1', name: null, role: 'secretariat', partnerId: null, forumIds: [] }],
      ['partner', { sub: 'u1', role: 'partner', partnerId: 'acme' }, { userId: 'u1', name: null, role: 'partner', partnerId: 'acme', forumIds: [] }],
    ])('accepts the %s role', (_role, claims, principal) => {
      expect(principalFromClaims(claims)).toEqual(principal);
    });

    it('refuses the system role: only the process itself acts as system, never a token', () => {
      expect(refusedBecause({ sub: 'u1', role: 'system' })).toBe(ROLE_RULE);
    });

    it.each([
      ['an unknown role', 'superuser'],
      ['a known role in another case', 'Admin'],
      ['an empty role', ''],
      ['a role that is not a string', 1],
      ['a list of roles', ['admin']],
      ['null', null],
    ])('refuses %s', (_label, role) => {
      expect(refusedBecause({ sub: 'u1', role })).toBe(ROLE_RULE);
    });

    it('refuses claims without a role', () => {
      expect(refusedBecause({ sub: 'u1' })).toBe(ROLE_RULE);
    });
  });

  describe('sub becomes the user id, unchanged', () => {
    it.each([
      ['a Keycloak UUID', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'],
      ['an Auth0-style id', 'auth0|5f7c8ec7c33c6c004bbafe82'],
      ['an e-mail address', 'sari.w@example.org'],
      ['a URN-like id', 'urn:ikrar:user.7'],
      ['mixed case (kept as given)', 'User-ABC'],
      ['one character', 'x'],
      ['128 characters', 'a'.repeat(128)],
    ])('accepts %s', (_label, sub) => {
      expect(principalFromClaims({ sub, role: 'auditor' }).userId).toBe(sub);
    });

    it.each([
      ['a missing sub', undefined],
      ['an empty sub', ''],
      ['129 characters', 'a'.repeat(129)],
      ['a space', 'sari w'],
      ['a slash', 'a/b'],
      ['a newline', 'user\n1'],
      ['a number', 42],
      ['non-ASCII letters', 'pengguna-ü'],
    ])('refuses %s', (_label, sub) => {
      expect(refusedBecause({ sub, role: 'auditor' })).toBe(SUB_RULE);
    });
  });

  describe('name is optional', () => {
    it('is null when the token has none', () => {
      expect(principalFromClaims({ sub: 'u1', role: 'auditor' }).name).toBeNull();
    });

    it('is taken as given when present', () => {
      expect(principalFromClaims({ sub: 'u1', role: 'auditor', name: 'Sari Wulandari' }).name).toBe('Sari Wulandari');
    });

    it('may be 200 characters but not 201', () => {
      expect(principalFromClaims({ sub: 'u1', role: 'auditor', name: 'n'.repeat(200) }).name).toHaveLength(200);
      expect(refusedBecause({ sub: 'u1', role: 'auditor', name: 'n'.repeat(201) })).toBe('the name claim must be a string of at most 200 characters');
    });

    it.each([[42], [null], [{ given: 'Sari' }]])('refuses a name that is not a string (%p)', (name) => {
      expect(refusedBecause({ sub: 'u1', role: 'auditor', name })).toBe('the name claim must be a string of at most 200 characters');
    });
  });

  describe('partnerId: required for a partner, forbidden for every other role', () => {
    it('lower-cases the partner id, as the API stores ids', () => {
      expect(principalFromClaims({ sub: 'u1', role: 'partner', partnerId: 'PT-Maju_Jaya.01' }).partnerId).toBe('pt-maju_jaya.01');
    });

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['not a string', 7],
      ['null', null],
      ['with a space', 'pt maju'],
      ['with a colon', 'pt:maju'],
      ['129 characters', 'p'.repeat(129)],
    ])('refuses a partner token whose partnerId is %s', (_label, partnerId) => {
      expect(refusedBecause({ sub: 'u1', role: 'partner', partnerId })).toBe('a partner token needs a partnerId claim');
    });

    it.each(['secretariat', 'auditor', 'admin'])('refuses a %s token that carries a partnerId', (role) => {
      expect(refusedBecause({ sub: 'u1', role, partnerId: 'acme' })).toBe('only a partner token carries a partnerId claim');
    });

    it('refuses a non-partner token whose partnerId is null (the claim is present)', () => {
      expect(refusedBecause({ sub: 'u1', role: 'auditor', partnerId: null })).toBe('only a partner token carries a partnerId claim');
    });

    it('gives every role but partner a null partnerId', () => {
      for (const role of ['secretariat', 'auditor', 'admin']) expect(principalFromClaims({ sub: 'u1', role }).partnerId).toBeNull();
    });
  });

  describe('forumIds: only a secretariat carries them', () => {
    it('lower-cases and de-duplicates the forum ids, keeping first-seen order', () => {
      const principal = principalFromClaims({ sub: 'u1', role: 'secretariat', forumIds: ['Forum-B', 'forum-a', 'FORUM-B', 'forum-b', 'Forum-A'] });
      expect(principal.forumIds).toEqual(['forum-b', 'forum-a']);
    });

    it('gives a secretariat without forumIds no forums', () => {
      expect(principalFromClaims({ sub: 'u1', role: 'secretariat' }).forumIds).toEqual([]);
      expect(principalFromClaims({ sub: 'u1', role: 'secretariat', forumIds: [] }).forumIds).toEqual([]);
    });

    it('accepts 200 forum ids', () => {
      const forumIds = Array.from({ length: 200 }, (_, i) => `forum-${i}`);
      expect(principalFromClaims({ sub: 'u1', role: 'secretariat', forumIds }).forumIds).toHaveLength(200);
    });

    it('refuses 201 forum ids', () => {
      const forumIds = Array.from({ length: 201 }, (_, i) => `forum-${i}`);
      expect(refusedBecause({ sub: 'u1', role: 'secretariat', forumIds })).toBe(FORUMS_RULE);
    });

    it('counts the limit on the claim as sent, before de-duplication', () => {
      expect(refusedBecause({ sub: 'u1', role: 'secretariat', forumIds: Array.from({ length: 201 }, () => 'forum-a') })).toBe(FORUMS_RULE);
    });

    it.each([
      ['a single string', 'forum-a'],
      ['an object', { 'forum-a': true }],
      ['null', null],
      ['a list with a number', ['forum-a', 3]],
      ['a list with an empty id', ['forum-a', '']],
      ['a list with an id containing a space', ['forum a']],
      ['a list with an id containing a slash', ['forum/a']],
      ['a list with a 129-character id', ['f'.repeat(129)]],
    ])('refuses forumIds given as %s', (_label, forumIds) => {
      expect(refusedBecause({ sub: 'u1', role: 'secretariat', forumIds })).toBe(FORUMS_RULE);
    });

    it.each([
      ['partner', { partnerId: 'acme' }],
      ['auditor', {}],
      ['admin', {}],
    ])('refuses a %s token that carries forumIds', (role, extra) => {
      expect(refusedBecause({ sub: 'u1', role, ...extra, forumIds: ['forum-a'] })).toBe('only a secretariat token carries a forumIds claim');
    });

    it('refuses an empty forumIds list on a non-secretariat token too', () => {
      expect(refusedBecause({ sub: 'u1', role: 'auditor', forumIds: [] })).toBe('only a secretariat token carries a forumIds claim');
    });
  });

  it('ignores claims it does not read (registered claims, scopes)', () => {
    expect(principalFromClaims({ iss: 'x', aud: 'y', exp: 1, iat: 0, scope: 'openid', sub: 'u1', role: 'admin' })).toEqual({
      userId: 'u1',
      name: null,
      role: 'admin',
      partnerId: null,
      forumIds: [],
    });
  });
});

describe('actorOf: the actor an event records', () => {
  it('records user id, role, partner and name of a partner user', () => {
    expect(actorOf({ userId: 'u1', name: 'Budi', role: 'partner', partnerId: 'acme', forumIds: [] })).toEqual({ userId: 'u1', role: 'partner', partnerId: 'acme', name: 'Budi' });
  });

  it('leaves out partnerId and name when the principal has none, and never the forums', () => {
    expect(actorOf({ userId: 'u2', name: null, role: 'secretariat', partnerId: null, forumIds: ['forum-a'] })).toEqual({ userId: 'u2', role: 'secretariat' });
  });
});

describe('systemPrincipal: the process acting on its own behalf', () => {
  it('is the system role with no name, partner or forums', () => {
    expect(systemPrincipal('demo-seeder')).toEqual({ userId: 'demo-seeder', name: null, role: 'system', partnerId: null, forumIds: [] });
  });
});
