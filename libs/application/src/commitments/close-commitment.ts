import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClosureOutcome, CommitmentCommand } from '@ikrar/domain';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner, commitmentAggregate } from '../shared';

export interface CloseCommitmentPayload {
  readonly outcome: ClosureOutcome;
  readonly note: string;
}

/** An accepted commitment ends as fulfilled or partially fulfilled, today. */
export class CloseCommitmentCommand extends Command<CommandOutcome> {
  constructor(readonly commitmentId: string, readonly payload: CloseCommitmentPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(CloseCommitmentCommand)
export class CloseCommitmentHandler implements ICommandHandler<CloseCommitmentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ commitmentId, payload, ctx }: CloseCommitmentCommand): Promise<CommandOutcome> {
    const closedOn = calendarDay(ctx.receivedAt);
    return this.runner.run(
      {
        ...commitmentAggregate(commitmentId),
        target: 'existing',
        act: 'close-commitment',
        command: (): CommitmentCommand => ({ type: 'CloseCommitment', data: { commitmentId, outcome: payload.outcome, note: payload.note, closedOn, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
