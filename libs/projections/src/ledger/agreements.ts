import { EventHandler, keys } from '../define-projection';
import type { WriteOptions } from '../draft';
import { Fields, idIn } from '../payload';
import { AgreementDocument, LEDGER_COLLECTIONS as C } from './documents';

const OWN: WriteOptions = { own: true };

export const AGREEMENT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  AgreementRecorded: {
    schemaVersion: 1,
    reads: (event) => keys([C.agreements, idIn(event, 'agreementId')]),
    project(data, draft) {
      draft.put<AgreementDocument>(
        C.agreements,
        data.text('agreementId'),
        {
          forumId: data.text('forumId'),
          title: data.text('title'),
          status: 'in-force',
          effectiveFrom: data.date('effectiveFrom'),
          effectiveUntil: data.nullableDate('effectiveUntil'),
          partyPartnerIds: data.texts('partyPartnerIds'),
        },
        OWN,
      );
    },
  },

  // A correction (ralat) may also move the start; an amendment (adendum) cannot.
  AgreementCorrected: {
    schemaVersion: 1,
    reads: (event) => keys([C.agreements, idIn(event, 'agreementId')]),
    project(data, draft) {
      data.text('reason');
      const changes = termChanges(data.object('changes'), true);
      draft.update<AgreementDocument>(C.agreements, data.text('agreementId'), () => changes, OWN);
    },
  },

  AgreementAmended: {
    schemaVersion: 1,
    reads: (event) => keys([C.agreements, idIn(event, 'agreementId')]),
    project(data, draft) {
      data.count('amendmentNumber');
      data.date('amendedOn');
      const changes = termChanges(data.object('changes'), false);
      draft.update<AgreementDocument>(C.agreements, data.text('agreementId'), () => changes, OWN);
    },
  },

  AgreementTerminated: {
    schemaVersion: 1,
    reads: (event) => keys([C.agreements, idIn(event, 'agreementId')]),
    project(data, draft) {
      data.date('terminatedOn');
      draft.update<AgreementDocument>(C.agreements, data.text('agreementId'), () => ({ status: 'terminated' }), OWN);
    },
  },
};

/** The document's fields among the changes (meetingId and text are not in the read model). */
function termChanges(changes: Fields, startMayMove: boolean): Partial<AgreementDocument> {
  return {
    ...(changes.has('title') && { title: changes.text('title') }),
    ...(changes.has('partyPartnerIds') && { partyPartnerIds: changes.texts('partyPartnerIds') }),
    ...(startMayMove && changes.has('effectiveFrom') && { effectiveFrom: changes.date('effectiveFrom') }),
    ...(changes.has('effectiveUntil') && { effectiveUntil: changes.nullableDate('effectiveUntil') }),
  };
}
