import { CalendarDate, Programme } from '../shared';

export type ForumStatus = 'unestablished' | 'established';

export interface Meeting {
  meetingId: string;
  title: string;
  heldOn: CalendarDate;
  location: string;
  attendeePartnerIds: string[];
}

export interface ForumState {
  status: ForumStatus;
  forumId: string | null;
  name: string | null;
  regionCode: string | null;
  programmes: Programme[];
  secretariatPartnerId: string | null;
  /** In the order they were recorded. */
  meetings: Meeting[];
}

export function initialForumState(): ForumState {
  return {
    status: 'unestablished',
    forumId: null,
    name: null,
    regionCode: null,
    programmes: [],
    secretariatPartnerId: null,
    meetings: [],
  };
}
