import { CalendarDate, Programme } from '../shared';

export type ForumEstablished = {
  type: 'ForumEstablished';
  data: {
    forumId: string;
    name: string;
    regionCode: string;
    programmes: Programme[];
    secretariatPartnerId: string;
  };
};

export type MeetingRecorded = {
  type: 'MeetingRecorded';
  data: {
    forumId: string;
    meetingId: string;
    title: string;
    heldOn: CalendarDate;
    location: string;
    attendeePartnerIds: string[];
  };
};

export type ForumEvent = ForumEstablished | MeetingRecorded;
