import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { commitmentDecider, commitmentStreamId, DomainRuleViolation, EvidenceItem, ReportCommand, ReportCommitmentFacts } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { canRead } from '@ikrar/access';
import { calendarDay, commitmentAggregate, CommandContext, CommandOutcome, CommandRunner, EVENT_STORE, loadAggregate, newEntityId, reportAggregate } from '../shared';

export interface DraftReportPayload {
  readonly commitmentId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantityDelivered: number;
  /** Whole rupiah. */
  readonly rupiahDisbursed: number;
  readonly narrative: string;
  /** Documents kept by content hash. */
  readonly evidence?: readonly EvidenceItem[];
}

export class DraftReportCommand extends Command<CommandOutcome> {
  constructor(readonly payload: DraftReportPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(DraftReportCommand)
export class DraftReportHandler implements ICommandHandler<DraftReportCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ payload, ctx }: DraftReportCommand): Promise<CommandOutcome> {
    const commitmentId = payload.commitmentId.toLowerCase();
    const commitment = await loadAggregate(this.store, commitmentDecider, commitmentStreamId(commitmentId));
    const where = await commitmentAggregate(commitmentId).locate(commitment.state);
    // A commitment the caller cannot see is refused exactly like one that does not exist.
    if (!commitment.exists || !canRead(ctx.principal, where)) {
      throw new DomainRuleViolation('commitment-not-found', `Commitment ${commitmentId} does not exist`, { commitmentId });
    }
    const facts: ReportCommitmentFacts = {
      status: commitment.state.status,
      partnerId: commitment.state.partnerId as string,
      forumId: commitment.state.forumId as string,
      startDate: commitment.state.startDate as string,
      dueDate: commitment.state.dueDate as string,
    };
    const reportId = newEntityId(ctx, 'report');
    return this.runner.run(
      {
        ...reportAggregate(reportId),
        target: 'new',
        act: 'draft-report',
        creates: { kind: 'report', forumId: where.forumId, partnerIds: where.partnerIds },
        command: (): ReportCommand => ({
          type: 'DraftReport',
          data: {
            reportId,
            commitmentId,
            periodStart: payload.periodStart,
            periodEnd: payload.periodEnd,
            quantityDelivered: payload.quantityDelivered,
            rupiahDisbursed: payload.rupiahDisbursed,
            narrative: payload.narrative,
            evidence: (payload.evidence ?? []).map(copyEvidence),
            actor: ctx.actor,
            today: calendarDay(ctx.receivedAt),
            commitment: facts,
          },
        }),
      },
      ctx,
    );
  }
}

export function copyEvidence(item: EvidenceItem): EvidenceItem {
  return { name: item.name, sha256: item.sha256, mediaType: item.mediaType, sizeBytes: item.sizeBytes };
}
