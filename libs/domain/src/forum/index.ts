import { Decider } from '../shared';
import { ForumCommand } from './forum.commands';
import { decideForum } from './forum.decide';
import { ForumEvent } from './forum.events';
import { evolveForum } from './forum.evolve';
import { ForumState, initialForumState } from './forum.state';

export * from './forum.commands';
export * from './forum.events';
export * from './forum.state';
export * from './forum.decide';
export * from './forum.evolve';

export const FORUM_STREAM_CATEGORY = 'forum';

export function forumStreamId(forumId: string): string {
  return `${FORUM_STREAM_CATEGORY}-${forumId}`;
}

export const FORUM_EVENT_SCHEMA_VERSIONS: Record<ForumEvent['type'], number> = {
  ForumEstablished: 1,
  MeetingRecorded: 1,
};

/** Every event type of this aggregate (for projections: an event type no projection knows is a recorded failure). */
export const FORUM_EVENT_TYPES = Object.keys(FORUM_EVENT_SCHEMA_VERSIONS) as readonly ForumEvent['type'][];

export const forumDecider: Decider<ForumCommand, ForumEvent, ForumState> = {
  initialState: initialForumState,
  decide: decideForum,
  evolve: evolveForum,
};
