import type { RecordedEvent } from '@ikrar/event-store';
import { EventHandler, keys } from '../define-projection';
import type { Draft, WriteOptions } from '../draft';
import { idIn } from '../payload';
import type { DocumentKey, DocumentLookup } from '../projection';
import {
  CommitmentDocument,
  CommitmentReportsDocument,
  LEDGER_COLLECTIONS as C,
  PartnerDocument,
  ReportDocument,
  ReportStatus,
} from './documents';

const OWN: WriteOptions = { own: true };
const FOREIGN: WriteOptions = { own: false };

/** The report and, once it is fetched, the commitment it reports on (the event names only the report). */
function reportAndItsCommitment(event: RecordedEvent, docs: DocumentLookup): DocumentKey[] {
  const reportId = idIn(event, 'reportId');
  const report = reportId === null ? null : (docs.get(C.reports, reportId) as ReportDocument | null);
  const commitmentId = report?.commitmentId ?? null;
  return keys([C.reports, reportId], [C.commitments, commitmentId], [C.commitmentReports, commitmentId]);
}

export const REPORT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  ReportDrafted: {
    schemaVersion: 1,
    // Names the commitment too: a later event of the same batch follows the report's link to it.
    reads: (event) => {
      const commitmentId = idIn(event, 'commitmentId');
      return keys([C.reports, idIn(event, 'reportId')], [C.partners, idIn(event, 'partnerId')], [C.commitments, commitmentId], [C.commitmentReports, commitmentId]);
    },
    project(data, draft) {
      const reportId = data.text('reportId');
      const partnerId = data.text('partnerId');
      const partner = draft.get<PartnerDocument>(C.partners, partnerId);
      draft.put<ReportDocument>(
        C.reports,
        reportId,
        {
          commitmentId: data.text('commitmentId'),
          forumId: data.text('forumId'),
          partnerId,
          partnerName: partner?.name ?? null,
          periodStart: data.date('periodStart'),
          periodEnd: data.date('periodEnd'),
          quantityDelivered: data.count('quantityDelivered'),
          rupiahDisbursed: data.count('rupiahDisbursed'),
          narrative: data.text('narrative'),
          // Evidence is counted; the items themselves stay in the ledger.
          evidenceCount: data.list('evidence').length,
          status: 'draft',
          submissionNumber: 0,
          draftedAt: draft.event.recordedAt,
          submittedAt: null,
          reviewedAt: null,
          lastReturnComments: null,
        },
        OWN,
      );
      // The commitment's list of reports is how a partner rename reaches this report (the partner's own
      // link document lists its commitments; listing every report there made it grow with all history).
      listOnCommitment(draft, reportId, data.text('commitmentId'), data.date('periodEnd'));
    },
  },

  ReportRevised: {
    schemaVersion: 1,
    reads: (event) => keys([C.reports, idIn(event, 'reportId')]),
    project(data, draft) {
      const changes = data.object('changes');
      draft.update<ReportDocument>(
        C.reports,
        data.text('reportId'),
        () => ({
          ...(changes.has('quantityDelivered') && { quantityDelivered: changes.count('quantityDelivered') }),
          ...(changes.has('rupiahDisbursed') && { rupiahDisbursed: changes.count('rupiahDisbursed') }),
          ...(changes.has('narrative') && { narrative: changes.text('narrative') }),
          ...(changes.has('evidence') && { evidenceCount: changes.list('evidence').length }),
        }),
        OWN,
      );
    },
  },

  ReportSubmitted: {
    schemaVersion: 1,
    reads: reportAndItsCommitment,
    project(data, draft) {
      const reportId = data.text('reportId');
      const submissionNumber = data.count('submissionNumber');
      draft.update<ReportDocument>(C.reports, reportId, () => ({ status: 'submitted', submissionNumber, submittedAt: draft.event.recordedAt }), OWN);
      trackOnCommitment(draft, reportId, 'submitted');
    },
  },

  ReportReturned: {
    schemaVersion: 1,
    reads: reportAndItsCommitment,
    project(data, draft) {
      const reportId = data.text('reportId');
      const comments = data.text('comments');
      draft.update<ReportDocument>(C.reports, reportId, () => ({ status: 'returned', reviewedAt: draft.event.recordedAt, lastReturnComments: comments }), OWN);
      trackOnCommitment(draft, reportId, 'returned');
    },
  },

  // Only accepted reports count toward fulfilment; the event carries the amounts it accepted.
  ReportAccepted: {
    schemaVersion: 1,
    reads: reportAndItsCommitment,
    project(data, draft) {
      const reportId = data.text('reportId');
      data.text('commitmentId');
      const quantityDelivered = data.count('quantityDelivered');
      const rupiahDisbursed = data.count('rupiahDisbursed');
      draft.update<ReportDocument>(
        C.reports,
        reportId,
        () => ({ status: 'accepted', reviewedAt: draft.event.recordedAt, quantityDelivered, rupiahDisbursed }),
        OWN,
      );
      trackOnCommitment(draft, reportId, 'accepted', (commitment) => ({
        quantityDelivered: commitment.quantityDelivered + quantityDelivered,
        rupiahDisbursed: commitment.rupiahDisbursed + rupiahDisbursed,
        reportsAccepted: commitment.reportsAccepted + 1,
      }));
    },
  },
};

/** Adds a new draft to its commitment's list of reports (drafts do not count toward `lastReportPeriodEnd`). */
function listOnCommitment(draft: Draft, reportId: string, commitmentId: string, periodEnd: string): void {
  const current = draft.get<CommitmentReportsDocument>(C.commitmentReports, commitmentId)?.reports ?? [];
  if (current.some((r) => r.reportId === reportId)) return;
  draft.put<CommitmentReportsDocument>(C.commitmentReports, commitmentId, { reports: [...current, { reportId, periodEnd, status: 'draft' }] }, FOREIGN);
}

/** Updates the commitment's view of its reports: `lastReportPeriodEnd` over reports now submitted or accepted. */
function trackOnCommitment(
  draft: Draft,
  reportId: string,
  status: ReportStatus,
  more: (commitment: CommitmentDocument) => Partial<CommitmentDocument> = () => ({}),
): void {
  const report = draft.require<ReportDocument>(C.reports, reportId);
  const commitmentId = report.commitmentId;
  const current = draft.get<CommitmentReportsDocument>(C.commitmentReports, commitmentId)?.reports ?? [];
  const entry = { reportId, periodEnd: report.periodEnd, status };
  const reports = current.some((r) => r.reportId === reportId)
    ? current.map((r) => (r.reportId === reportId ? entry : r))
    : [...current, entry];
  draft.put<CommitmentReportsDocument>(C.commitmentReports, commitmentId, { reports }, FOREIGN);
  const counted = reports.filter((r) => r.status === 'submitted' || r.status === 'accepted').map((r) => r.periodEnd);
  const lastReportPeriodEnd = counted.length === 0 ? null : counted.reduce((a, b) => (b > a ? b : a));
  draft.update<CommitmentDocument>(C.commitments, commitmentId, (commitment) => ({ lastReportPeriodEnd, ...more(commitment) }), FOREIGN);
}
