import {
  PartnerCommand,
  PartnerEvent,
  PartnerRegistered,
  PARTNER_EVENT_SCHEMA_VERSIONS,
  PARTNER_STREAM_CATEGORY,
  partnerDecider,
  partnerStreamId,
} from '@ikrar/domain';
import { DeciderSpecification } from '../support/decider-spec';

const spec = () => DeciderSpecification(partnerDecider);

const PARTNER_ID = 'p-unram';
const secretariat = { userId: 'u-sek', role: 'secretariat' as const };
const ownPartner = { userId: 'u-unram', role: 'partner' as const, partnerId: PARTNER_ID };
const otherPartner = { userId: 'u-idi', role: 'partner' as const, partnerId: 'p-idi' };
const auditor = { userId: 'u-aud', role: 'auditor' as const };
type Actor = typeof secretariat | typeof ownPartner | typeof auditor | { userId: string; role: 'admin' | 'system' };
const contact = { keyId: 'key-p-unram-1', ciphertext: 'c2VhbGVkLWNvbnRhY3Q=' };

const registered = (overrides: Partial<PartnerRegistered['data']> = {}): PartnerEvent => ({
  type: 'PartnerRegistered',
  data: { partnerId: PARTNER_ID, name: 'Universitas Mataram', sector: 'academia', regionCode: '52.71', contact, ...overrides },
});

const register = (overrides: Record<string, unknown> = {}): PartnerCommand =>
  ({
    type: 'RegisterPartner',
    data: { partnerId: PARTNER_ID, name: 'Universitas Mataram', sector: 'academia', regionCode: '52.71', contact, actor: secretariat, ...overrides },
  }) as PartnerCommand;

const update = (changes: Record<string, unknown>, partnerId = PARTNER_ID, actor: Actor = secretariat): PartnerCommand =>
  ({ type: 'UpdatePartnerDetails', data: { partnerId, changes, actor } }) as PartnerCommand;

const deactivate = (reason = 'Organisation dissolved', actor: Actor = secretariat): PartnerCommand => ({
  type: 'DeactivatePartner',
  data: { partnerId: PARTNER_ID, reason, actor },
});

const deactivated: PartnerEvent = { type: 'PartnerDeactivated', data: { partnerId: PARTNER_ID, reason: 'Organisation dissolved' } };
const contactErased: PartnerEvent = { type: 'PartnerContactErased', data: { partnerId: PARTNER_ID, reason: 'Erasure request (UU 27/2022)' } };

