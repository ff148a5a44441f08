import { Principal } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Role, roleAssignmentDecider, roleAssignmentStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { calendarDay, CLOCK, Clock, EVENT_STORE, LoadOptions, readEntity, roleAssignmentAggregate } from '../shared';

export interface RolePeriodView {
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revokedOn: string | null;
  readonly revocationReason: string | null;
}

export interface RoleAssignmentView {
  readonly id: string;
  readonly revision: number;
  readonly partnerId: string;
  readonly role: Role;
  readonly forumId: string | null;
  readonly agreementId: string | null;
  /** The latest period's start and end. */
  readonly validFrom: string;
  readonly validUntil: string | null;
  /** `ended` is derived when the latest period's `validUntil` is before today; never stored. */
  readonly status: 'active' | 'revoked' | 'ended';
  /** 1 Funding, 2 Accountable, 3 Extending, 4 Implementing. */
  readonly iatiOrganisationRole: 1 | 2 | 3 | 4 | null;
  /** Every period the role was held, oldest first. */
  readonly periods: RolePeriodView[];
}

export class GetRoleAssignmentQuery extends Query<RoleAssignmentView> {
  constructor(readonly assignmentId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(GetRoleAssignmentQuery)
export class GetRoleAssignmentHandler implements IQueryHandler<GetRoleAssignmentQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ assignmentId, viewer, options }: GetRoleAssignmentQuery): Promise<RoleAssignmentView> {
    const { state, revision } = await readEntity(this.store, roleAssignmentAggregate(assignmentId), viewer, options);
    // As of a past moment, `ended` is judged on that day (WIB), not today.
    const today = calendarDay(options.recordedUntil ?? options.occurredUntil ?? this.clock.now());
    const status = state.status === 'revoked' ? 'revoked' : state.validUntil !== null && state.validUntil < today ? 'ended' : 'active';
    return {
      id: assignmentId,
      revision,
      partnerId: state.partnerId ?? '',
      role: state.role as Role,
      forumId: state.scopeType === 'forum' ? state.scopeId : null,
      agreementId: state.scopeType === 'agreement' ? state.scopeId : null,
      validFrom: state.validFrom ?? '',
      validUntil: state.validUntil,
      status,
      iatiOrganisationRole: state.iatiOrganisationRole,
      periods: state.periods.map((period) => ({
        validFrom: period.validFrom,
        validUntil: period.validUntil,
        revokedOn: period.revokedOn,
        revocationReason: period.revocationReason,
      })),
    };
  }
}
