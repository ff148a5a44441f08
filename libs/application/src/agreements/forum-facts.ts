import { AgreementForumView, forumDecider, forumStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { loadAggregate } from '../shared';

/** What an agreement's rules need to know about its forum, as the ledger says now. */
export async function loadForumFacts(store: EventStore, forumId: string | null): Promise<AgreementForumView> {
  if (!forumId) return { established: false, meetingIds: [] };
  const forum = await loadAggregate(store, forumDecider, forumStreamId(forumId));
  return {
    established: forum.state.status === 'established',
    meetingIds: forum.state.meetings.map((meeting) => meeting.meetingId),
  };
}
