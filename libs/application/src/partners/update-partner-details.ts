import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { PartnerCommand, PartnerDetailsChanges, Sector } from '@ikrar/domain';
import { Contact, ContactVault } from '@ikrar/personal-data';
import { CommandContext, CommandOutcome, CommandRunner, CONTACT_VAULT, partnerAggregate } from '../shared';
import { hasContact } from './register-partner';

export interface UpdatePartnerDetailsPayload {
  readonly name?: string;
  readonly sector?: Sector;
  readonly regionCode?: string | null;
  /** `null` removes the contact; an object replaces it. */
  readonly contact?: Partial<Contact> | null;
}

export class UpdatePartnerDetailsCommand extends Command<CommandOutcome> {
  constructor(readonly partnerId: string, readonly payload: UpdatePartnerDetailsPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(UpdatePartnerDetailsCommand)
export class UpdatePartnerDetailsHandler implements ICommandHandler<UpdatePartnerDetailsCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(CONTACT_VAULT) private readonly vault: ContactVault) {}

  async execute({ partnerId, payload, ctx }: UpdatePartnerDetailsCommand): Promise<CommandOutcome> {
    const changes: { -readonly [K in keyof PartnerDetailsChanges]: PartnerDetailsChanges[K] } = {};
    if (payload.name !== undefined) changes.name = payload.name;
    if (payload.sector !== undefined) changes.sector = payload.sector;
    if (payload.regionCode !== undefined) changes.regionCode = payload.regionCode;
    if (payload.contact !== undefined) {
      changes.contact = hasContact(payload.contact)
        ? await this.vault.seal(partnerId, { email: payload.contact?.email ?? null, phone: payload.contact?.phone ?? null })
        : null;
    }
    return this.runner.run(
      {
        ...partnerAggregate(partnerId),
        target: 'existing',
        act: 'update-partner-details',
        command: (): PartnerCommand => ({ type: 'UpdatePartnerDetails', data: { partnerId, changes, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
