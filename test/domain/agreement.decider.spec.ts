import {
  AGREEMENT_EVENT_SCHEMA_VERSIONS,
  AGREEMENT_STREAM_CATEGORY,
  AgreementCommand,
  AgreementEvent,
  AgreementRecorded,
  agreementDecider,
  agreementStreamId,
} from '@ikrar/domain';
import { DeciderSpecification } from '../support/decider-spec';

const spec = () => DeciderSpecification(agreementDecider);

const AGREEMENT_ID = 'a-ntb-2025';
const forum = { established: true, meetingIds: ['m-1', 'm-2'] };
const statuses = { 'p-dinkes': 'active', 'p-pkk': 'active', 'p-idi': 'active', 'p-old': 'deactivated' } as const;
const secretariat = { userId: 'u-sek', role: 'secretariat' as const };
const partner = { userId: 'u-dinkes', role: 'partner' as const, partnerId: 'p-dinkes' };
const auditor = { userId: 'u-aud', role: 'auditor' as const };

const recorded = (overrides: Partial<AgreementRecorded['data']> = {}): AgreementEvent => ({
  type: 'AgreementRecorded',
  data: {
    agreementId: AGREEMENT_ID,
    forumId: 'f-ntb',
    meetingId: 'm-1',
    title: 'Kesepakatan lintas sektor percepatan penurunan stunting',
    text: 'Para pihak sepakat ...',
    partyPartnerIds: ['p-dinkes', 'p-pkk'],
    effectiveFrom: '2025-12-01',
    effectiveUntil: '2026-12-31',
    ...overrides,
  },
});

const recordAgreement = (overrides: Record<string, unknown> = {}): AgreementCommand =>
  ({
    type: 'RecordAgreement',
    data: {
      agreementId: AGREEMENT_ID,
      forumId: 'f-ntb',
      meetingId: 'm-1',
      title: 'Kesepakatan lintas sektor percepatan penurunan stunting',
      text: 'Para pihak sepakat ...',
      partyPartnerIds: ['p-dinkes', 'p-pkk'],
      effectiveFrom: '2025-12-01',
      effectiveUntil: '2026-12-31',
      forum,
      partnerStatuses: statuses,
      actor: secretariat,
      ...overrides,
    },
  }) as AgreementCommand;

const correct = (changes: Record<string, unknown>, overrides: Record<string, unknown> = {}): AgreementCommand =>
  ({
    type: 'CorrectAgreement',
    data: { agreementId: AGREEMENT_ID, reason: 'Typo in the minutes', changes, forum, partnerStatuses: statuses, actor: secretariat, ...overrides },
  }) as AgreementCommand;

const amend = (changes: Record<string, unknown>, overrides: Record<string, unknown> = {}): AgreementCommand =>
  ({
    type: 'AmendAgreement',
    data: {
      agreementId: AGREEMENT_ID,
      rationale: 'Extended after the mid-year review',
      changes,
      amendedOn: '2026-06-30',
      partnerStatuses: statuses,
      actor: secretariat,
      ...overrides,
    },
  }) as AgreementCommand;

const terminate = (overrides: Record<string, unknown> = {}): AgreementCommand =>
  ({
    type: 'TerminateAgreement',
    data: { agreementId: AGREEMENT_ID, reason: 'Superseded by the 2027 agreement', terminatedOn: '2026-09-30', actor: secretariat, ...overrides },
  }) as AgreementCommand;

const terminated: AgreementEvent = {
  type: 'AgreementTerminated',
  data: { agreementId: AGREEMENT_ID, reason: 'Superseded by the 2027 agreement', terminatedOn: '2026-09-30' },
};

const amended: AgreementEvent = {
  type: 'AgreementAmended',
  data: {
    agreementId: AGREEMENT_ID,
    amendmentNumber: 1,
    rationale: 'Extended after the mid-year review',
    changes: { effectiveUntil: '2027-06-30' },
    previous: { effectiveUntil: '2026-12-31' },
    amendedOn: '2026-06-30',
  },
};

