import type { ReadStore } from '@ikrar/read-store';
import type { LoadOptions } from '../shared';

/** One projection's progress as the projector reports it on `GET /projections`. */
export interface ProjectionStatus {
  readonly projection: string;
  /** Global position of the last event the projection covered; `null` before the first. */
  readonly position: number | null;
  /** Global position of the newest event in the log (0 when it is empty). */
  readonly headPosition: number;
  /** How many positions the projection is behind the head. */
  readonly lag: number;
  /** How many events the projection could not project (recorded, reported, never silently skipped). */
  readonly failures: number;
}

/**
 * What the queries need from the projector: the runner in `@ikrar/projections` satisfies it
 * structurally, so the application layer does not depend on how projection is run.
 */
export interface ProjectionProgress {
  /** Resolves `true` once every projection covered `position`, `false` after `timeoutMs`. */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  status(): Promise<readonly ProjectionStatus[]>;
  /**
   * The read models as of a past instant: the log replayed up to it (by recording or business time)
   * with the live reducers into a throwaway store, whose active generation holds the result.
   */
  replayAsOf(limits: LoadOptions): Promise<ReadStore>;
}
