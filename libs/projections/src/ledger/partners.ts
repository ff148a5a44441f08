import type { RecordedEvent } from '@ikrar/event-store';
import { EventHandler, keys } from '../define-projection';
import type { Draft, WriteOptions } from '../draft';
import { idIn } from '../payload';
import type { DocumentKey, DocumentLookup } from '../projection';
import {
  CommitmentDocument,
  CommitmentReportsDocument,
  LEDGER_COLLECTIONS as C,
  PartnerCommitmentsDocument,
  PartnerDocument,
  ReportDocument,
} from './documents';

const OWN: WriteOptions = { own: true };
const FOREIGN: WriteOptions = { own: false };

export const PARTNER_HANDLERS: Readonly<Record<string, EventHandler>> = {
  PartnerRegistered: {
    schemaVersion: 1,
    reads: (event) => keys([C.partners, idIn(event, 'partnerId')]),
    project(data, draft) {
      draft.put<PartnerDocument>(
        C.partners,
        data.text('partnerId'),
        { name: data.text('name'), sector: data.text('sector'), regionCode: data.nullableText('regionCode'), status: 'active' },
        OWN,
      );
    },
  },

  PartnerDetailsUpdated: {
    schemaVersion: 1,
    reads: (event, docs) => [...keys([C.partners, idIn(event, 'partnerId')]), ...carriersOfPartner(event, docs)],
    project(data, draft) {
      const partnerId = data.text('partnerId');
      const changes = data.object('changes');
      const name = changes.has('name') ? changes.text('name') : undefined;
      const sector = changes.has('sector') ? changes.text('sector') : undefined;
      const regionCode = changes.has('regionCode') ? changes.nullableText('regionCode') : undefined;
      draft.update<PartnerDocument>(
        C.partners,
        partnerId,
        () => ({
          ...(name !== undefined && { name }),
          ...(sector !== undefined && { sector }),
          ...(regionCode !== undefined && { regionCode }),
        }),
        OWN,
      );
      if (name !== undefined || sector !== undefined) propagatePartner(draft, partnerId, name !== undefined);
    },
  },

  PartnerDeactivated: {
    schemaVersion: 1,
    reads: (event) => keys([C.partners, idIn(event, 'partnerId')]),
    project(data, draft) {
      data.text('reason');
      draft.update<PartnerDocument>(C.partners, data.text('partnerId'), () => ({ status: 'deactivated' }), OWN);
    },
  },

  // No field of the document changes (the contact never reaches the read model), but its revision does.
  PartnerContactErased: {
    schemaVersion: 1,
    reads: (event) => keys([C.partners, idIn(event, 'partnerId')]),
    project(data, draft) {
      draft.update<PartnerDocument>(C.partners, data.text('partnerId'), () => ({}), OWN);
    },
  },
};

/**
 * The link document and, once it is fetched, every commitment that shows the partner's name with its
 * list of reports, and once those are fetched, every report (the reports listed on the partner's link
 * document by earlier versions too).
 */
function carriersOfPartner(event: RecordedEvent, docs: DocumentLookup): DocumentKey[] {
  const partnerId = idIn(event, 'partnerId');
  if (partnerId === null) return [];
  const links = docs.get(C.partnerCommitments, partnerId) as PartnerCommitmentsDocument | null;
  const commitmentIds = links?.commitmentIds ?? [];
  return [
    { collection: C.partnerCommitments, id: partnerId },
    ...commitmentIds.map((id) => ({ collection: C.commitments, id })),
    ...commitmentIds.map((id) => ({ collection: C.commitmentReports, id })),
    ...reportsOfPartner(links, (commitmentId) => docs.get(C.commitmentReports, commitmentId) as CommitmentReportsDocument | null).map((id) => ({ collection: C.reports, id })),
  ];
}

/** Every report of the partner: those listed on its commitments, and those its link document lists (older read models). */
function reportsOfPartner(links: PartnerCommitmentsDocument | null, reportsOf: (commitmentId: string) => CommitmentReportsDocument | null): string[] {
  const ids = new Set(links?.reportIds ?? []);
  for (const commitmentId of links?.commitmentIds ?? []) for (const report of reportsOf(commitmentId)?.reports ?? []) ids.add(report.reportId);
  return [...ids];
}

/** Commitments and reports show the partner's current name (and commitments its sector). */
function propagatePartner(draft: Draft, partnerId: string, nameChanged: boolean): void {
  const partner = draft.require<PartnerDocument>(C.partners, partnerId);
  const links = draft.get<PartnerCommitmentsDocument>(C.partnerCommitments, partnerId);
  for (const commitmentId of links?.commitmentIds ?? []) {
    draft.update<CommitmentDocument>(C.commitments, commitmentId, () => ({ partnerName: partner.name, partnerSector: partner.sector }), FOREIGN);
  }
  if (!nameChanged) return;
  for (const reportId of reportsOfPartner(links, (commitmentId) => draft.get<CommitmentReportsDocument>(C.commitmentReports, commitmentId))) {
    draft.update<ReportDocument>(C.reports, reportId, () => ({ partnerName: partner.name }), FOREIGN);
  }
}
