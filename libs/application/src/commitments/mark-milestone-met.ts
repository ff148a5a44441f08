import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand } from '@ikrar/domain';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner, commitmentAggregate } from '../shared';
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
        ...commitmentAggregate(commitmentId),
        target: 'existing',
        act: 'mark-milestone-met',
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
