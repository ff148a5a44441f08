import { ListPublicCommitmentsHandler, PublicCommitmentHandler } from './public-commitments';
import { ListPublicForumsHandler, PublicForumHandler } from './public-forums';

export * from './published';
export * from './public-forums';
export * from './public-commitments';

/** Anonymous views of what forums have published (`GET /public/...`). */
export const PUBLIC_VIEW_HANDLERS = [ListPublicForumsHandler, PublicForumHandler, ListPublicCommitmentsHandler, PublicCommitmentHandler];
