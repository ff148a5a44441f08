import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordMeeting } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { childIds, CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadPartnerStatuses, forumAggregate } from '../shared';

export interface RecordMeetingPayload {
  readonly title: string;
  /** `YYYY-MM-DD`, the meeting's day in WIB. */
  readonly heldOn: string;
  readonly location: string;
  readonly attendeePartnerIds: readonly string[];
}

/** A recorded meeting: the forum stream's outcome plus the new meeting's id. */
export interface MeetingOutcome extends CommandOutcome {
  readonly forumId: string;
  readonly meetingId: string;
}

export class RecordMeetingCommand extends Command<MeetingOutcome> {
  constructor(readonly forumId: string, readonly payload: RecordMeetingPayload, readonly ctx: CommandContext) {
    super();
  }
}

/** The instant a meeting day starts in WIB (UTC+7): the business time of `MeetingRecorded`. */
export function startOfWibDay(day: string): Date {
  return new Date(`${day}T00:00:00+07:00`);
}

@CommandHandler(RecordMeetingCommand)
export class RecordMeetingHandler implements ICommandHandler<RecordMeetingCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ forumId, payload, ctx }: RecordMeetingCommand): Promise<MeetingOutcome> {
    const [meetingId] = childIds(ctx, forumId, 'meeting', 1);
    const partnerStatuses = await loadPartnerStatuses(this.store, payload.attendeePartnerIds);
    const heldOnStart = startOfWibDay(payload.heldOn);
    const outcome = await this.runner.run(
      {
        ...forumAggregate(forumId),
        target: 'existing',
        act: 'record-meeting',
        occurredAt: Number.isNaN(heldOnStart.getTime()) ? undefined : heldOnStart,
        command: (): RecordMeeting => ({
          type: 'RecordMeeting',
          data: {
            forumId,
            meetingId,
            title: payload.title,
            heldOn: payload.heldOn,
            location: payload.location,
            attendeePartnerIds: [...payload.attendeePartnerIds],
            partnerStatuses,
            actor: ctx.actor,
          },
        }),
      },
      ctx,
    );
    return { ...outcome, id: meetingId, forumId, meetingId, created: true };
  }
}
