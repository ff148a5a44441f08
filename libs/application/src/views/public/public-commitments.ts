import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { FieldFilter } from '@ikrar/read-store';
import { EntityNotFoundError } from '../../shared';
import { COLLECTIONS, CommitmentDocument, ForumDocument, ReportDocument } from '../documents';
import { DEFAULT_PAGE_LIMIT, Page } from '../paging';
import { ReadModels, ReadModelSnapshot } from '../read-models';
import {
  isPublished,
  PUBLISHED,
  PublicCommitmentItem,
  PublicCommitmentView,
  PublishedCommitmentStatus,
  toPublicCommitmentItem,
  toPublicReportSummary,
} from './published';

export interface PublicCommitmentFilter {
  /** Any of these (published) statuses. */
  readonly status?: readonly PublishedCommitmentStatus[];
  readonly programme?: string;
  readonly partnerId?: string;
  readonly limit?: number;
  readonly cursor?: string;
}

export class ListPublicCommitmentsQuery extends Query<Page<PublicCommitmentItem>> {
  constructor(readonly forumId: string, readonly filter: PublicCommitmentFilter = {}, readonly minPosition: number | null = null) {
    super();
  }
}

/** A forum's published commitments, soonest due first (ties by id), in cursor pages; an unknown forum is a 404. */
@QueryHandler(ListPublicCommitmentsQuery)
export class ListPublicCommitmentsHandler implements IQueryHandler<ListPublicCommitmentsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: ListPublicCommitmentsQuery): Promise<Page<PublicCommitmentItem>> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ forumId, filter }: ListPublicCommitmentsQuery, models: ReadModelSnapshot): Promise<Page<PublicCommitmentItem>> {
    if (!(await models.get<ForumDocument>(COLLECTIONS.forums, forumId))) throw new EntityNotFoundError('forum', forumId);
    const where: FieldFilter[] = [{ field: 'forumId', op: 'eq', value: forumId }, PUBLISHED];
    if (filter.status !== undefined) {
      where.push(filter.status.length === 1 ? { field: 'status', op: 'eq', value: filter.status[0] } : { field: 'status', op: 'in', values: filter.status });
    }
    if (filter.programme !== undefined) where.push({ field: 'programme', op: 'eq', value: filter.programme });
    if (filter.partnerId !== undefined) where.push({ field: 'partnerId', op: 'eq', value: filter.partnerId });
    const page = await models.page<CommitmentDocument>(COLLECTIONS.commitments, {
      where,
      sort: [{ field: 'dueDate', direction: 'asc' }],
      limit: filter.limit ?? DEFAULT_PAGE_LIMIT,
      cursor: filter.cursor ?? null,
    });
    return { items: page.items.map(toPublicCommitmentItem), nextCursor: page.nextCursor };
  }
}

export class PublicCommitmentQuery extends Query<PublicCommitmentView> {
  constructor(readonly commitmentId: string, readonly minPosition: number | null = null) {
    super();
  }
}

/** One published commitment with its milestones and accepted report summaries; unknown or unpublished: 404 alike. */
@QueryHandler(PublicCommitmentQuery)
export class PublicCommitmentHandler implements IQueryHandler<PublicCommitmentQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: PublicCommitmentQuery): Promise<PublicCommitmentView> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ commitmentId }: PublicCommitmentQuery, models: ReadModelSnapshot): Promise<PublicCommitmentView> {
    const commitment = await models.get<CommitmentDocument>(COLLECTIONS.commitments, commitmentId);
    if (!commitment || !isPublished(commitment)) throw new EntityNotFoundError('commitment', commitmentId);
    const reports = await models.all<ReportDocument>(
      COLLECTIONS.reports,
      [
        { field: 'commitmentId', op: 'eq', value: commitmentId },
        { field: 'status', op: 'eq', value: 'accepted' },
      ],
      [
        { field: 'periodStart', direction: 'asc' },
        { field: 'periodEnd', direction: 'asc' },
      ],
    );
    return {
      ...toPublicCommitmentItem(commitment),
      forumId: commitment.forumId,
      milestones: (commitment.milestones ?? []).map((m) => ({ title: m.title, dueDate: m.dueDate, metOn: m.metOn ?? null })),
      reports: reports.map(toPublicReportSummary),
    };
  }
}
