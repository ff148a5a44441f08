import { CommitmentListController } from './commitment-list.controller';
import { ForumViewsController } from './forum-views.controller';
import { PartnerObligationsController } from './partner-obligations.controller';
import { ProjectionsController } from './projections.controller';
import { PublicController } from '../public/public.controller';
import { ReviewQueueController } from './review-queue.controller';

/** Routes answering from the read models (projected documents), not from the event streams. */
export const VIEW_CONTROLLERS = [CommitmentListController, ReviewQueueController, PartnerObligationsController, ForumViewsController, ProjectionsController, PublicController];
