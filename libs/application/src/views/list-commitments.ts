import { visibleRows } from './scope';
import { Principal } from '@ikrar/access';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { FieldFilter } from '@ikrar/read-store';
import { CommitmentListStatus, isOverdue, OPEN_COMMITMENT_STATUSES } from './commitment-status';
import { COLLECTIONS, CommitmentDocument } from './documents';
import { CommitmentItem, toCommitmentItem } from './items';
import { DEFAULT_PAGE_LIMIT, Page, sortKey } from './paging';
import { ReadModels, ReadModelSnapshot } from './read-models';

export const COMMITMENT_SORTS = ['dueDate', '-dueDate', 'valueRupiah', '-valueRupiah', 'pledgedAt', '-pledgedAt'] as const;
export type CommitmentSort = (typeof COMMITMENT_SORTS)[number];

/** Every filter is optional; all given ones must hold. */
export interface CommitmentFilter {
  readonly partnerId?: string;
  readonly forumId?: string;
  readonly agreementId?: string;
  /** Any of these statuses. */
  readonly status?: readonly CommitmentListStatus[];
  readonly programme?: string;
  /** Region prefix: `52` includes `52.71`. */
  readonly regionCode?: string;
  readonly overdue?: boolean;
  /** Due strictly before this day. */
  readonly dueBefore?: string;
  /** Case-insensitive substring of the description. */
  readonly q?: string;
  readonly sort?: CommitmentSort;
  readonly limit?: number;
  readonly cursor?: string;
}

export class ListCommitmentsQuery extends Query<Page<CommitmentItem>> {
  constructor(readonly filter: CommitmentFilter, readonly viewer: Principal, readonly minPosition: number | null = null) {
    super();
  }
}

@QueryHandler(ListCommitmentsQuery)
export class ListCommitmentsHandler implements IQueryHandler<ListCommitmentsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: ListCommitmentsQuery): Promise<Page<CommitmentItem>> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ filter, viewer }: ListCommitmentsQuery, models: ReadModelSnapshot): Promise<Page<CommitmentItem>> {
    const visible = visibleRows(viewer);
    if (visible === null) return { items: [], nextCursor: null };
    const where: FieldFilter[] = [...visible];
    for (const field of ['partnerId', 'forumId', 'agreementId', 'programme'] as const) {
      const value = filter[field];
      if (value !== undefined) where.push({ field, op: 'eq', value });
    }
    if (filter.status !== undefined) {
      where.push(filter.status.length === 1 ? { field: 'status', op: 'eq', value: filter.status[0] } : { field: 'status', op: 'in', values: filter.status });
    }
    if (filter.regionCode !== undefined) where.push({ field: 'regionCode', op: 'prefix', value: filter.regionCode });
    if (filter.dueBefore !== undefined) where.push({ field: 'dueDate', op: 'lt', value: filter.dueBefore });
    if (filter.q !== undefined) where.push({ field: 'description', op: 'contains', value: filter.q });
    if (filter.overdue === true) {
      where.push({ field: 'status', op: 'in', values: OPEN_COMMITMENT_STATUSES }, { field: 'dueDate', op: 'lt', value: models.today });
    }
    // "Not overdue" is closed OR due today or later: an OR the store's filters cannot express, so it is kept here.
    const keep = filter.overdue === false ? (doc: CommitmentDocument) => !isOverdue(doc, models.today) : undefined;
    const page = await models.page<CommitmentDocument>(
      COLLECTIONS.commitments,
      { where, sort: [sortKey(filter.sort ?? 'dueDate')], limit: filter.limit ?? DEFAULT_PAGE_LIMIT, cursor: filter.cursor ?? null },
      keep,
    );
    return { items: page.items.map((doc) => toCommitmentItem(doc, models.today)), nextCursor: page.nextCursor };
  }
}
