import { canRead } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { agreementDecider, agreementStreamId, CommitmentAgreementFacts, CommitmentCommand, Programme, ResourceType } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { childIds, CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadAggregate, newEntityId, commitmentAggregate } from '../shared';

export interface PledgeCommitmentPayload {
  readonly agreementId: string;
  readonly partnerId: string;
  readonly description: string;
  readonly resourceType: ResourceType;
  readonly quantity: number;
  readonly unit: string;
  readonly valueRupiah: number;
  readonly regionCode: string;
  readonly programme: Programme;
  /** Absent: from the agreement's `effectiveFrom`. */
  readonly startDate?: string | null;
  readonly dueDate: string;
  readonly milestones?: readonly { readonly title: string; readonly dueDate: string }[];
}

export class PledgeCommitmentCommand extends Command<CommandOutcome> {
  constructor(readonly payload: PledgeCommitmentPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(PledgeCommitmentCommand)
export class PledgeCommitmentHandler implements ICommandHandler<PledgeCommitmentCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ payload, ctx }: PledgeCommitmentCommand): Promise<CommandOutcome> {
    const commitmentId = newEntityId(ctx, 'commitment');
    const plans = payload.milestones ?? [];
    const milestoneIds = childIds(ctx, commitmentId, 'milestone', plans.length);
    const milestones = plans.map((plan, index) => ({ milestoneId: milestoneIds[index], title: plan.title, dueDate: plan.dueDate }));
    const known = await commitmentAgreementFacts(this.store, payload.agreementId);
    // An agreement the caller cannot see is refused exactly like one that was never recorded.
    const visible = canRead(ctx.principal, { kind: 'agreement', forumId: known.forumId, partnerIds: known.partyPartnerIds });
    const agreement = visible ? known : UNRECORDED_AGREEMENT;
    return this.runner.run(
      {
        ...commitmentAggregate(commitmentId),
        target: 'new',
        act: 'pledge-commitment',
        creates: { kind: 'commitment', forumId: visible ? known.forumId : null, partnerIds: [payload.partnerId.toLowerCase()] },
        command: (): CommitmentCommand => ({
          type: 'PledgeCommitment',
          data: {
            commitmentId,
            agreementId: payload.agreementId,
            partnerId: payload.partnerId,
            description: payload.description,
            resourceType: payload.resourceType,
            quantity: payload.quantity,
            unit: payload.unit,
            valueRupiah: payload.valueRupiah,
            regionCode: payload.regionCode,
            programme: payload.programme,
            startDate: payload.startDate ?? null,
            dueDate: payload.dueDate,
            milestones,
            agreement,
            actor: ctx.actor,
          },
        }),
      },
      ctx,
    );
  }
}

const UNRECORDED_AGREEMENT: CommitmentAgreementFacts = { status: 'unrecorded', forumId: '', partyPartnerIds: [], effectiveFrom: '', effectiveUntil: null };

/**
 * The agreement as the ledger says now. One that was never recorded is reported as `unrecorded`,
 * so the decider refuses the pledge with `agreement-not-in-force`.
 */
export async function commitmentAgreementFacts(store: EventStore, agreementId: string): Promise<CommitmentAgreementFacts> {
  const { state } = await loadAggregate(store, agreementDecider, agreementStreamId(agreementId));
  return {
    status: state.status,
    forumId: state.forumId ?? '',
    partyPartnerIds: [...state.partyPartnerIds],
    effectiveFrom: state.effectiveFrom ?? '',
    effectiveUntil: state.effectiveUntil,
  };
}