describe('Partner decider', () => {
  describe('streams and schema', () => {
    it('names its streams partner-<id>', () => {
      expect(PARTNER_STREAM_CATEGORY).toBe('partner');
      expect(partnerStreamId('p-1')).toBe('partner-p-1');
    });

    it('gives every event type a schema version', () => {
      expect(PARTNER_EVENT_SCHEMA_VERSIONS).toEqual({
        PartnerRegistered: 1,
        PartnerDetailsUpdated: 1,
        PartnerDeactivated: 1,
        PartnerContactErased: 1,
      });
    });
  });

  describe('RegisterPartner', () => {
    it('a new partner with a name, a known sector and a region is registered', () => {
      spec().given().when(register()).then(registered());
    });

    it('a partner may be registered without a region or a contact, both recorded as null', () => {
      spec()
        .given()
        .when(register({ regionCode: null, contact: null }))
        .then(registered({ regionCode: null, contact: null }));
    });

    it('a missing region or contact is recorded as null, never undefined', () => {
      spec()
        .given()
        .when(register({ regionCode: undefined, contact: undefined }))
        .then(registered({ regionCode: null, contact: null }));
    });

    it('a partner cannot be registered twice', () => {
      spec().given(registered()).when(register()).thenRejects('partner-already-registered');
    });

    it('a partner without an id is refused', () => {
      spec().given().when(register({ partnerId: ' ' })).thenRejects('partner-id-required');
    });

    it('a partner without a name is refused', () => {
      spec().given().when(register({ name: '   ' })).thenRejects('partner-name-required');
    });

    it('a partner in a sector outside the list is refused', () => {
      spec().given().when(register({ sector: 'military' })).thenRejects('sector-unknown');
    });

    it('every listed sector is accepted', () => {
      for (const sector of ['government', 'business', 'academia', 'community', 'media', 'professional', 'womens']) {
        spec().given().when(register({ sector })).then(registered({ sector: sector as never }));
      }
    });

    it('a malformed region code is refused', () => {
      spec().given().when(register({ regionCode: '52.7' })).thenRejects('region-code-invalid');
    });

    it('a contact that is not sealed with a key id and a ciphertext is refused', () => {
      spec()
        .given()
        .when(register({ contact: { keyId: '', ciphertext: 'x' } }))
        .thenRejects('contact-invalid');
      spec()
        .given()
        .when(register({ contact: { email: 'plain@example.org' } }))
        .thenRejects('contact-invalid');
    });
  });

  describe('UpdatePartnerDetails', () => {
    it('records only the fields that really change', () => {
      spec()
        .given(registered())
        .when(update({ name: 'Universitas Mataram (UNRAM)', sector: 'academia', regionCode: '52.71' }))
        .then({ type: 'PartnerDetailsUpdated', data: { partnerId: PARTNER_ID, changes: { name: 'Universitas Mataram (UNRAM)' } } });
    });

    it('a region may be cleared, and a new sealed contact given', () => {
      const newContact = { keyId: 'key-p-unram-2', ciphertext: 'bmV3' };
      spec()
        .given(registered())
        .when(update({ regionCode: null, contact: newContact, sector: 'professional' }))
        .then({
          type: 'PartnerDetailsUpdated',
          data: { partnerId: PARTNER_ID, changes: { regionCode: null, contact: newContact, sector: 'professional' } },
        });
    });

    it('an update that changes nothing is refused', () => {
      spec()
        .given(registered())
        .when(update({ name: 'Universitas Mataram', contact: { ...contact } }))
        .thenRejects('no-changes');
      spec().given(registered()).when(update({})).thenRejects('no-changes');
    });

    it('an unregistered partner cannot be updated', () => {
      spec().given().when(update({ name: 'X' })).thenRejects('partner-not-found');
    });

    it('an update addressed to another partner id is refused as not found', () => {
      spec().given(registered()).when(update({ name: 'X' }, 'p-other')).thenRejects('partner-not-found');
    });

    it('a deactivated partner cannot be updated', () => {
      spec().given(registered(), deactivated).when(update({ name: 'X' })).thenRejects('partner-deactivated');
    });

    it('an update cannot blank the name', () => {
      spec().given(registered()).when(update({ name: '' })).thenRejects('partner-name-required');
    });

    it('an update cannot set an unknown sector', () => {
      spec().given(registered()).when(update({ sector: 'church' })).thenRejects('sector-unknown');
    });

    it('an update cannot set a malformed region code', () => {
      spec().given(registered()).when(update({ regionCode: 'NTB' })).thenRejects('region-code-invalid');
    });

    it('an update cannot set an unsealed contact', () => {
      spec()
        .given(registered())
        .when(update({ contact: { keyId: 'k' } }))
        .thenRejects('contact-invalid');
    });
  });

  describe('DeactivatePartner', () => {
    it('an active partner is deactivated with a reason', () => {
      spec()
        .given(registered())
        .when(deactivate('Organisation dissolved'))
        .then(deactivated);
    });

    it('an unregistered partner cannot be deactivated', () => {
      spec()
        .given()
        .when(deactivate('x'))
        .thenRejects('partner-not-found');
    });

    it('a partner cannot be deactivated twice', () => {
      spec()
        .given(registered(), deactivated)
        .when(deactivate('again'))
        .thenRejects('partner-already-deactivated');
    });

    it('a deactivation without a reason is refused', () => {
      spec()
        .given(registered())
        .when(deactivate(' '))
        .thenRejects('reason-required');
    });
  });

  describe('EraseContact', () => {
    const erase = (reason = 'Erasure request (UU 27/2022)', actor: Actor = secretariat): PartnerCommand => ({
      type: 'EraseContact',
      data: { partnerId: PARTNER_ID, reason, actor },
    });

    it('a partner contact is erased with a reason', () => {
      spec().given(registered()).when(erase()).then(contactErased);
    });

    it('a deactivated partner contact can still be erased', () => {
      spec().given(registered(), deactivated).when(erase()).then(contactErased);
    });

    it('an unregistered partner has no contact to erase', () => {
      spec().given().when(erase()).thenRejects('partner-not-found');
    });

    it('a partner without a contact has nothing to erase', () => {
      spec().given(registered({ contact: null })).when(erase()).thenRejects('partner-has-no-contact');
    });

    it('a contact cannot be erased twice', () => {
      spec().given(registered(), contactErased).when(erase()).thenRejects('partner-has-no-contact');
    });

    it('an erasure without a reason is refused', () => {
      spec().given(registered()).when(erase('')).thenRejects('reason-required');
    });
  });

  describe('who may write', () => {
    const erase = (actor: Actor): PartnerCommand => ({ type: 'EraseContact', data: { partnerId: PARTNER_ID, reason: 'Erasure request', actor } });

    it('an auditor writes nothing: every partner command is refused with auditor-read-only', () => {
      spec().given().when(register({ actor: auditor })).thenRejects('auditor-read-only');
      spec().given(registered()).when(update({ name: 'X' }, PARTNER_ID, auditor)).thenRejects('auditor-read-only');
      spec().given(registered()).when(deactivate('x', auditor)).thenRejects('auditor-read-only');
      spec().given(registered()).when(erase(auditor)).thenRejects('auditor-read-only');
    });

    it('a partner user cannot register, deactivate or erase contacts: partner-write-requires-secretariat', () => {
      spec().given().when(register({ actor: ownPartner })).thenRejects('partner-write-requires-secretariat');
      spec().given(registered()).when(deactivate('x', ownPartner)).thenRejects('partner-write-requires-secretariat');
      spec().given(registered()).when(erase(ownPartner)).thenRejects('partner-write-requires-secretariat');
    });

    it("a partner user may update its own partner's details", () => {
      spec()
        .given(registered())
        .when(update({ name: 'Universitas Mataram (UNRAM)' }, PARTNER_ID, ownPartner))
        .then({ type: 'PartnerDetailsUpdated', data: { partnerId: PARTNER_ID, changes: { name: 'Universitas Mataram (UNRAM)' } } });
    });

    it("a partner user may not update another partner's details", () => {
      spec().given(registered()).when(update({ name: 'X' }, PARTNER_ID, otherPartner)).thenRejects('partner-write-requires-secretariat');
    });

    it('admin and system actors may do what the secretariat does', () => {
      spec().given().when(register({ actor: { userId: 'ops', role: 'admin' } })).then(registered());
      spec().given(registered()).when(deactivate('Organisation dissolved', { userId: 'migration', role: 'system' })).then(deactivated);
    });

    it('the actor must be well formed', () => {
      spec().given().when(register({ actor: undefined })).thenRejects('actor-invalid');
      spec().given().when(register({ actor: { userId: 'u', role: 'partner' } })).thenRejects('actor-invalid');
      spec().given().when(register({ actor: { userId: ' ', role: 'secretariat' } })).thenRejects('actor-invalid');
      spec().given().when(register({ actor: { userId: 'u', role: 'mayor' } })).thenRejects('actor-invalid');
    });

    it('events do not carry the actor: the envelope records who asked', () => {
      spec()
        .given()
        .when(register())
        .thenEvents(([event]) => expect(event.data).not.toHaveProperty('actor'));
    });
  });

  describe('evolve', () => {
    it('starts unregistered', () => {
      spec()
        .given()
        .thenState((state) =>
          expect(state).toEqual({
            status: 'unregistered',
            partnerId: null,
            name: null,
            sector: null,
            regionCode: null,
            contact: null,
            contactErased: false,
            deactivationReason: null,
          }),
        );
    });

    it('a registered partner is active with its details', () => {
      spec()
        .given(registered())
        .thenState((state) =>
          expect(state).toEqual({
            status: 'active',
            partnerId: PARTNER_ID,
            name: 'Universitas Mataram',
            sector: 'academia',
            regionCode: '52.71',
            contact,
            contactErased: false,
            deactivationReason: null,
          }),
        );
    });

    it('an update changes only the fields it names', () => {
      spec()
        .given(registered(), { type: 'PartnerDetailsUpdated', data: { partnerId: PARTNER_ID, changes: { regionCode: null } } })
        .thenState((state) => {
          expect(state.regionCode).toBeNull();
          expect(state.name).toBe('Universitas Mataram');
          expect(state.contact).toEqual(contact);
        });
    });

    it('a deactivated partner keeps its details and the reason', () => {
      spec()
        .given(registered(), deactivated)
        .thenState((state) => {
          expect(state.status).toBe('deactivated');
          expect(state.deactivationReason).toBe('Organisation dissolved');
          expect(state.name).toBe('Universitas Mataram');
        });
    });

    it('an erased contact is gone and marked erased; a new contact later clears the mark', () => {
      spec()
        .given(registered(), contactErased)
        .thenState((state) => {
          expect(state.contact).toBeNull();
          expect(state.contactErased).toBe(true);
        });
      const fresh = { keyId: 'key-2', ciphertext: 'Zm9v' };
      spec()
        .given(registered(), contactErased, { type: 'PartnerDetailsUpdated', data: { partnerId: PARTNER_ID, changes: { contact: fresh } } })
        .thenState((state) => {
          expect(state.contact).toEqual(fresh);
          expect(state.contactErased).toBe(false);
        });
    });

    it('an unknown event leaves the state unchanged', () => {
      const before = partnerDecider.evolve(partnerDecider.initialState(), registered());
      const after = partnerDecider.evolve(before, { type: 'PartnerRenamedInTheFuture', data: {} } as unknown as PartnerEvent);
      expect(after).toBe(before);
    });

    it('evolve does not mutate the state it is given', () => {
      const initial = partnerDecider.initialState();
      const snapshot = JSON.parse(JSON.stringify(initial));
      partnerDecider.evolve(initial, registered());
      expect(initial).toEqual(snapshot);
    });
  });
});
