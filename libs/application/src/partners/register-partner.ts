import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PartnerCommand, Sector } from '@ikrar/domain';
import { Contact, ContactVault } from '@ikrar/personal-data';
import { CommandContext, CommandOutcome, CommandRunner, CONTACT_VAULT, newEntityId, partnerAggregate } from '../shared';

export interface RegisterPartnerPayload {
  readonly name: string;
  readonly sector: Sector;
  readonly regionCode?: string | null;
  readonly contact?: Partial<Contact> | null;
}

export class RegisterPartnerCommand extends Command<CommandOutcome> {
  constructor(readonly payload: RegisterPartnerPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(RegisterPartnerCommand)
export class RegisterPartnerHandler implements ICommandHandler<RegisterPartnerCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CONTACT_VAULT) private readonly vault: ContactVault) {}

  async execute({ payload, ctx }: RegisterPartnerCommand): Promise<CommandOutcome> {
    const partnerId = newEntityId(ctx, 'partner');
    const contact = hasContact(payload.contact)
      ? await this.vault.seal(partnerId, { email: payload.contact?.email ?? null, phone: payload.contact?.phone ?? null })
      : null;
    return this.runner.run(
      {
        ...partnerAggregate(partnerId),
        target: 'new',
        act: 'register-partner',
        command: (): PartnerCommand => ({
          type: 'RegisterPartner',
          data: { partnerId, name: payload.name, sector: payload.sector, regionCode: payload.regionCode ?? null, contact, actor: ctx.actor },
        }),
      },
      ctx,
    );
  }
}

export function hasContact(contact: Partial<Contact> | null | undefined): boolean {
  return !!contact && (!!contact.email || !!contact.phone);
}
