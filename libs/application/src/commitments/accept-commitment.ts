import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand, DomainRuleViolation, isCalendarDate } from '@ikrar/domain';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner, commitmentAggregate } from '../shared';
import { occurredOn } from './business-time';

export interface AcceptCommitmentPayload {
  /** Default: today (WIB). */
  readonly acceptedOn?: string | null;
}

export class AcceptCommitmentCommand extends Command<CommandOutcome> {
  constructor(readonly commitmentId: string, readonly payload: AcceptCommitmentPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(AcceptCommitmentCommand)
export class AcceptCommitmentHandler implements ICommandHandler<AcceptCommitmentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ commitmentId, payload, ctx }: AcceptCommitmentCommand): Promise<CommandOutcome> {
    const today = calendarDay(ctx.receivedAt);
    const acceptedOn = payload?.acceptedOn ?? today;
    return this.runner.run(
      {
        ...commitmentAggregate(commitmentId),
        target: 'existing',
        act: 'accept-commitment',
        occurredAt: occurredOn(acceptedOn, ctx),
        command: (): CommitmentCommand => {
          // The ledger records what happened, never what is planned: no acceptance dated after today.
          if (isCalendarDate(acceptedOn) && acceptedOn > today) {
            throw new DomainRuleViolation('date-in-future', `${acceptedOn} is in the future`, { field: 'acceptedOn' });
          }
          return { type: 'AcceptCommitment', data: { commitmentId, acceptedOn, actor: ctx.actor } };
        },
      },
      ctx,
    );
  }
}
