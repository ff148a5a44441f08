import { Principal } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { accountabilityReportDecider, ActorRef, EvidenceItem, reportStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { EVENT_STORE, LoadOptions, readEntity, reportAggregate } from '../shared';

export interface ReportReturnView {
  readonly comments: string;
  readonly reviewedBy: ActorRef;
}

export interface ReportView {
  readonly id: string;
  readonly revision: number;
  readonly commitmentId: string;
  readonly forumId: string;
  readonly partnerId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
  readonly narrative: string;
  readonly evidence: EvidenceItem[];
  readonly status: 'draft' | 'submitted' | 'returned' | 'accepted';
  /** 0 until first submitted; 2 or more after a resubmission. */
  readonly submissionNumber: number;
  /** The latest submitter, `null` while a first draft. */
  readonly submittedBy: ActorRef | null;
  /** The latest reviewer (who returned or accepted it), `null` before any review. */
  readonly reviewedBy: ActorRef | null;
  /** Every return for revision, oldest first. */
  readonly returns: ReportReturnView[];
}

export class GetReportQuery extends Query<ReportView> {
  constructor(readonly reportId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ reportId, viewer, options }: GetReportQuery): Promise<ReportView> {
    const { state, revision } = await readEntity(this.store, reportAggregate(reportId), viewer, options);
    return {
      id: reportId,
      revision,
      commitmentId: state.commitmentId ?? '',
      forumId: state.forumId ?? '',
      partnerId: state.partnerId ?? '',
      periodStart: state.periodStart ?? '',
      periodEnd: state.periodEnd ?? '',
      quantityDelivered: state.quantityDelivered ?? 0,
      rupiahDisbursed: state.rupiahDisbursed ?? 0,
      narrative: state.narrative ?? '',
      evidence: state.evidence.map((item) => ({ ...item })),
      status: state.status === 'undrafted' ? 'draft' : state.status,
      submissionNumber: state.submissionNumber,
      submittedBy: state.submittedBy,
      reviewedBy: state.reviewedBy,
      returns: state.returns.map((entry) => ({ comments: entry.comments, reviewedBy: entry.reviewedBy })),
    };
  }
}
