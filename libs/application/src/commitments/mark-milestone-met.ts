import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { COMMITMENT_EVENT_SCHEMA_VERSIONS, commitmentDecider, CommitmentCommand, commitmentStreamId } from '@ikrar/domain';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner } from '../shared';
import { occurredOn } from './business-time';

export interface MarkMilestoneMetPayload {
  /** Default: today (WIB); never after today. */
  readonly metOn?: string | null;
  readonly note?: string | null;
}

export class MarkMilestoneMetCommand extends Command<CommandOutcome> {
  constructor(
    readonly commitmentId: string,
    readonly milestoneId: string,
    readonly payload: MarkMilestoneMetPayload,
    readonly ctx: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(MarkMilestoneMetCommand)
export class MarkMilestoneMetHandler implements ICommandHandler<MarkMilestoneMetCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ commitmentId, milestoneId, payload, ctx }: MarkMilestoneMetCommand): Promise<CommandOutcome> {
    const today = calendarDay(ctx.receivedAt);
    const metOn = payload?.metOn ?? today;
    return this.runner.run(
      {
        decider: commitmentDecider,
        schemaVersions: COMMITMENT_EVENT_SCHEMA_VERSIONS,
        entity: 'commitment',
        id: commitmentId,
        streamId: commitmentStreamId(commitmentId),
        target: 'existing',
        occurredAt: occurredOn(metOn, ctx),
        command: (): CommitmentCommand => ({
          type: 'MarkMilestoneMet',
          data: { commitmentId, milestoneId, metOn, note: payload?.note ?? null, today, actor: ctx.actor },
        }),
      },
      ctx,
    );
  }
}
