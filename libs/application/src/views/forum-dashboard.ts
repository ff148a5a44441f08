import { assertForumVisible } from './scope';
import { Principal } from '@ikrar/access';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { PROGRAMMES, SECTORS } from '@ikrar/domain';
import { EntityNotFoundError, LoadOptions } from '../shared';
import { COMMITMENT_STATUSES, isOverdue } from './commitment-status';
import { COLLECTIONS, CommitmentDocument, ForumDocument } from './documents';
import { latest, ReportingLight, reportingLight } from './reporting-light';
import { ReadModels, ReadModelSnapshot } from './read-models';

export interface FulfilmentSummary {
  readonly fulfilled: number;
  readonly partiallyFulfilled: number;
  /** Pledged or accepted and past their due date today. */
  readonly overdue: number;
  /** `fulfilled / (fulfilled + partiallyFulfilled + overdue)`, 4 decimals; `null` when nothing is closed or overdue. */
  readonly rate: number | null;
}

export interface PartnerReportingView {
  readonly partnerId: string;
  readonly partnerName: string | null;
  readonly partnerSector: string | null;
  readonly light: ReportingLight;
  /** Latest period end of a submitted or accepted report on any of the partner's commitments in the forum. */
  readonly lastReportPeriodEnd: string | null;
  /** Commitments in the forum, any status. */
  readonly commitments: number;
  /** Pledged or accepted. */
  readonly openCommitments: number;
}

export interface ForumDashboardView {
  readonly forumId: string;
  readonly forumName: string;
  readonly asOf: string;
  readonly totalCommitments: number;
  readonly overdueCommitments: number;
  /** Every status, programme and sector is listed, with 0 where nothing matches (`unknown`: a sector the read model lacks). */
  readonly byStatus: Record<string, number>;
  readonly byProgramme: Record<string, number>;
  readonly bySector: Record<string, number>;
  readonly fulfilmentRate: number | null;
  readonly fulfilment: FulfilmentSummary;
  /** One entry per partner with a commitment in the forum, by name. */
  readonly partners: PartnerReportingView[];
}

export class ForumDashboardQuery extends Query<ForumDashboardView> {
  /** `asOf`: the view as of a past instant (recording or business time), judged on that day; `{}`: today. */
  constructor(readonly forumId: string, readonly viewer: Principal, readonly minPosition: number | null = null, readonly asOf: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(ForumDashboardQuery)
export class ForumDashboardHandler implements IQueryHandler<ForumDashboardQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: ForumDashboardQuery): Promise<ForumDashboardView> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models), query.asOf);
  }

  private async answer({ forumId, viewer }: ForumDashboardQuery, models: ReadModelSnapshot): Promise<ForumDashboardView> {
    assertForumVisible(viewer, forumId);
    const forum = await models.get<ForumDocument>(COLLECTIONS.forums, forumId);
    if (!forum) throw new EntityNotFoundError('forum', forumId);
    const commitments = await models.all<CommitmentDocument>(COLLECTIONS.commitments, [{ field: 'forumId', op: 'eq', value: forumId }]);
    const today = models.today;
    const fulfilment = fulfilmentOf(commitments, today);
    return {
      forumId,
      forumName: forum.name,
      asOf: today,
      totalCommitments: commitments.length,
      overdueCommitments: fulfilment.overdue,
      byStatus: countBy(COMMITMENT_STATUSES, commitments, (c) => c.status),
      byProgramme: countBy(PROGRAMMES, commitments, (c) => c.programme),
      bySector: countBy(SECTORS, commitments, (c) => c.partnerSector ?? 'unknown'),
      fulfilmentRate: fulfilment.rate,
      fulfilment,
      partners: reportingByPartner(commitments, today),
    };
  }
}

export function fulfilmentOf(commitments: readonly CommitmentDocument[], today: string): FulfilmentSummary {
  const fulfilled = commitments.filter((c) => c.status === 'fulfilled').length;
  const partiallyFulfilled = commitments.filter((c) => c.status === 'partially-fulfilled').length;
  const overdue = commitments.filter((c) => isOverdue(c, today)).length;
  const denominator = fulfilled + partiallyFulfilled + overdue;
  return { fulfilled, partiallyFulfilled, overdue, rate: denominator === 0 ? null : Math.round((fulfilled / denominator) * 10_000) / 10_000 };
}

function reportingByPartner(commitments: readonly CommitmentDocument[], today: string): PartnerReportingView[] {
  const byPartner = new Map<string, CommitmentDocument[]>();
  for (const c of commitments) byPartner.set(c.partnerId, [...(byPartner.get(c.partnerId) ?? []), c]);
  return [...byPartner.entries()]
    .map(([partnerId, own]) => {
      const newest = own.reduce((a, b) => (b.position > a.position ? b : a));
      return {
        partnerId,
        // The most recently changed commitment carries the partner's latest name and sector.
        partnerName: newest.partnerName ?? null,
        partnerSector: newest.partnerSector ?? null,
        light: reportingLight(own, today),
        lastReportPeriodEnd: latest(own.map((c) => c.lastReportPeriodEnd ?? null)),
        commitments: own.length,
        openCommitments: own.filter((c) => c.status === 'pledged' || c.status === 'accepted').length,
      };
    })
    .sort((a, b) => (a.partnerName ?? '').localeCompare(b.partnerName ?? '') || a.partnerId.localeCompare(b.partnerId));
}

function countBy<T>(keys: readonly string[], items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
