import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ReportCommand } from '@ikrar/domain';
import { CommandContext, CommandOutcome, CommandRunner, reportAggregate } from '../shared';

/** The secretariat accepts a submitted report: only accepted reports count toward fulfilment. */
export class AcceptReportCommand extends Command<CommandOutcome> {
  constructor(readonly reportId: string, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(AcceptReportCommand)
export class AcceptReportHandler implements ICommandHandler<AcceptReportCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ reportId, ctx }: AcceptReportCommand): Promise<CommandOutcome> {
    return this.runner.run(
      {
        ...reportAggregate(reportId),
        target: 'existing',
        act: 'accept-report',
        command: (): ReportCommand => ({ type: 'AcceptReport', data: { reportId, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
