import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TerminateAgreement } from '@ikrar/domain';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner, agreementAggregate } from '../shared';

export interface TerminateAgreementPayload {
  readonly reason: string;
  /** Defaults to today (WIB). */
  readonly terminatedOn?: string;
}

export class TerminateAgreementCommand extends Command<CommandOutcome> {
  constructor(readonly agreementId: string, readonly payload: TerminateAgreementPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(TerminateAgreementCommand)
export class TerminateAgreementHandler implements ICommandHandler<TerminateAgreementCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ agreementId, payload, ctx }: TerminateAgreementCommand): Promise<CommandOutcome> {
    const terminatedOn = payload.terminatedOn ?? calendarDay(ctx.receivedAt);
    return this.runner.run(
      {
        ...agreementAggregate(agreementId),
        target: 'existing',
        act: 'terminate-agreement',
        command: (): TerminateAgreement => ({ type: 'TerminateAgreement', data: { agreementId, reason: payload.reason, terminatedOn, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
