import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EstablishForum, Programme } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadPartnerStatuses, newEntityId, forumAggregate } from '../shared';

export interface EstablishForumPayload {
  readonly name: string;
  readonly regionCode: string;
  readonly programmes: readonly Programme[];
  readonly secretariatPartnerId: string;
}

export class EstablishForumCommand extends Command<CommandOutcome> {
  constructor(readonly payload: EstablishForumPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(EstablishForumCommand)
export class EstablishForumHandler implements ICommandHandler<EstablishForumCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ payload, ctx }: EstablishForumCommand): Promise<CommandOutcome> {
    const forumId = newEntityId(ctx, 'forum');
    const partnerStatuses = await loadPartnerStatuses(this.store, [payload.secretariatPartnerId]);
    return this.runner.run(
      {
        ...forumAggregate(forumId),
        target: 'new',
        act: 'establish-forum',
        command: (): EstablishForum => ({
          type: 'EstablishForum',
          data: {
            forumId,
            name: payload.name,
            regionCode: payload.regionCode,
            programmes: [...payload.programmes],
            secretariatPartnerId: payload.secretariatPartnerId,
            partnerStatuses,
            actor: ctx.actor,
          },
        }),
      },
      ctx,
    );
  }
}
