import type { IndexSpec } from '@ikrar/read-store';
import { LEDGER_COLLECTIONS as C } from './documents';

/** The fields the queries filter and sort by (GET /commitments, obligations, dashboard, review queue). */
export const LEDGER_INDEXES: readonly IndexSpec[] = [
  { collection: C.agreements, fields: ['forumId'] },
  // Equality fields first, then the default sort (dueDate): a filtered list or an obligations view reads
  // its page in index order instead of sorting every match.
  { collection: C.commitments, fields: ['forumId', 'status', 'dueDate'] },
  { collection: C.commitments, fields: ['partnerId', 'status', 'dueDate'] },
  { collection: C.commitments, fields: ['agreementId'] },
  { collection: C.commitments, fields: ['status', 'dueDate'] },
  { collection: C.commitments, fields: ['programme', 'dueDate'] },
  // A secretariat's list is always within its forums: by programme it reads the forum's programme in order
  // (through programme/dueDate alone it would walk every forum's commitments of that programme).
  { collection: C.commitments, fields: ['forumId', 'programme', 'dueDate'] },
  { collection: C.commitments, fields: ['regionCode'] },
  { collection: C.commitments, fields: ['dueDate'] },
  { collection: C.commitments, fields: ['pledgedAt'] },
  { collection: C.reports, fields: ['status', 'submittedAt'] },
  { collection: C.reports, fields: ['forumId', 'status'] },
  { collection: C.reports, fields: ['partnerId', 'status'] },
  { collection: C.reports, fields: ['commitmentId'] },
];
