import { Decider } from '../shared';
import { CommitmentCommand } from './commitment.commands';
import { decideCommitment } from './commitment.decide';
import { CommitmentEvent } from './commitment.events';
import { evolveCommitment } from './commitment.evolve';
import { CommitmentState, initialCommitmentState } from './commitment.state';

export * from './commitment.commands';
export * from './commitment.events';
export * from './commitment.state';
export * from './commitment.decide';
export * from './commitment.evolve';

export const COMMITMENT_STREAM_CATEGORY = 'commitment';

export function commitmentStreamId(commitmentId: string): string {
  return `${COMMITMENT_STREAM_CATEGORY}-${commitmentId}`;
}

export const COMMITMENT_EVENT_SCHEMA_VERSIONS: Record<CommitmentEvent['type'], number> = {
  CommitmentPledged: 1,
  CommitmentAccepted: 1,
  CommitmentReduced: 1,
  CommitmentAmended: 1,
  CommitmentMilestoneMet: 1,
  CommitmentWithdrawn: 1,
  CommitmentCancelled: 1,
  CommitmentClosed: 1,
};

/** Every event type of this aggregate (for projections: an event type no projection knows is a recorded failure). */
export const COMMITMENT_EVENT_TYPES = Object.keys(COMMITMENT_EVENT_SCHEMA_VERSIONS) as readonly CommitmentEvent['type'][];

export const commitmentDecider: Decider<CommitmentCommand, CommitmentEvent, CommitmentState> = {
  initialState: initialCommitmentState,
  decide: decideCommitment,
  evolve: evolveCommitment,
};
