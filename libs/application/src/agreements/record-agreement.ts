import { canRead } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordAgreement } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadPartnerStatuses, newEntityId, agreementAggregate } from '../shared';
import { loadForumFacts } from './forum-facts';

export interface RecordAgreementPayload {
  readonly forumId: string;
  readonly meetingId?: string | null;
  readonly title: string;
  readonly text: string;
  readonly partyPartnerIds: readonly string[];
  readonly effectiveFrom: string;
  readonly effectiveUntil?: string | null;
}

export class RecordAgreementCommand extends Command<CommandOutcome> {
  constructor(readonly payload: RecordAgreementPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(RecordAgreementCommand)
export class RecordAgreementHandler implements ICommandHandler<RecordAgreementCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ payload, ctx }: RecordAgreementCommand): Promise<CommandOutcome> {
    const agreementId = newEntityId(ctx, 'agreement');
    // A forum the caller cannot see is refused exactly like one that does not exist.
    const visible = canRead(ctx.principal, { kind: 'forum', forumId: payload.forumId, partnerIds: [] });
    const [forum, partnerStatuses] = await Promise.all([
      loadForumFacts(this.store, visible ? payload.forumId : null),
      loadPartnerStatuses(this.store, payload.partyPartnerIds),
    ]);
    return this.runner.run(
      {
        ...agreementAggregate(agreementId),
        target: 'new',
        act: 'record-agreement',
        creates: visible ? { kind: 'agreement', forumId: payload.forumId, partnerIds: [...payload.partyPartnerIds] } : null,
        command: (): RecordAgreement => ({
          type: 'RecordAgreement',
          data: {
            agreementId,
            forumId: payload.forumId,
            meetingId: payload.meetingId ?? null,
            title: payload.title,
            text: payload.text,
            partyPartnerIds: [...payload.partyPartnerIds],
            effectiveFrom: payload.effectiveFrom,
            effectiveUntil: payload.effectiveUntil ?? null,
            forum,
            partnerStatuses,
            actor: ctx.actor,
          },
        }),
      },
      ctx,
    );
  }
}
