import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RoleAssignmentCommand } from '@ikrar/domain';
import { calendarDay, CommandContext, CommandOutcome, CommandRunner, roleAssignmentAggregate } from '../shared';

export interface RevokeRolePayload {
  readonly reason: string;
  /** Default: the calendar day the request was received (WIB). */
  readonly revokedOn?: string | null;
}

export class RevokeRoleCommand extends Command<CommandOutcome> {
  constructor(readonly assignmentId: string, readonly payload: RevokeRolePayload, readonly ctx: CommandContext) {
    super();
  }
}

@CommandHandler(RevokeRoleCommand)
export class RevokeRoleHandler implements ICommandHandler<RevokeRoleCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ assignmentId, payload, ctx }: RevokeRoleCommand): Promise<CommandOutcome> {
    const revokedOn = payload.revokedOn ?? calendarDay(ctx.receivedAt);
    return this.runner.run(
      {
        ...roleAssignmentAggregate(assignmentId),
        target: 'existing',
        act: 'revoke-role',
        command: (): RoleAssignmentCommand => ({ type: 'RevokeRole', data: { assignmentId, reason: payload.reason, revokedOn, actor: ctx.actor } }),
      },
      ctx,
    );
  }
}
