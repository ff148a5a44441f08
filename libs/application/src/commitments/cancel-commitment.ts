import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { COMMITMENT_EVENT_SCHEMA_VERSIONS, commitmentDecider, CommitmentCommand, commitmentStreamId } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner } from '../shared';

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
        decider: commitmentDecider,
        schemaVersions: COMMITMENT_EVENT_SCHEMA_VERSIONS,
        entity: 'commitment',
        id: commitmentId,
        streamId: commitmentStreamId(commitmentId),
        target: 'existing',
        command: (): CommitmentCommand => ({ type: 'CancelCommitment', data: { commitmentId, reason: payload.reason, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
