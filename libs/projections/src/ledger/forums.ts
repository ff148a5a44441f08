import { EventHandler, keys } from '../define-projection';
import type { WriteOptions } from '../draft';
import { idIn } from '../payload';
import { ForumDocument, LEDGER_COLLECTIONS as C } from './documents';

const OWN: WriteOptions = { own: true };

export const FORUM_HANDLERS: Readonly<Record<string, EventHandler>> = {
  ForumEstablished: {
    schemaVersion: 1,
    reads: (event) => keys([C.forums, idIn(event, 'forumId')]),
    project(data, draft) {
      draft.put<ForumDocument>(
        C.forums,
        data.text('forumId'),
        {
          name: data.text('name'),
          regionCode: data.text('regionCode'),
          programmes: data.texts('programmes'),
          secretariatPartnerId: data.text('secretariatPartnerId'),
          meetingCount: 0,
        },
        OWN,
      );
    },
  },

  MeetingRecorded: {
    schemaVersion: 1,
    reads: (event) => keys([C.forums, idIn(event, 'forumId')]),
    project(data, draft) {
      data.text('meetingId');
      data.date('heldOn');
      draft.update<ForumDocument>(C.forums, data.text('forumId'), (forum) => ({ meetingCount: forum.meetingCount + 1 }), OWN);
    },
  },
};
