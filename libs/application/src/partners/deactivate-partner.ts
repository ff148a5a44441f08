import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PartnerCommand } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner, partnerAggregate } from '../shared';

export class DeactivatePartnerCommand extends Command<CommandOutcome> {
  constructor(readonly partnerId: string, readonly payload: { readonly reason: string }, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(DeactivatePartnerCommand)
export class DeactivatePartnerHandler implements ICommandHandler<DeactivatePartnerCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ partnerId, payload, ctx }: DeactivatePartnerCommand): Promise<CommandOutcome> {
    return this.runner.run(
      {
        ...partnerAggregate(partnerId),
        target: 'existing',
        act: 'deactivate-partner',
        command: (): PartnerCommand => ({ type: 'DeactivatePartner', data: { partnerId, reason: payload.reason, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
