import {
  ForumCommand,
  ForumEstablished,
  ForumEvent,
  FORUM_EVENT_SCHEMA_VERSIONS,
  FORUM_STREAM_CATEGORY,
  MeetingRecorded,
  forumDecider,
  forumStreamId,
} from '@ikrar/domain';
import { DeciderSpecification } from '../support/decider-spec';

const spec = () => DeciderSpecification(forumDecider);

const FORUM_ID = 'f-ntb';
const statuses = { 'p-dinkes': 'active', 'p-pkk': 'active', 'p-idi': 'active', 'p-old': 'deactivated' } as const;
const secretariat = { userId: 'u-sek', role: 'secretariat' as const };
const partner = { userId: 'u-dinkes', role: 'partner' as const, partnerId: 'p-dinkes' };
const auditor = { userId: 'u-aud', role: 'auditor' as const };

const established = (overrides: Partial<ForumEstablished['data']> = {}): ForumEvent => ({
  type: 'ForumEstablished',
  data: {
    forumId: FORUM_ID,
    name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
    regionCode: '52',
    programmes: ['stunting', 'phbs'],
    secretariatPartnerId: 'p-dinkes',
    ...overrides,
  },
});

const establish = (overrides: Record<string, unknown> = {}): ForumCommand =>
  ({
    type: 'EstablishForum',
    data: {
      forumId: FORUM_ID,
      name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
      regionCode: '52',
      programmes: ['stunting', 'phbs'],
      secretariatPartnerId: 'p-dinkes',
      partnerStatuses: statuses,
      actor: secretariat,
      ...overrides,
    },
  }) as ForumCommand;

const meetingRecorded = (overrides: Partial<MeetingRecorded['data']> = {}): ForumEvent => ({
  type: 'MeetingRecorded',
  data: {
    forumId: FORUM_ID,
    meetingId: 'm-2025-11-25',
    title: 'Pertemuan kemitraan lintas sektor',
    heldOn: '2025-11-25',
    location: 'Mataram',
    attendeePartnerIds: ['p-dinkes', 'p-pkk'],
    ...overrides,
  },
});

const recordMeeting = (overrides: Record<string, unknown> = {}): ForumCommand =>
  ({
    type: 'RecordMeeting',
    data: {
      forumId: FORUM_ID,
      meetingId: 'm-2025-11-25',
      title: 'Pertemuan kemitraan lintas sektor',
      heldOn: '2025-11-25',
      location: 'Mataram',
      attendeePartnerIds: ['p-dinkes', 'p-pkk'],
      partnerStatuses: statuses,
      actor: secretariat,
      ...overrides,
    },
  }) as ForumCommand;