describe('Agreement decider', () => {
  describe('streams and schema', () => {
    it('names its streams agreement-<id>', () => {
      expect(AGREEMENT_STREAM_CATEGORY).toBe('agreement');
      expect(agreementStreamId('a-1')).toBe('agreement-a-1');
    });

    it('gives every event type a schema version', () => {
      expect(AGREEMENT_EVENT_SCHEMA_VERSIONS).toEqual({
        AgreementRecorded: 1,
        AgreementCorrected: 1,
        AgreementAmended: 1,
        AgreementTerminated: 1,
      });
    });
  });

  describe('RecordAgreement', () => {
    it('an agreement of an established forum, with a text, active parties and a valid term is recorded', () => {
      spec().given().when(recordAgreement()).then(recorded());
    });

    it('an agreement may come from no particular meeting and run without an end date', () => {
      spec()
        .given()
        .when(recordAgreement({ meetingId: null, effectiveUntil: null }))
        .then(recorded({ meetingId: null, effectiveUntil: null }));
    });

    it('an agreement may end on the day it starts', () => {
      spec()
        .given()
        .when(recordAgreement({ effectiveUntil: '2025-12-01' }))
        .then(recorded({ effectiveUntil: '2025-12-01' }));
    });

    it('an agreement cannot be recorded twice', () => {
      spec().given(recorded()).when(recordAgreement()).thenRejects('agreement-already-recorded');
    });

    it('an agreement without an id is refused', () => {
      spec().given().when(recordAgreement({ agreementId: '' })).thenRejects('agreement-id-required');
    });

    it('an agreement of a forum not established is refused', () => {
      spec()
        .given()
        .when(recordAgreement({ forum: { established: false, meetingIds: [] } }))
        .thenRejects('forum-not-found');
    });

    it('an agreement from a meeting of another forum is refused', () => {
      spec().given().when(recordAgreement({ meetingId: 'm-elsewhere' })).thenRejects('meeting-not-in-forum');
    });

    it('an agreement without a title is refused', () => {
      spec().given().when(recordAgreement({ title: ' ' })).thenRejects('agreement-title-required');
    });

    it('an agreement without a text is refused', () => {
      spec().given().when(recordAgreement({ text: '' })).thenRejects('agreement-text-required');
    });

    it('an agreement without parties is refused', () => {
      spec().given().when(recordAgreement({ partyPartnerIds: [] })).thenRejects('parties-invalid');
    });

    it('an agreement listing a party twice is refused', () => {
      spec()
        .given()
        .when(recordAgreement({ partyPartnerIds: ['p-pkk', 'p-pkk'] }))
        .thenRejects('parties-invalid');
    });

    it('an agreement with an unregistered party is refused', () => {
      spec()
        .given()
        .when(recordAgreement({ partyPartnerIds: ['p-pkk', 'p-ghost'] }))
        .thenRejects('partner-not-registered');
    });

    it('an agreement with a deactivated party is refused', () => {
      spec()
        .given()
        .when(recordAgreement({ partyPartnerIds: ['p-pkk', 'p-old'] }))
        .thenRejects('partner-deactivated');
    });

    it('an agreement that ends before it starts is refused', () => {
      spec().given().when(recordAgreement({ effectiveUntil: '2025-11-30' })).thenRejects('agreement-term-invalid');
    });

    it('an agreement whose start is not a real calendar date is refused', () => {
      spec().given().when(recordAgreement({ effectiveFrom: '2025-13-01' })).thenRejects('agreement-term-invalid');
    });
  });

  describe('CorrectAgreement (ralat)', () => {
    it('a correction records only what really changes, with the values it replaced', () => {
      spec()
        .given(recorded())
        .when(correct({ title: 'Kesepakatan lintas sektor penurunan stunting', text: 'Para pihak sepakat ...', meetingId: 'm-2' }))
        .then({
          type: 'AgreementCorrected',
          data: {
            agreementId: AGREEMENT_ID,
            reason: 'Typo in the minutes',
            changes: { title: 'Kesepakatan lintas sektor penurunan stunting', meetingId: 'm-2' },
            previous: { title: 'Kesepakatan lintas sektor percepatan penurunan stunting', meetingId: 'm-1' },
          },
        });
    });

    it('a correction may move the start date and the parties', () => {
      spec()
        .given(recorded())
        .when(correct({ effectiveFrom: '2025-11-25', partyPartnerIds: ['p-dinkes', 'p-pkk', 'p-idi'] }))
        .then({
          type: 'AgreementCorrected',
          data: {
            agreementId: AGREEMENT_ID,
            reason: 'Typo in the minutes',
            changes: { effectiveFrom: '2025-11-25', partyPartnerIds: ['p-dinkes', 'p-pkk', 'p-idi'] },
            previous: { effectiveFrom: '2025-12-01', partyPartnerIds: ['p-dinkes', 'p-pkk'] },
          },
        });
    });

    it('a correction of an agreement never recorded is refused', () => {
      spec().given().when(correct({ title: 'X' })).thenRejects('agreement-not-found');
    });

    it('a correction without a reason is refused', () => {
      spec().given(recorded()).when(correct({ title: 'X' }, { reason: ' ' })).thenRejects('reason-required');
    });

    it('a correction that changes nothing is refused', () => {
      spec()
        .given(recorded())
        .when(correct({ title: 'Kesepakatan lintas sektor percepatan penurunan stunting', effectiveUntil: '2026-12-31' }))
        .thenRejects('no-changes');
    });

    it('listing the same parties in another order is not a change', () => {
      spec().given(recorded()).when(correct({ partyPartnerIds: ['p-pkk', 'p-dinkes'] })).thenRejects('no-changes');
    });

    it('a correction cannot point the agreement at a meeting of another forum', () => {
      spec().given(recorded()).when(correct({ meetingId: 'm-elsewhere' })).thenRejects('meeting-not-in-forum');
    });

    it('a correction cannot blank the title or the text', () => {
      spec().given(recorded()).when(correct({ title: '' })).thenRejects('agreement-title-required');
      spec().given(recorded()).when(correct({ text: ' ' })).thenRejects('agreement-text-required');
    });

    it('a correction cannot leave the agreement without parties or list one twice', () => {
      spec().given(recorded()).when(correct({ partyPartnerIds: [] })).thenRejects('parties-invalid');
      spec().given(recorded()).when(correct({ partyPartnerIds: ['p-pkk', 'p-pkk'] })).thenRejects('parties-invalid');
    });

    it('a correction cannot add an unregistered or a deactivated party', () => {
      spec()
        .given(recorded())
        .when(correct({ partyPartnerIds: ['p-dinkes', 'p-ghost'] }))
        .thenRejects('partner-not-registered');
      spec()
        .given(recorded())
        .when(correct({ partyPartnerIds: ['p-dinkes', 'p-old'] }))
        .thenRejects('partner-deactivated');
    });

    it('a party deactivated since it joined may stay on the corrected list', () => {
      spec()
        .given(recorded({ partyPartnerIds: ['p-dinkes', 'p-old'] }))
        .when(correct({ partyPartnerIds: ['p-dinkes', 'p-old', 'p-idi'] }))
        .thenEvents((events) => expect(events[0].type).toBe('AgreementCorrected'));
    });

    it('a correction cannot make the agreement end before it starts', () => {
      spec().given(recorded()).when(correct({ effectiveFrom: '2027-01-01' })).thenRejects('agreement-term-invalid');
      spec().given(recorded()).when(correct({ effectiveUntil: '2025-01-01' })).thenRejects('agreement-term-invalid');
    });

    it('a correction cannot set a term date that is not a real calendar date', () => {
      spec().given(recorded()).when(correct({ effectiveFrom: '2025-12-32' })).thenRejects('agreement-term-invalid');
      spec().given(recorded()).when(correct({ effectiveUntil: '31-12-2026' })).thenRejects('agreement-term-invalid');
      spec().given(recorded()).when(correct({ effectiveFrom: null })).thenRejects('agreement-term-invalid');
    });

    it('a terminated agreement may still be corrected', () => {
      spec()
        .given(recorded(), terminated)
        .when(correct({ text: 'Para pihak sepakat (teks lengkap) ...' }))
        .thenEvents((events) => expect(events.map((event) => event.type)).toEqual(['AgreementCorrected']));
    });

    it('a correction cannot move the start of a terminated agreement past its termination', () => {
      spec()
        .given(recorded({ effectiveUntil: null }), terminated)
        .when(correct({ effectiveFrom: '2026-10-01' }))
        .thenRejects('termination-before-start');
    });
  });

  describe('AmendAgreement (adendum)', () => {
    it('an amendment in force records its number, rationale, changes and the values they replaced', () => {
      spec().given(recorded()).when(amend({ effectiveUntil: '2027-06-30', title: 'Kesepakatan lintas sektor percepatan penurunan stunting' })).then(amended);
    });

    it('amendments are numbered from 1 upwards', () => {
      spec()
        .given(recorded(), amended)
        .when(amend({ partyPartnerIds: ['p-dinkes', 'p-pkk', 'p-idi'] }, { amendedOn: '2026-08-01' }))
        .then({
          type: 'AgreementAmended',
          data: {
            agreementId: AGREEMENT_ID,
            amendmentNumber: 2,
            rationale: 'Extended after the mid-year review',
            changes: { partyPartnerIds: ['p-dinkes', 'p-pkk', 'p-idi'] },
            previous: { partyPartnerIds: ['p-dinkes', 'p-pkk'] },
            amendedOn: '2026-08-01',
          },
        });
    });

    it('an amendment may make the agreement open-ended', () => {
      spec()
        .given(recorded())
        .when(amend({ effectiveUntil: null }))
        .thenEvents((events) =>
          expect(events[0].data).toMatchObject({ changes: { effectiveUntil: null }, previous: { effectiveUntil: '2026-12-31' } }),
        );
    });

    it('an amendment of an agreement never recorded is refused', () => {
      spec().given().when(amend({ title: 'X' })).thenRejects('agreement-not-found');
    });

    it('a terminated agreement cannot be amended', () => {
      spec().given(recorded(), terminated).when(amend({ title: 'X' })).thenRejects('agreement-terminated');
    });

    it('an amendment without a rationale is refused', () => {
      spec().given(recorded()).when(amend({ title: 'X' }, { rationale: '' })).thenRejects('rationale-required');
    });

    it('an amendment without a real date is refused', () => {
      spec().given(recorded()).when(amend({ title: 'X' }, { amendedOn: '2026-02-29' })).thenRejects('amendment-date-invalid');
    });

    it('an amendment that changes nothing is refused', () => {
      spec().given(recorded()).when(amend({ effectiveUntil: '2026-12-31' })).thenRejects('no-changes');
    });

    it('an amendment cannot move the start date', () => {
      spec().given(recorded()).when(amend({ effectiveFrom: '2025-01-01' })).thenRejects('no-changes');
    });

    it('an amendment cannot make the agreement end before it starts', () => {
      spec().given(recorded()).when(amend({ effectiveUntil: '2025-11-30' })).thenRejects('agreement-term-invalid');
    });

    it('an amendment cannot set an end date that is not a real calendar date', () => {
      spec().given(recorded()).when(amend({ effectiveUntil: '2027-02-29' })).thenRejects('agreement-term-invalid');
    });

    it('an amendment cannot blank the title or the text', () => {
      spec().given(recorded()).when(amend({ title: ' ' })).thenRejects('agreement-title-required');
      spec().given(recorded()).when(amend({ text: '' })).thenRejects('agreement-text-required');
    });

    it('an amendment cannot leave no parties, or add an unregistered or deactivated one', () => {
      spec().given(recorded()).when(amend({ partyPartnerIds: [] })).thenRejects('parties-invalid');
      spec().given(recorded()).when(amend({ partyPartnerIds: ['p-dinkes', 'p-ghost'] })).thenRejects('partner-not-registered');
      spec().given(recorded()).when(amend({ partyPartnerIds: ['p-dinkes', 'p-old'] })).thenRejects('partner-deactivated');
    });
  });

  describe('TerminateAgreement', () => {
    it('an agreement in force is terminated with a reason and a date', () => {
      spec().given(recorded()).when(terminate()).then(terminated);
    });

    it('an agreement may be terminated on the day it starts', () => {
      spec()
        .given(recorded())
        .when(terminate({ terminatedOn: '2025-12-01' }))
        .then({ ...terminated, data: { ...terminated.data, terminatedOn: '2025-12-01' } } as AgreementEvent);
    });

    it('an agreement never recorded cannot be terminated', () => {
      spec().given().when(terminate()).thenRejects('agreement-not-found');
    });

    it('an agreement cannot be terminated twice', () => {
      spec().given(recorded(), terminated).when(terminate()).thenRejects('agreement-terminated');
    });

    it('a termination without a reason is refused', () => {
      spec().given(recorded()).when(terminate({ reason: '' })).thenRejects('reason-required');
    });

    it('a termination without a real date is refused', () => {
      spec().given(recorded()).when(terminate({ terminatedOn: 'tomorrow' })).thenRejects('termination-date-invalid');
    });

    it('an agreement cannot be terminated before it starts', () => {
      spec().given(recorded()).when(terminate({ terminatedOn: '2025-11-30' })).thenRejects('termination-before-start');
    });
  });

  describe('who may write', () => {
    it('an auditor writes nothing: auditor-read-only on every agreement command', () => {
      spec().given().when(recordAgreement({ actor: auditor })).thenRejects('auditor-read-only');
      spec().given(recorded()).when(correct({ title: 'Fixed' }, { actor: auditor })).thenRejects('auditor-read-only');
      spec().given(recorded()).when(amend({ effectiveUntil: '2027-06-30' }, { actor: auditor })).thenRejects('auditor-read-only');
      spec().given(recorded()).when(terminate({ actor: auditor })).thenRejects('auditor-read-only');
    });

    it('a partner user, even a party, cannot record, correct, amend or terminate an agreement', () => {
      spec().given().when(recordAgreement({ actor: partner })).thenRejects('agreement-write-requires-secretariat');
      spec().given(recorded()).when(correct({ title: 'Fixed' }, { actor: partner })).thenRejects('agreement-write-requires-secretariat');
      spec().given(recorded()).when(amend({ effectiveUntil: '2027-06-30' }, { actor: partner })).thenRejects('agreement-write-requires-secretariat');
      spec().given(recorded()).when(terminate({ actor: partner })).thenRejects('agreement-write-requires-secretariat');
    });

    it('the actor must be well formed', () => {
      spec().given(recorded()).when(terminate({ actor: { role: 'secretariat' } })).thenRejects('actor-invalid');
    });
  });

  describe('evolve', () => {
    it('starts unrecorded', () => {
      spec()
        .given()
        .thenState((state) =>
          expect(state).toEqual({
            status: 'unrecorded',
            agreementId: null,
            forumId: null,
            meetingId: null,
            title: null,
            text: null,
            partyPartnerIds: [],
            effectiveFrom: null,
            effectiveUntil: null,
            corrections: [],
            amendments: [],
            terminatedOn: null,
            terminationReason: null,
          }),
        );
    });

    it('a recorded agreement is in force with its details', () => {
      spec()
        .given(recorded())
        .thenState((state) =>
          expect(state).toEqual({
            status: 'in-force',
            agreementId: AGREEMENT_ID,
            forumId: 'f-ntb',
            meetingId: 'm-1',
            title: 'Kesepakatan lintas sektor percepatan penurunan stunting',
            text: 'Para pihak sepakat ...',
            partyPartnerIds: ['p-dinkes', 'p-pkk'],
            effectiveFrom: '2025-12-01',
            effectiveUntil: '2026-12-31',
            corrections: [],
            amendments: [],
            terminatedOn: null,
            terminationReason: null,
          }),
        );
    });

    it('corrections and amendments change the latest view and are kept in order', () => {
      spec()
        .given(
          recorded(),
          {
            type: 'AgreementCorrected',
            data: { agreementId: AGREEMENT_ID, reason: 'Typo', changes: { meetingId: null }, previous: { meetingId: 'm-1' } },
          },
          amended,
        )
        .thenState((state) => {
          expect(state.meetingId).toBeNull();
          expect(state.effectiveUntil).toBe('2027-06-30');
          expect(state.title).toBe('Kesepakatan lintas sektor percepatan penurunan stunting');
          expect(state.corrections).toEqual([{ reason: 'Typo', changes: { meetingId: null }, previous: { meetingId: 'm-1' } }]);
          expect(state.amendments).toEqual([
            {
              amendmentNumber: 1,
              rationale: 'Extended after the mid-year review',
              changes: { effectiveUntil: '2027-06-30' },
              previous: { effectiveUntil: '2026-12-31' },
              amendedOn: '2026-06-30',
            },
          ]);
        });
    });

    it('a terminated agreement keeps its details, the date and the reason', () => {
      spec()
        .given(recorded(), terminated)
        .thenState((state) => {
          expect(state.status).toBe('terminated');
          expect(state.terminatedOn).toBe('2026-09-30');
          expect(state.terminationReason).toBe('Superseded by the 2027 agreement');
          expect(state.title).toBe('Kesepakatan lintas sektor percepatan penurunan stunting');
        });
    });

    it('an unknown event leaves the state unchanged', () => {
      const before = agreementDecider.evolve(agreementDecider.initialState(), recorded());
      const after = agreementDecider.evolve(before, { type: 'AgreementSigned', data: {} } as unknown as AgreementEvent);
      expect(after).toBe(before);
    });
  });
});
