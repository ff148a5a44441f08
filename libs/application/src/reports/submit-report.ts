import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EvidenceItem, ReportCommand, ReportRevisionChanges } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner, reportAggregate } from '../shared';
import { copyEvidence } from './draft-report';

export interface SubmitReportPayload {
  /** Revisions made with the (re)submission; absent fields stay as they are. */
  readonly changes?: {
    readonly quantityDelivered?: number;
    readonly rupiahDisbursed?: number;
    readonly narrative?: string;
    readonly evidence?: readonly EvidenceItem[];
  } | null;
}

export class SubmitReportCommand extends Command<CommandOutcome> {
  constructor(readonly reportId: string, readonly payload: SubmitReportPayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(SubmitReportCommand)
export class SubmitReportHandler implements ICommandHandler<SubmitReportCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ reportId, payload, ctx }: SubmitReportCommand): Promise<CommandOutcome> {
    return this.runner.run(
      {
        ...reportAggregate(reportId),
        target: 'existing',
        act: 'submit-report',
        command: (): ReportCommand => ({ type: 'SubmitReport', data: { reportId, changes: changesOf(payload), actor: ctx.actor } }),
      },
      ctx,
    );
  }
}

function changesOf(payload: SubmitReportPayload): ReportRevisionChanges | null {
  const requested = payload.changes;
  if (requested == null) return null;
  const changes: ReportRevisionChanges = {};
  if (requested.quantityDelivered !== undefined) changes.quantityDelivered = requested.quantityDelivered;
  if (requested.rupiahDisbursed !== undefined) changes.rupiahDisbursed = requested.rupiahDisbursed;
  if (requested.narrative !== undefined) changes.narrative = requested.narrative;
  if (requested.evidence !== undefined) changes.evidence = requested.evidence.map(copyEvidence);
  return changes;
}