describe('Forum decider', () => {
  describe('streams and schema', () => {
    it('names its streams forum-<id>', () => {
      expect(FORUM_STREAM_CATEGORY).toBe('forum');
      expect(forumStreamId('f-1')).toBe('forum-f-1');
    });

    it('gives every event type a schema version', () => {
      expect(FORUM_EVENT_SCHEMA_VERSIONS).toEqual({ ForumEstablished: 1, MeetingRecorded: 1 });
    });
  });

  describe('EstablishForum', () => {
    it('a forum with a name, a region, programmes and an active secretariat partner is established', () => {
      spec().given().when(establish()).then(established());
    });

    it('a forum cannot be established twice', () => {
      spec().given(established()).when(establish()).thenRejects('forum-already-established');
    });

    it('a forum without an id is refused', () => {
      spec().given().when(establish({ forumId: '' })).thenRejects('forum-id-required');
    });

    it('a forum without a name is refused', () => {
      spec().given().when(establish({ name: '  ' })).thenRejects('forum-name-required');
    });

    it('a forum with a malformed region code is refused', () => {
      spec().given().when(establish({ regionCode: 'NTB' })).thenRejects('region-code-invalid');
    });

    it('a forum needs a region: null is refused', () => {
      spec().given().when(establish({ regionCode: null })).thenRejects('region-code-invalid');
    });

    it('a forum without programmes is refused', () => {
      spec().given().when(establish({ programmes: [] })).thenRejects('programmes-invalid');
    });

    it('a forum with an unknown programme is refused', () => {
      spec().given().when(establish({ programmes: ['stunting', 'malaria'] })).thenRejects('programmes-invalid');
    });

    it('a forum listing a programme twice is refused', () => {
      spec().given().when(establish({ programmes: ['kb', 'kb'] })).thenRejects('programmes-invalid');
    });

    it('a forum whose secretariat partner is not registered is refused', () => {
      spec().given().when(establish({ secretariatPartnerId: 'p-ghost' })).thenRejects('partner-not-registered');
    });

    it('a forum whose secretariat partner is deactivated is refused', () => {
      spec().given().when(establish({ secretariatPartnerId: 'p-old' })).thenRejects('partner-deactivated');
    });

    it('only own entries of partnerStatuses count as registered partners', () => {
      spec().given().when(establish({ secretariatPartnerId: 'constructor' })).thenRejects('partner-not-registered');
    });
  });

  describe('RecordMeeting', () => {
    it('a meeting with a title, a date, a location and registered attendees is recorded', () => {
      spec().given(established()).when(recordMeeting()).then(meetingRecorded());
    });

    it('a partner deactivated since may still be recorded as an attendee', () => {
      spec()
        .given(established())
        .when(recordMeeting({ attendeePartnerIds: ['p-dinkes', 'p-old'] }))
        .then(meetingRecorded({ attendeePartnerIds: ['p-dinkes', 'p-old'] }));
    });

    it('a meeting of a forum not established is refused', () => {
      spec().given().when(recordMeeting()).thenRejects('forum-not-found');
    });

    it('a meeting addressed to another forum id is refused as not found', () => {
      spec().given(established()).when(recordMeeting({ forumId: 'f-other' })).thenRejects('forum-not-found');
    });

    it('a meeting id cannot be recorded twice', () => {
      spec().given(established(), meetingRecorded()).when(recordMeeting()).thenRejects('meeting-already-recorded');
    });

    it('a meeting without an id is refused', () => {
      spec().given(established()).when(recordMeeting({ meetingId: '' })).thenRejects('meeting-id-required');
    });

    it('a meeting without a title is refused', () => {
      spec().given(established()).when(recordMeeting({ title: ' ' })).thenRejects('meeting-title-required');
    });

    it('a meeting without a location is refused', () => {
      spec().given(established()).when(recordMeeting({ location: '' })).thenRejects('meeting-location-required');
    });

    it('a meeting on a date that is not a real calendar date is refused', () => {
      spec().given(established()).when(recordMeeting({ heldOn: '2025-02-30' })).thenRejects('meeting-date-invalid');
      spec().given(established()).when(recordMeeting({ heldOn: '25/11/2025' })).thenRejects('meeting-date-invalid');
    });

    it('a meeting without attendees is refused', () => {
      spec().given(established()).when(recordMeeting({ attendeePartnerIds: [] })).thenRejects('attendees-invalid');
    });

    it('a meeting listing an attendee twice is refused', () => {
      spec()
        .given(established())
        .when(recordMeeting({ attendeePartnerIds: ['p-pkk', 'p-pkk'] }))
        .thenRejects('attendees-invalid');
    });

    it('a meeting with an unregistered attendee is refused', () => {
      spec()
        .given(established())
        .when(recordMeeting({ attendeePartnerIds: ['p-pkk', 'p-ghost'] }))
        .thenRejects('partner-not-registered');
    });
  });

  describe('who may write', () => {
    it('an auditor writes nothing: auditor-read-only', () => {
      spec().given().when(establish({ actor: auditor })).thenRejects('auditor-read-only');
      spec().given(established()).when(recordMeeting({ actor: auditor })).thenRejects('auditor-read-only');
    });

    it('a partner user cannot establish a forum or record a meeting, not even as its secretariat partner', () => {
      spec().given().when(establish({ actor: partner })).thenRejects('forum-write-requires-secretariat');
      spec().given(established()).when(recordMeeting({ actor: partner })).thenRejects('forum-write-requires-secretariat');
    });

    it('the actor must be well formed', () => {
      spec().given().when(establish({ actor: null })).thenRejects('actor-invalid');
    });

    it('events do not carry the actor', () => {
      spec().given().when(establish()).then(established());
      spec().given(established()).when(recordMeeting()).then(meetingRecorded());
    });
  });

  describe('evolve', () => {
    it('starts unestablished with no meetings', () => {
      spec()
        .given()
        .thenState((state) =>
          expect(state).toEqual({
            status: 'unestablished',
            forumId: null,
            name: null,
            regionCode: null,
            programmes: [],
            secretariatPartnerId: null,
            meetings: [],
          }),
        );
    });

    it('an established forum keeps its details and its meetings in order', () => {
      spec()
        .given(established(), meetingRecorded(), meetingRecorded({ meetingId: 'm-2', heldOn: '2025-12-01', attendeePartnerIds: ['p-idi'] }))
        .thenState((state) =>
          expect(state).toEqual({
            status: 'established',
            forumId: FORUM_ID,
            name: 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB',
            regionCode: '52',
            programmes: ['stunting', 'phbs'],
            secretariatPartnerId: 'p-dinkes',
            meetings: [
              {
                meetingId: 'm-2025-11-25',
                title: 'Pertemuan kemitraan lintas sektor',
                heldOn: '2025-11-25',
                location: 'Mataram',
                attendeePartnerIds: ['p-dinkes', 'p-pkk'],
              },
              {
                meetingId: 'm-2',
                title: 'Pertemuan kemitraan lintas sektor',
                heldOn: '2025-12-01',
                location: 'Mataram',
                attendeePartnerIds: ['p-idi'],
              },
            ],
          }),
        );
    });

    it('an unknown event leaves the state unchanged', () => {
      const before = forumDecider.evolve(forumDecider.initialState(), established());
      const after = forumDecider.evolve(before, { type: 'ForumRenamed', data: { name: 'x' } } as unknown as ForumEvent);
      expect(after).toBe(before);
    });
  });
});
