import { canRead, listScope, Principal } from '@ikrar/access';
import { FieldFilter } from '@ikrar/read-store';
import { EntityNotFoundError } from '../shared';

/**
 * The filters that keep a list to what the viewer may see (rows of its forums, or of its own
 * organisation); `null` when it may see no row at all.
 */
export function visibleRows(viewer: Principal): FieldFilter[] | null {
  const scope = listScope(viewer);
  if ('all' in scope) return [];
  if ('partnerId' in scope) return [{ field: 'partnerId', op: 'eq', value: scope.partnerId }];
  if ('forumIds' in scope && scope.forumIds.length > 0) {
    return [scope.forumIds.length === 1 ? { field: 'forumId', op: 'eq', value: scope.forumIds[0] } : { field: 'forumId', op: 'in', values: [...scope.forumIds] }];
  }
  return null;
}

/** A forum-level view (dashboard, roles): 404 when the viewer may not see the forum, as if it did not exist. */
export function assertForumVisible(viewer: Principal, forumId: string): void {
  if (!canRead(viewer, { kind: 'forum', forumId, partnerIds: [] })) throw new EntityNotFoundError('forum', forumId);
}
