import { Principal } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Meeting, Programme, forumDecider, forumStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { EntityNotFoundError, EVENT_STORE, LoadOptions, readEntity, forumAggregate } from '../shared';

export interface MeetingSummary {
  readonly meetingId: string;
  readonly title: string;
  readonly heldOn: string;
  readonly location: string;
  readonly attendeePartnerIds: string[];
}

export interface ForumView {
  readonly id: string;
  readonly revision: number;
  readonly name: string;
  readonly regionCode: string;
  readonly programmes: Programme[];
  readonly secretariatPartnerId: string;
  readonly status: 'established';
  /** In the order they were recorded. */
  readonly meetings: MeetingSummary[];
}

/** One meeting of a forum; `revision` is the forum stream's (meetings live in it). */
export interface MeetingView extends MeetingSummary {
  readonly id: string;
  readonly forumId: string;
  readonly revision: number;
}

export class GetForumQuery extends Query<ForumView> {
  constructor(readonly forumId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

export class GetMeetingQuery extends Query<MeetingView> {
  constructor(readonly forumId: string, readonly meetingId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

function meetingSummary(meeting: Meeting): MeetingSummary {
  return {
    meetingId: meeting.meetingId,
    title: meeting.title,
    heldOn: meeting.heldOn,
    location: meeting.location,
    attendeePartnerIds: [...meeting.attendeePartnerIds],
  };
}

@QueryHandler(GetForumQuery)
export class GetForumHandler implements IQueryHandler<GetForumQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ forumId, viewer, options }: GetForumQuery): Promise<ForumView> {
    const { state, revision } = await readEntity(this.store, forumAggregate(forumId), viewer, options);
    return {
      id: forumId,
      revision,
      name: state.name ?? '',
      regionCode: state.regionCode ?? '',
      programmes: [...state.programmes],
      secretariatPartnerId: state.secretariatPartnerId ?? '',
      status: 'established',
      meetings: state.meetings.map(meetingSummary),
    };
  }
}

@QueryHandler(GetMeetingQuery)
export class GetMeetingHandler implements IQueryHandler<GetMeetingQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ forumId, meetingId, viewer, options }: GetMeetingQuery): Promise<MeetingView> {
    const { state, revision } = await readEntity(this.store, forumAggregate(forumId), viewer, options);
    const meeting = state.meetings.find((candidate) => candidate.meetingId === meetingId);
    if (!meeting) throw new EntityNotFoundError('meeting', meetingId);
    return { id: meetingId, forumId, revision, ...meetingSummary(meeting) };
  }
}
