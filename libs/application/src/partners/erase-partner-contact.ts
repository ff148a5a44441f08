import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PartnerCommand } from '@ikrar/domain';
import { ContactVault } from '@ikrar/personal-data';
import { CommandContext, CommandOutcome, CommandRunner, CONTACT_VAULT, partnerAggregate } from '../shared';

/** UU 27/2022 erasure: record the request, then destroy the key; the ledger itself is never rewritten. */
export class ErasePartnerContactCommand extends Command<CommandOutcome> {
  constructor(readonly partnerId: string, readonly payload: { readonly reason: string }, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(ErasePartnerContactCommand)
export class ErasePartnerContactHandler implements ICommandHandler<ErasePartnerContactCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CONTACT_VAULT) private readonly vault: ContactVault) {}

  async execute({ partnerId, payload, ctx }: ErasePartnerContactCommand): Promise<CommandOutcome> {
    const outcome = await this.runner.run(
      {
        ...partnerAggregate(partnerId),
        target: 'existing',
        act: 'erase-partner-contact',
        command: (): PartnerCommand => ({ type: 'EraseContact', data: { partnerId, reason: payload.reason, actor: ctx.actor } }),
      },
      ctx,
    );
    await this.vault.erase(partnerId);
    return outcome;
  }
}
