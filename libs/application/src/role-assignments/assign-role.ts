import { canRead } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainRuleViolation, Role, RoleAssignmentCommand, RoleScopeType, forumDecider, forumStreamId, roleAssignmentKey } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { CommandContext, CommandOutcome, CommandRunner, deterministicId, EVENT_STORE, forumOfScope, loadAggregate, loadPartnerStatuses, roleAssignmentAggregate } from '../shared';

export interface AssignRolePayload {
  readonly partnerId: string;
  readonly role: Role;
  /** Exactly one of `forumId` and `agreementId` names the scope the role is held in. */
  readonly forumId?: string | null;
  readonly agreementId?: string | null;
  readonly validFrom: string;
  /** Absent or `null`: until revoked. */
  readonly validUntil?: string | null;
}

export class AssignRoleCommand extends Command<CommandOutcome> {
  constructor(readonly payload: AssignRolePayload, readonly ctx: CommandContext) {
    super();
  }
}

/**
 * The assignment id is derived from (scope, partner, role): a new period of the same role lands in
 * the same stream, so "no overlapping periods" is decided atomically against every earlier period.
 */
export function roleAssignmentIdFor(key: { scopeType: RoleScopeType; scopeId: string; partnerId: string; role: Role }): string {
  return deterministicId(`role-assignment\u0000${roleAssignmentKey(key)}`);
}

export function roleScopeOf(payload: Pick<AssignRolePayload, 'forumId' | 'agreementId'>): { scopeType: RoleScopeType; scopeId: string } {
  const forumId = payload.forumId ?? null;
  const agreementId = payload.agreementId ?? null;
  if ((forumId === null) === (agreementId === null)) {
    throw new DomainRuleViolation('role-scope-invalid', 'A role is held in exactly one scope: give a forumId or an agreementId, not both');
  }
  return forumId !== null ? { scopeType: 'forum', scopeId: forumId.toLowerCase() } : { scopeType: 'agreement', scopeId: (agreementId as string).toLowerCase() };
}

@CommandHandler(AssignRoleCommand)
export class AssignRoleHandler implements ICommandHandler<AssignRoleCommand> {
  constructor(private readonly runner: CommandRunner, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ payload, ctx }: AssignRoleCommand): Promise<CommandOutcome> {
    const { scopeType, scopeId } = roleScopeOf(payload);
    const partnerId = payload.partnerId.toLowerCase();
    const assignmentId = roleAssignmentIdFor({ scopeType, scopeId, partnerId, role: payload.role });
    const forumId = await forumOfScope(this.store, scopeType, scopeId);
    // A scope the caller cannot see is refused exactly like one that does not exist.
    const visible = forumId !== null && canRead(ctx.principal, { kind: 'forum', forumId, partnerIds: [] });
    // An agreement has a forum only once recorded, so only a forum scope needs reading again.
    const [scopeExists, partnerStatuses] = await Promise.all([
      visible && (scopeType === 'agreement' || this.forumEstablished(scopeId)),
      loadPartnerStatuses(this.store, [partnerId]),
    ]);
    return this.runner.run(
      {
        ...roleAssignmentAggregate(assignmentId),
        // Creates the assignment, or adds a later period to it: `created` tells which.
        target: 'new',
        act: 'assign-role',
        creates: visible ? { kind: 'roleAssignment', forumId, partnerIds: [partnerId] } : null,
        command: (): RoleAssignmentCommand => ({
          type: 'AssignRole',
          data: {
            assignmentId,
            partnerId,
            role: payload.role,
            scopeType,
            scopeId,
            validFrom: payload.validFrom,
            validUntil: payload.validUntil ?? null,
            scopeExists,
            partnerStatuses,
            actor: ctx.actor,
          },
        }),
      },
      ctx,
    );
  }

  private async forumEstablished(forumId: string): Promise<boolean> {
    const forum = await loadAggregate(this.store, forumDecider, forumStreamId(forumId));
    return forum.state.status === 'established';
  }
}
