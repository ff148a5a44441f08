import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommitmentAgreementFacts, CommitmentAmendmentChanges, commitmentDecider, CommitmentCommand, commitmentStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadAggregate, commitmentAggregate } from '../shared';
import { commitmentAgreementFacts } from './pledge-commitment';

export interface AmendCommitmentPayload {
  readonly rationale: string;
  readonly changes: CommitmentAmendmentChanges;
}

/** A lower quantity or value is recorded as a compensating `CommitmentReduced`; every other change as `CommitmentAmended`. */
export class AmendCommitmentCommand extends Command<CommandOutcome> {
  constructor(readonly commitmentId: string, readonly payload: AmendCommitmentPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(AmendCommitmentCommand)
export class AmendCommitmentHandler implements ICommandHandler<AmendCommitmentCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ commitmentId, payload, ctx }: AmendCommitmentCommand): Promise<CommandOutcome> {
    const changes: CommitmentAmendmentChanges = {};
    const requested = payload.changes ?? {};
    if (requested.description !== undefined) changes.description = requested.description;
    if (requested.quantity !== undefined) changes.quantity = requested.quantity;
    if (requested.unit !== undefined) changes.unit = requested.unit;
    if (requested.valueRupiah !== undefined) changes.valueRupiah = requested.valueRupiah;
    if (requested.dueDate !== undefined) changes.dueDate = requested.dueDate;

    // A new due date must stay inside the agreement's current term (an agreement's id never changes).
    let agreement: Pick<CommitmentAgreementFacts, 'effectiveFrom' | 'effectiveUntil'> | null = null;
    if (changes.dueDate !== undefined) {
      const current = await loadAggregate(this.store, commitmentDecider, commitmentStreamId(commitmentId));
      if (current.state.agreementId) {
        const facts = await commitmentAgreementFacts(this.store, current.state.agreementId);
        if (facts.status !== 'unrecorded') agreement = { effectiveFrom: facts.effectiveFrom, effectiveUntil: facts.effectiveUntil };
      }
    }

    return this.runner.run(
      {
        ...commitmentAggregate(commitmentId),
        target: 'existing',
        act: 'amend-commitment',
        command: (): CommitmentCommand => ({ type: 'AmendCommitment', data: { commitmentId, rationale: payload.rationale, changes, agreement, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
