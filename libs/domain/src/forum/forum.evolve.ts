import { ForumEvent } from './forum.events';
import { ForumState } from './forum.state';

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolveForum(state: ForumState, event: ForumEvent): ForumState {
  if (event == null || typeof event !== 'object' || event.data == null || typeof event.data !== 'object') return state;
  switch (event.type) {
    case 'ForumEstablished':
      return {
        ...state,
        status: 'established',
        forumId: event.data.forumId,
        name: event.data.name,
        regionCode: event.data.regionCode,
        programmes: Array.isArray(event.data.programmes) ? [...event.data.programmes] : [],
        secretariatPartnerId: event.data.secretariatPartnerId,
      };
    case 'MeetingRecorded':
      return {
        ...state,
        meetings: [
          ...state.meetings,
          {
            meetingId: event.data.meetingId,
            title: event.data.title,
            heldOn: event.data.heldOn,
            location: event.data.location,
            attendeePartnerIds: Array.isArray(event.data.attendeePartnerIds) ? [...event.data.attendeePartnerIds] : [],
          },
        ],
      };
    default:
      return state;
  }
}
