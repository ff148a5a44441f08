import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitmentCommand } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner, commitmentAggregate } from '../shared';

/** The secretariat calls a commitment off; a partner cannot. */
export class CancelCommitmentCommand extends Command<CommandOutcome> {
  constructor(readonly commitmentId: string, readonly payload: { readonly reason: string }, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(CancelCommitmentCommand)
export class CancelCommitmentHandler implements ICommandHandler<CancelCommitmentCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ commitmentId, payload, ctx }: CancelCommitmentCommand): Promise<CommandOutcome> {
    return this.runner.run(
      {
        ...commitmentAggregate(commitmentId),
        target: 'existing',
        act: 'cancel-commitment',
        command: (): CommitmentCommand => ({ type: 'CancelCommitment', data: { commitmentId, reason: payload.reason, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
