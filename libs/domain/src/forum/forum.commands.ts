import { ActorRef, CalendarDate, PartnerStatuses, Programme } from '../shared';

export type EstablishForum = {
  type: 'EstablishForum';
  data: {
    forumId: string;
    name: string;
    regionCode: string;
    programmes: Programme[];
    secretariatPartnerId: string;
    /** The handler's view of the secretariat partner. */
    partnerStatuses: PartnerStatuses;
    actor: ActorRef;
  };
};

export type RecordMeeting = {
  type: 'RecordMeeting';
  data: {
    forumId: string;
    meetingId: string;
    title: string;
    heldOn: CalendarDate;
    location: string;
    attendeePartnerIds: string[];
    /** The handler's view of every attendee. */
    partnerStatuses: PartnerStatuses;
    actor: ActorRef;
  };
};

export type ForumCommand = EstablishForum | RecordMeeting;
