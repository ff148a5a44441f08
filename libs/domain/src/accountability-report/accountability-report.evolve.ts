import { EvidenceItem } from './accountability-report.commands';
import { ReportEvent } from './accountability-report.events';
import { ReportState } from './accountability-report.state';

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolveReport(state: ReportState, event: ReportEvent): ReportState {
  if (event == null || typeof event !== 'object' || event.data == null || typeof event.data !== 'object') return state;
  switch (event.type) {
    case 'ReportDrafted': {
      const data = event.data;
      return {
        ...state,
        status: 'draft',
        reportId: data.reportId,
        commitmentId: data.commitmentId,
        forumId: data.forumId,
        partnerId: data.partnerId,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        quantityDelivered: data.quantityDelivered,
        rupiahDisbursed: data.rupiahDisbursed,
        narrative: data.narrative,
        evidence: copyEvidence(data.evidence),
        draftedBy: data.draftedBy ?? null,
      };
    }
    case 'ReportRevised': {
      const changes = event.data.changes != null && typeof event.data.changes === 'object' ? event.data.changes : {};
      const previous = event.data.previous != null && typeof event.data.previous === 'object' ? event.data.previous : {};
      const next: ReportState = { ...state, revisions: [...state.revisions, { changes: { ...changes }, previous: { ...previous } }] };
      if (changes.quantityDelivered !== undefined) next.quantityDelivered = changes.quantityDelivered;
      if (changes.rupiahDisbursed !== undefined) next.rupiahDisbursed = changes.rupiahDisbursed;
      if (changes.narrative !== undefined) next.narrative = changes.narrative;
      if (changes.evidence !== undefined) next.evidence = copyEvidence(changes.evidence);
      return next;
    }
    case 'ReportSubmitted':
      return {
        ...state,
        status: 'submitted',
        submissionNumber: typeof event.data.submissionNumber === 'number' ? event.data.submissionNumber : state.submissionNumber + 1,
        submittedBy: event.data.submittedBy ?? null,
      };
    case 'ReportReturned':
      return {
        ...state,
        status: 'returned',
        reviewedBy: event.data.reviewedBy ?? null,
        returns: [...state.returns, { comments: event.data.comments, reviewedBy: event.data.reviewedBy }],
      };
    case 'ReportAccepted':
      return { ...state, status: 'accepted', reviewedBy: event.data.reviewedBy ?? null };
    default:
      return state;
  }
}

function copyEvidence(evidence: unknown): EvidenceItem[] {
  return Array.isArray(evidence)
    ? evidence.filter((item) => item != null && typeof item === 'object').map((item: EvidenceItem) => ({ ...item }))
    : [];
}
