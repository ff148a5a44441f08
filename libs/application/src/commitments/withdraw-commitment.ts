import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner, commitmentAggregate } from '../shared';

/** The pledging partner (or the secretariat) takes a pledge back; another partner may not. */
export class WithdrawCommitmentCommand extends Command<CommandOutcome> {
  constructor(readonly commitmentId: string, readonly payload: { readonly reason: string }, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(WithdrawCommitmentCommand)
export class WithdrawCommitmentHandler implements ICommandHandler<WithdrawCommitmentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ commitmentId, payload, ctx }: WithdrawCommitmentCommand): Promise<CommandOutcome> {
    return this.runner.run(
      {
        ...commitmentAggregate(commitmentId),
        target: 'existing',
        act: 'withdraw-commitment',
        command: (): CommitmentCommand => ({ type: 'WithdrawCommitment', data: { commitmentId, reason: payload.reason, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
