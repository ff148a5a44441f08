import { visibleRows } from './scope';
import { Principal } from '@ikrar/access';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { FieldFilter } from '@ikrar/read-store';
import { ReportListStatus } from './commitment-status';
import { COLLECTIONS, ReportDocument } from './documents';
import { ReportItem, toReportItem } from './items';
import { DEFAULT_PAGE_LIMIT, Page } from './paging';
import { ReadModels, ReadModelSnapshot } from './read-models';

/** Without a status the queue is what waits for review. */
export const DEFAULT_REVIEW_STATUSES: readonly ReportListStatus[] = ['submitted'];

export interface ReviewQueueFilter {
  readonly status?: readonly ReportListStatus[];
  readonly forumId?: string;
  readonly partnerId?: string;
  readonly commitmentId?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

export class ReviewQueueQuery extends Query<Page<ReportItem>> {
  constructor(readonly filter: ReviewQueueFilter, readonly viewer: Principal, readonly minPosition: number | null = null) {
    super();
  }
}

/** Oldest waiting first: by submission time, then drafting time (never-submitted drafts), then id. */
@QueryHandler(ReviewQueueQuery)
export class ReviewQueueHandler implements IQueryHandler<ReviewQueueQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: ReviewQueueQuery): Promise<Page<ReportItem>> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ filter, viewer }: ReviewQueueQuery, models: ReadModelSnapshot): Promise<Page<ReportItem>> {
    const visible = visibleRows(viewer);
    if (visible === null) return { items: [], nextCursor: null };
    const statuses = filter.status ?? DEFAULT_REVIEW_STATUSES;
    const where: FieldFilter[] = [statuses.length === 1 ? { field: 'status', op: 'eq', value: statuses[0] } : { field: 'status', op: 'in', values: statuses }];
    for (const field of ['forumId', 'partnerId', 'commitmentId'] as const) {
      const value = filter[field];
      if (value !== undefined) where.push({ field, op: 'eq', value });
    }
    const page = await models.page<ReportDocument>(COLLECTIONS.reports, {
      where: [...where, ...visible],
      sort: [
        { field: 'submittedAt', direction: 'asc' },
        { field: 'draftedAt', direction: 'asc' },
      ],
      limit: filter.limit ?? DEFAULT_PAGE_LIMIT,
      cursor: filter.cursor ?? null,
    });
    return { items: page.items.map(toReportItem), nextCursor: page.nextCursor };
  }
}
