import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EntityNotFoundError } from '../../shared';
import { COLLECTIONS, CommitmentDocument, ForumDocument } from '../documents';
import { DEFAULT_PAGE_LIMIT, Page } from '../paging';
import { ReadModels, ReadModelSnapshot } from '../read-models';
import { PUBLISHED, PUBLISHED_COMMITMENT_STATUSES, PublicForum, toPublicForum } from './published';

export interface PublicForumTotals {
  /** Published commitments (accepted at some point), whatever their status now. */
  readonly commitments: number;
  /** Every published status is listed, with 0 where none. */
  readonly byStatus: Record<string, number>;
  /** Sum of `valueRupiah` over the published commitments still standing: withdrawn and cancelled ones do not count. */
  readonly pledgedRupiah: number;
  /** Sums over the published commitments' accepted reports (quantities are summed across units as recorded). */
  readonly quantityDelivered: number;
  readonly rupiahDisbursed: number;
}

export interface PublicForumView extends PublicForum {
  readonly totals: PublicForumTotals;
}

export interface PublicForumFilter {
  readonly limit?: number;
  readonly cursor?: string;
}

export class ListPublicForumsQuery extends Query<Page<PublicForum>> {
  constructor(readonly filter: PublicForumFilter = {}, readonly minPosition: number | null = null) {
    super();
  }
}

/** Every forum, by name (ties by id), in cursor pages. */
@QueryHandler(ListPublicForumsQuery)
export class ListPublicForumsHandler implements IQueryHandler<ListPublicForumsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: ListPublicForumsQuery): Promise<Page<PublicForum>> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ filter }: ListPublicForumsQuery, models: ReadModelSnapshot): Promise<Page<PublicForum>> {
    const page = await models.page<ForumDocument>(COLLECTIONS.forums, {
      sort: [{ field: 'name', direction: 'asc' }],
      limit: filter.limit ?? DEFAULT_PAGE_LIMIT,
      cursor: filter.cursor ?? null,
    });
    return { items: page.items.map(toPublicForum), nextCursor: page.nextCursor };
  }
}

export class PublicForumQuery extends Query<PublicForumView> {
  constructor(readonly forumId: string, readonly minPosition: number | null = null) {
    super();
  }
}

/** One forum and the totals of what it published. */
@QueryHandler(PublicForumQuery)
export class PublicForumHandler implements IQueryHandler<PublicForumQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: PublicForumQuery): Promise<PublicForumView> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ forumId }: PublicForumQuery, models: ReadModelSnapshot): Promise<PublicForumView> {
    const forum = await models.get<ForumDocument>(COLLECTIONS.forums, forumId);
    if (!forum) throw new EntityNotFoundError('forum', forumId);
    const published = await models.all<CommitmentDocument>(COLLECTIONS.commitments, [{ field: 'forumId', op: 'eq', value: forumId }, PUBLISHED]);
    const byStatus: Record<string, number> = Object.fromEntries(PUBLISHED_COMMITMENT_STATUSES.map((s) => [s, 0]));
    for (const c of published) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
    const sum = (field: 'valueRupiah' | 'quantityDelivered' | 'rupiahDisbursed') => published.reduce((total, c) => total + (c[field] ?? 0), 0);
    return {
      ...toPublicForum(forum),
      totals: {
        commitments: published.length,
        byStatus,
        pledgedRupiah: published.filter((c) => c.status !== 'withdrawn' && c.status !== 'cancelled').reduce((total, c) => total + c.valueRupiah, 0),
        quantityDelivered: sum('quantityDelivered'),
        rupiahDisbursed: sum('rupiahDisbursed'),
      },
    };
  }
}
