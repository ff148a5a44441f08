import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CorrectAgreement, AgreementCorrectionChanges, agreementDecider, agreementStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { agreementAggregate, CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadAggregate, loadPartnerStatuses } from '../shared';
import { loadForumFacts } from './forum-facts';
import { definedOnly } from './changes';

export interface CorrectAgreementPayload {
  readonly reason: string;
  readonly changes: Readonly<AgreementCorrectionChanges>;
}

/** A correction (ralat): fixes what should have been recorded in the first place. */
export class CorrectAgreementCommand extends Command<CommandOutcome> {
  constructor(readonly agreementId: string, readonly payload: CorrectAgreementPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(CorrectAgreementCommand)
export class CorrectAgreementHandler implements ICommandHandler<CorrectAgreementCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ agreementId, payload, ctx }: CorrectAgreementCommand): Promise<CommandOutcome> {
    const streamId = agreementStreamId(agreementId);
    const changes = definedOnly(payload.changes);
    // The forum never changes by correction, so the one it names now is the one to check against.
    const current = await loadAggregate(this.store, agreementDecider, streamId);
    const [forum, partnerStatuses] = await Promise.all([
      loadForumFacts(this.store, current.state.forumId),
      loadPartnerStatuses(this.store, changes.partyPartnerIds ?? []),
    ]);
    return this.runner.run(
      {
        ...agreementAggregate(agreementId),
        target: 'existing',
        act: 'correct-agreement',
        command: (): CorrectAgreement => ({
          type: 'CorrectAgreement',
          data: { agreementId, reason: payload.reason, changes, forum, partnerStatuses, actor: ctx.actor },
        }),
      },
      ctx,
    );
  }
}
