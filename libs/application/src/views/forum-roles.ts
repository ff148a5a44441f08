import { assertForumVisible } from './scope';
import { Principal } from '@ikrar/access';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { rolePeriodEnd } from '@ikrar/domain';
import { EntityNotFoundError } from '../shared';
import { COLLECTIONS, ForumDocument, RoleAssignmentDocument, RolePeriodDocument } from './documents';
import { ReadModels, ReadModelSnapshot } from './read-models';

export interface RoleHolderView {
  readonly assignmentId: string;
  readonly partnerId: string;
  readonly partnerName: string | null;
  readonly role: string;
  readonly iatiOrganisationRole: number;
  readonly scopeType: 'forum' | 'agreement';
  readonly scopeId: string;
  /** The period that counts on the asked date. */
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revokedOn: string | null;
}

export interface RoleHistoryView {
  readonly assignmentId: string;
  readonly partnerId: string;
  readonly partnerName: string | null;
  readonly role: string;
  readonly iatiOrganisationRole: number;
  readonly scopeType: 'forum' | 'agreement';
  readonly scopeId: string;
  /** Every period, oldest first. */
  readonly periods: RolePeriodDocument[];
}

export interface ForumRolesView {
  readonly forumId: string;
  readonly at: string;
  /** Who held which role on `at`, in the forum itself or in one of its agreements. */
  readonly holders: RoleHolderView[];
  /** Every assignment in the forum or its agreements, with all its periods. */
  readonly history: RoleHistoryView[];
}

export class ForumRolesQuery extends Query<ForumRolesView> {
  /** `at`: a calendar day; `null` means today. */
  constructor(readonly forumId: string, readonly viewer: Principal, readonly at: string | null = null, readonly minPosition: number | null = null) {
    super();
  }
}

@QueryHandler(ForumRolesQuery)
export class ForumRolesHandler implements IQueryHandler<ForumRolesQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute(query: ForumRolesQuery): Promise<ForumRolesView> {
    return this.readModels.read(query.minPosition, (models) => this.answer(query, models));
  }

  private async answer({ forumId, viewer, at }: ForumRolesQuery, models: ReadModelSnapshot): Promise<ForumRolesView> {
    assertForumVisible(viewer, forumId);
    const forum = await models.get<ForumDocument>(COLLECTIONS.forums, forumId);
    if (!forum) throw new EntityNotFoundError('forum', forumId);
    const day = at ?? models.today;
    const assignments = (await models.all<RoleAssignmentDocument>(COLLECTIONS.roleAssignments, [{ field: 'forumId', op: 'eq', value: forumId }])).sort(
      byRoleThenPartner,
    );
    const holders: RoleHolderView[] = [];
    for (const assignment of assignments) {
      const period = assignment.periods.find((p) => holdsOn(p, day));
      if (period) {
        holders.push({
          ...identity(assignment),
          validFrom: period.validFrom,
          validUntil: period.validUntil,
          revokedOn: period.revokedOn,
        });
      }
    }
    return { forumId, at: day, holders, history: assignments.map((a) => ({ ...identity(a), periods: a.periods.map(copyPeriod) })) };
  }
}

/** A period counts from `validFrom` through its end, where a revoked period ends on `revokedOn` inclusive (the domain's rule). */
export function holdsOn(period: RolePeriodDocument, day: string): boolean {
  const end = rolePeriodEnd({ ...period, revocationReason: period.revocationReason ?? null });
  return period.validFrom <= day && (end === null || day <= end);
}

function identity(a: RoleAssignmentDocument) {
  return {
    assignmentId: a.id,
    partnerId: a.partnerId,
    partnerName: a.partnerName ?? null,
    role: a.role,
    iatiOrganisationRole: a.iatiOrganisationRole,
    scopeType: a.scopeType,
    scopeId: a.scopeId,
  };
}

function copyPeriod(p: RolePeriodDocument): RolePeriodDocument {
  return { validFrom: p.validFrom, validUntil: p.validUntil ?? null, revokedOn: p.revokedOn ?? null, revocationReason: p.revocationReason ?? null };
}

function byRoleThenPartner(a: RoleAssignmentDocument, b: RoleAssignmentDocument): number {
  return (
    a.role.localeCompare(b.role) ||
    (a.partnerName ?? '').localeCompare(b.partnerName ?? '') ||
    a.scopeType.localeCompare(b.scopeType) ||
    a.scopeId.localeCompare(b.scopeId) ||
    a.id.localeCompare(b.id)
  );
}
