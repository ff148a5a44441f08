import { ForumDashboardHandler } from './forum-dashboard';
import { ForumRolesHandler } from './forum-roles';
import { ListCommitmentsHandler } from './list-commitments';
import { PartnerObligationsHandler } from './partner-obligations';
import { ProjectionsStatusHandler } from './projections-status';
import { PUBLIC_VIEW_HANDLERS } from './public';
import { ReadModels } from './read-models';
import { ReviewQueueHandler } from './review-queue';

export * from './ports';
export * from './errors';
export * from './documents';
export * from './commitment-status';
export * from './items';
export * from './paging';
export * from './read-models';
export * from './reporting-light';
export * from './list-commitments';
export * from './partner-obligations';
export * from './forum-dashboard';
export * from './forum-roles';
export * from './review-queue';
export * from './projections-status';
export * from './public';

/** Queries over the read models (the projected documents), plus their shared access helper. */
export const VIEW_HANDLERS = [
  ReadModels,
  ListCommitmentsHandler,
  PartnerObligationsHandler,
  ForumDashboardHandler,
  ForumRolesHandler,
  ReviewQueueHandler,
  ProjectionsStatusHandler,
  ...PUBLIC_VIEW_HANDLERS,
];
