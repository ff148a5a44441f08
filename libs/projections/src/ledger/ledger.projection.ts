import { defineProjection } from '../define-projection';
import type { Projection } from '../projection';
import { AGREEMENT_HANDLERS } from './agreements';
import { COMMITMENT_HANDLERS } from './commitments';
import { LEDGER_COLLECTIONS } from './documents';
import { FORUM_HANDLERS } from './forums';
import { LEDGER_INDEXES } from './indexes';
import { PARTNER_HANDLERS } from './partners';
import { REPORT_HANDLERS } from './reports';

export const LEDGER_PROJECTION_NAME = 'ledger';

/** Partners, forums, agreements, commitments and reports: the documents the queries read (role events belong to `roles`). */
export function createLedgerProjection(): Projection {
  return defineProjection({
    name: LEDGER_PROJECTION_NAME,
    collections: Object.values(LEDGER_COLLECTIONS),
    indexes: LEDGER_INDEXES,
    handlers: { ...PARTNER_HANDLERS, ...FORUM_HANDLERS, ...AGREEMENT_HANDLERS, ...COMMITMENT_HANDLERS, ...REPORT_HANDLERS },
  });
}
