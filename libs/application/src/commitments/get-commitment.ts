import { Principal } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  ActorRef,
  ClosureOutcome,
  CommitmentAmendment,
  commitmentDecider,
  CommitmentReduction,
  CommitmentState,
  CommitmentStatus,
  commitmentStreamId,
  Programme,
  ResourceType,
} from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { calendarDay, CLOCK, Clock, EVENT_STORE, LoadOptions, readEntity, commitmentAggregate } from '../shared';

export interface CommitmentMilestoneView {
  readonly milestoneId: string;
  readonly title: string;
  readonly dueDate: string;
  readonly metOn: string | null;
  readonly note: string | null;
}

export interface CommitmentView {
  readonly id: string;
  readonly revision: number;
  readonly agreementId: string;
  readonly forumId: string;
  readonly partnerId: string;
  readonly description: string;
  readonly resourceType: ResourceType;
  /** Current totals, after every reduction and amendment. */
  readonly quantity: number;
  readonly unit: string;
  readonly valueRupiah: number;
  readonly regionCode: string;
  readonly programme: Programme;
  readonly startDate: string;
  readonly dueDate: string;
  readonly milestones: CommitmentMilestoneView[];
  readonly status: Exclude<CommitmentStatus, 'unpledged'>;
  readonly acceptedOn: string | null;
  readonly closedOn: string | null;
  readonly outcome: ClosureOutcome | null;
  readonly closureNote: string | null;
  /** Derived on every read from the due date and today; never stored. */
  readonly overdue: boolean;
  readonly amendments: CommitmentAmendment[];
  /** Compensating facts: each lowered the totals without overwriting the pledge. */
  readonly reductions: CommitmentReduction[];
  readonly withdrawalReason: string | null;
  readonly withdrawnBy: ActorRef | null;
  readonly cancellationReason: string | null;
  readonly cancelledBy: ActorRef | null;
}

export class GetCommitmentQuery extends Query<CommitmentView> {
  constructor(readonly commitmentId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(GetCommitmentQuery)
export class GetCommitmentHandler implements IQueryHandler<GetCommitmentQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ commitmentId, viewer, options }: GetCommitmentQuery): Promise<CommitmentView> {
    const { state, revision } = await readEntity(this.store, commitmentAggregate(commitmentId), viewer, options);
    // As of a past moment, `overdue` is what it was on that day (WIB), not today.
    return toCommitmentView(commitmentId, revision, state, calendarDay(options.recordedUntil ?? options.occurredUntil ?? this.clock.now()));
  }
}

/** True while the commitment is still open and its due date has passed. */
export function isCommitmentOverdue(state: Pick<CommitmentState, 'status' | 'dueDate'>, today: string): boolean {
  return (state.status === 'pledged' || state.status === 'accepted') && state.dueDate !== null && state.dueDate < today;
}

export function toCommitmentView(id: string, revision: number, state: CommitmentState, today: string): CommitmentView {
  return {
    id,
    revision,
    agreementId: state.agreementId ?? '',
    forumId: state.forumId ?? '',
    partnerId: state.partnerId ?? '',
    description: state.description ?? '',
    resourceType: state.resourceType as ResourceType,
    quantity: state.quantity ?? 0,
    unit: state.unit ?? '',
    valueRupiah: state.valueRupiah ?? 0,
    regionCode: state.regionCode ?? '',
    programme: state.programme as Programme,
    startDate: state.startDate ?? '',
    dueDate: state.dueDate ?? '',
    milestones: state.milestones.map((milestone) => ({
      milestoneId: milestone.milestoneId,
      title: milestone.title,
      dueDate: milestone.dueDate,
      metOn: milestone.metOn,
      note: milestone.note,
    })),
    status: state.status === 'unpledged' ? 'pledged' : state.status,
    acceptedOn: state.acceptedOn,
    closedOn: state.closedOn,
    outcome: state.outcome,
    closureNote: state.closureNote,
    overdue: isCommitmentOverdue(state, today),
    amendments: state.amendments,
    reductions: state.reductions,
    withdrawalReason: state.withdrawalReason,
    withdrawnBy: state.withdrawnBy,
    cancellationReason: state.cancellationReason,
    cancelledBy: state.cancelledBy,
  };
}
