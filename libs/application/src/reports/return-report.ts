import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReportCommand } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner, reportAggregate } from '../shared';

/** The secretariat sends a submitted report back to the partner for revision. */
export class ReturnReportCommand extends Command<CommandOutcome> {
  constructor(readonly reportId: string, readonly payload: { readonly comments: string }, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(ReturnReportCommand)
export class ReturnReportHandler implements ICommandHandler<ReturnReportCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ reportId, payload, ctx }: ReturnReportCommand): Promise<CommandOutcome> {
    return this.runner.run(
      {
        ...reportAggregate(reportId),
        target: 'existing',
        act: 'return-report',
        command: (): ReportCommand => ({ type: 'ReturnReport', data: { reportId, comments: payload.comments, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
