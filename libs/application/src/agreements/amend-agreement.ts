import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AmendAgreement, AgreementAmendmentChanges } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadPartnerStatuses, agreementAggregate } from '../shared';
import { definedOnly } from './changes';

export interface AmendAgreementPayload {
  readonly rationale: string;
  readonly changes: Readonly<AgreementAmendmentChanges>;
  /** Defaults to today (WIB). */
  readonly amendedOn?: string;
}

/** An amendment (adendum): a formal change from a date on. */
export class AmendAgreementCommand extends Command<CommandOutcome> {
  constructor(readonly agreementId: string, readonly payload: AmendAgreementPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(AmendAgreementCommand)
export class AmendAgreementHandler implements ICommandHandler<AmendAgreementCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ agreementId, payload, ctx }: AmendAgreementCommand): Promise<CommandOutcome> {
    const changes = definedOnly(payload.changes);
    const partnerStatuses = await loadPartnerStatuses(this.store, changes.partyPartnerIds ?? []);
    const amendedOn = payload.amendedOn ?? calendarDay(ctx.receivedAt);
    return this.runner.run(
      {
        ...agreementAggregate(agreementId),
        target: 'existing',
        act: 'amend-agreement',
        command: (): AmendAgreement => ({
          type: 'AmendAgreement',
          data: { agreementId, rationale: payload.rationale, changes, amendedOn, partnerStatuses, actor: ctx.actor },
        }),
      },
      ctx,
    );
  }
}
