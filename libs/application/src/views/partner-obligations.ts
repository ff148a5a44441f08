import { visibleRows } from './scope';
import { Principal } from '@ikrar/access';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EntityNotFoundError, LoadOptions } from '../shared';
import { addDays } from './calendar';
import { isOverdue, OPEN_COMMITMENT_STATUSES } from './commitment-status';
import { COLLECTIONS, CommitmentDocument, PartnerDocument, ReportDocument } from './documents';
import { CommitmentItem, ReportItem, toCommitmentItem, toReportItem } from './items';
import { ReadModels, ReadModelSnapshot } from './read-models';

/** "Due soon" looks this many days ahead, today included. */
export const DUE_SOON_DAYS = 30;

export interface ObligationTotals {
  /** Sum of `quantity` over the active (accepted) commitments; units may differ between commitments. */
  readonly pledgedQuantity: number;
  /** Delivered on those commitments according to accepted reports only. */
  readonly deliveredQuantity: number;
  readonly pledgedRupiah: number;
  /** Disbursed on those commitments according to accepted reports only. */
  readonly disbursedRupiah: number;
}

export interface PartnerObligationsView {
  readonly partnerId: string;
  readonly partnerName: string;
  /** Today (WIB): what "due" and "overdue" were measured against. */
  readonly asOf: string;
  /** Accepted commitments, soonest due first. */
  readonly activeCommitments: CommitmentItem[];
  /** Pledged or accepted, due from today up to and including today + 30 days. */
  readonly dueWithin30Days: CommitmentItem[];
  /** Pledged or accepted, due before today. */
  readonly overdue: CommitmentItem[];
  /** The partner's own reports in draft or returned for revision: the next move is theirs. */
  readonly reportsAwaitingAction: ReportItem[];
  /** The partner's submitted reports waiting for the secretariat. */
  readonly reportsAwaitingReview: ReportItem[];
  readonly totals: ObligationTotals;
}

export class PartnerObligationsQuery extends Query<PartnerObligationsView> {
  /** `asOf`: the view as of a past instant (recording or business time), judged on that day; `{}`: today. */
  constructor(readonly partnerId: string, readonly viewer: Principal, readonly minPosition: number | null = null, readonly asOf: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(PartnerObligationsQuery)
export class PartnerObligationsHandler implements IQueryHandler<PartnerObligationsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: PartnerObligationsQuery): Promise<PartnerObligationsView> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models), query.asOf);
  }

  private async answer({ partnerId, viewer }: PartnerObligationsQuery, models: ReadModelSnapshot): Promise<PartnerObligationsView> {
    const partner = await models.get<PartnerDocument>(COLLECTIONS.partners, partnerId);
    // Another partner's obligations are not there for a partner user; a secretariat sees those in its forums.
    const visible = visibleRows(viewer);
    if (!partner || visible === null || (viewer.role === 'partner' && viewer.partnerId !== partnerId)) throw new EntityNotFoundError('partner', partnerId);
    const inScope = visible.filter((filter) => filter.field === 'forumId');
    const [open, reports] = await Promise.all([
      models.all<CommitmentDocument>(
        COLLECTIONS.commitments,
        [
          { field: 'partnerId', op: 'eq', value: partnerId },
          { field: 'status', op: 'in', values: OPEN_COMMITMENT_STATUSES },
          ...inScope,
        ],
        [{ field: 'dueDate', direction: 'asc' }],
      ),
      models.all<ReportDocument>(
        COLLECTIONS.reports,
        [
          { field: 'partnerId', op: 'eq', value: partnerId },
          { field: 'status', op: 'in', values: ['draft', 'returned', 'submitted'] },
          ...inScope,
        ],
        [{ field: 'periodEnd', direction: 'asc' }],
      ),
    ]);
    const today = models.today;
    const horizon = addDays(today, DUE_SOON_DAYS);
    const active = open.filter((doc) => doc.status === 'accepted');
    const item = (doc: CommitmentDocument) => toCommitmentItem(doc, today);
    return {
      partnerId,
      partnerName: partner.name,
      asOf: today,
      activeCommitments: active.map(item),
      dueWithin30Days: open.filter((doc) => doc.dueDate >= today && doc.dueDate <= horizon).map(item),
      overdue: open.filter((doc) => isOverdue(doc, today)).map(item),
      reportsAwaitingAction: reports.filter((r) => r.status === 'draft' || r.status === 'returned').map(toReportItem),
      reportsAwaitingReview: reports.filter((r) => r.status === 'submitted').map(toReportItem),
      totals: {
        pledgedQuantity: sum(active, (doc) => doc.quantity),
        deliveredQuantity: sum(active, (doc) => doc.quantityDelivered ?? 0),
        pledgedRupiah: sum(active, (doc) => doc.valueRupiah),
        disbursedRupiah: sum(active, (doc) => doc.rupiahDisbursed ?? 0),
      },
    };
  }
}

export function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((total, item) => total + of(item), 0);
}
