import { SortKey } from '@ikrar/read-store';

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** A page of a list query: follow `nextCursor` until it is `null`. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** `-field` sorts descending, `field` ascending; the store adds `id` as the final tie-breaker. */
export function sortKey(spec: string): SortKey {
  return spec.startsWith('-') ? { field: spec.slice(1), direction: 'desc' } : { field: spec, direction: 'asc' };
}
