import {
  ActorRef,
  DomainRuleViolation,
  checkActor,
  isCalendarDate,
  isNonBlank,
  isNonNegativeInteger,
  isWholeRupiah,
  requireOwnPartner,
  requireSecretariat,
  rule,
} from '../shared';
import {
  AcceptReport,
  DraftReport,
  EvidenceItem,
  ReportCommand,
  ReportRevisionChanges,
  ReturnReport,
  SubmitReport,
} from './accountability-report.commands';
import { ReportEvent } from './accountability-report.events';
import { ReportState } from './accountability-report.state';

export function decideReport(command: ReportCommand, state: ReportState): ReportEvent[] {
  switch (command.type) {
    case 'DraftReport':
      return draft(command.data, state);
    case 'SubmitReport':
      return submit(command.data, state);
    case 'ReturnReport':
      return returnForRevision(command.data, state);
    case 'AcceptReport':
      return accept(command.data, state);
    default: {
      const unknown = command as { type?: unknown };
      throw new DomainRuleViolation('command-unknown', `Unknown report command ${String(unknown?.type)}`);
    }
  }
}

function draft(data: DraftReport['data'], state: ReportState): ReportEvent[] {
  const actor = checkActor(data.actor);
  rule(state.status === 'undrafted', 'report-already-drafted', 'This report is already drafted');
  rule(isNonBlank(data.reportId), 'report-id-required', 'A report needs an id');
  rule(isNonBlank(data.commitmentId), 'commitment-id-required', 'A report is on a commitment');
  const commitment = data.commitment;
  rule(
    commitment != null && typeof commitment === 'object' && commitment.status === 'accepted',
    'commitment-not-accepted',
    `Commitment ${data.commitmentId} is not accepted`,
  );
  requireOwnPartner(actor, commitment.partnerId, 'report-by-other-partner', 'A partner reports only on its own commitments');

  checkDate(data.periodStart, 'periodStart');
  checkDate(data.periodEnd, 'periodEnd');
  rule(data.periodStart <= data.periodEnd, 'report-period-invalid', `The period ends (${data.periodEnd}) before it starts (${data.periodStart})`);
  rule(
    (commitment.startDate == null || data.periodStart >= commitment.startDate) &&
      (commitment.dueDate == null || data.periodEnd <= commitment.dueDate),
    'report-period-outside-commitment-term',
    `The period ${data.periodStart}..${data.periodEnd} is outside the commitment's term ${commitment.startDate}..${commitment.dueDate}`,
  );
  checkDate(data.today, 'today');
  rule(data.periodStart <= data.today, 'date-in-future', `No actuals dated in the future: the period starts ${data.periodStart}`);

  checkQuantityDelivered(data.quantityDelivered);
  checkRupiahDisbursed(data.rupiahDisbursed);
  checkNarrative(data.narrative);
  const evidence = checkEvidence(data.evidence);

  return [
    {
      type: 'ReportDrafted',
      data: {
        reportId: data.reportId,
        commitmentId: data.commitmentId,
        forumId: commitment.forumId,
        partnerId: commitment.partnerId,
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        quantityDelivered: data.quantityDelivered,
        rupiahDisbursed: data.rupiahDisbursed,
        narrative: data.narrative,
        evidence,
        draftedBy: actor,
      },
    },
  ];
}

function submit(data: SubmitReport['data'], state: ReportState): ReportEvent[] {
  const actor = checkActor(data.actor);
  requireDrafted(data.reportId, state);
  rule(
    state.status === 'draft' || state.status === 'returned',
    'report-not-submittable',
    `Only a draft or returned report can be submitted (it is ${state.status})`,
  );
  requireOwnPartner(actor, state.partnerId, 'report-by-other-partner', 'A partner submits only its own reports');

  const requested: ReportRevisionChanges = data.changes != null && typeof data.changes === 'object' ? data.changes : {};
  const changes: ReportRevisionChanges = {};
  const previous: ReportRevisionChanges = {};
  if (requested.quantityDelivered !== undefined) {
    checkQuantityDelivered(requested.quantityDelivered);
    if (requested.quantityDelivered !== state.quantityDelivered) {
      changes.quantityDelivered = requested.quantityDelivered;
      previous.quantityDelivered = state.quantityDelivered as number;
    }
  }
  if (requested.rupiahDisbursed !== undefined) {
    checkRupiahDisbursed(requested.rupiahDisbursed);
    if (requested.rupiahDisbursed !== state.rupiahDisbursed) {
      changes.rupiahDisbursed = requested.rupiahDisbursed;
      previous.rupiahDisbursed = state.rupiahDisbursed as number;
    }
  }
  if (requested.narrative !== undefined) {
    checkNarrative(requested.narrative);
    if (requested.narrative !== state.narrative) {
      changes.narrative = requested.narrative;
      previous.narrative = state.narrative as string;
    }
  }
  if (requested.evidence !== undefined) {
    const evidence = checkEvidence(requested.evidence);
    if (!sameEvidence(evidence, state.evidence)) {
      changes.evidence = evidence;
      previous.evidence = state.evidence.map((item) => ({ ...item }));
    }
  }

  const events: ReportEvent[] = [];
  // Changes that repeat what is recorded are no revision: the report is simply submitted.
  if (Object.keys(changes).length > 0) {
    events.push({ type: 'ReportRevised', data: { reportId: data.reportId, changes, previous } });
  }
  events.push({
    type: 'ReportSubmitted',
    data: { reportId: data.reportId, submissionNumber: state.submissionNumber + 1, submittedBy: actor },
  });
  return events;
}

function returnForRevision(data: ReturnReport['data'], state: ReportState): ReportEvent[] {
  const reviewer = checkReviewer(data.actor);
  requireDrafted(data.reportId, state);
  requireSubmitted(state);
  rule(isNonBlank(data.comments), 'comments-required', 'Returning a report needs comments');
  return [{ type: 'ReportReturned', data: { reportId: data.reportId, comments: data.comments, reviewedBy: reviewer } }];
}

function accept(data: AcceptReport['data'], state: ReportState): ReportEvent[] {
  const reviewer = checkReviewer(data.actor);
  requireDrafted(data.reportId, state);
  requireSubmitted(state);
  return [
    {
      type: 'ReportAccepted',
      data: {
        reportId: data.reportId,
        commitmentId: state.commitmentId as string,
        partnerId: state.partnerId as string,
        quantityDelivered: state.quantityDelivered as number,
        rupiahDisbursed: state.rupiahDisbursed as number,
        reviewedBy: reviewer,
      },
    },
  ];
}

function requireDrafted(reportId: string, state: ReportState): void {
  rule(
    state.status !== 'undrafted' && reportId === state.reportId,
    'report-not-found',
    `Report ${String(reportId)} does not exist`,
  );
}

function requireSubmitted(state: ReportState): void {
  rule(state.status === 'submitted', 'report-not-submitted', `Only a submitted report can be reviewed (it is ${state.status})`);
}

function checkReviewer(actor: unknown): ActorRef {
  const reviewer = checkActor(actor);
  requireSecretariat(reviewer, 'review-requires-secretariat', 'Reports are reviewed by the secretariat, not by a partner');
  return reviewer;
}

function checkQuantityDelivered(value: unknown): asserts value is number {
  rule(isNonNegativeInteger(value), 'quantity-invalid', `Quantity delivered must be a non-negative integer, not ${String(value)}`);
}

function checkRupiahDisbursed(value: unknown): asserts value is number {
  rule(isWholeRupiah(value), 'rupiah-disbursed-invalid', `Rupiah disbursed must be a non-negative integer, not ${String(value)}`);
}

function checkNarrative(value: unknown): asserts value is string {
  rule(isNonBlank(value), 'narrative-required', 'A report needs a narrative');
}

function checkDate(value: unknown, field: string): asserts value is string {
  rule(isCalendarDate(value), 'date-invalid', `${field}: ${String(value)} is not a calendar date (YYYY-MM-DD)`, { field });
}

const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/;

/** Well-formed evidence, copied field by field (anything else on an item is dropped). An empty list is fine. */
function checkEvidence(evidence: unknown): EvidenceItem[] {
  rule(Array.isArray(evidence), 'evidence-invalid', 'Evidence must be a list');
  return evidence.map((candidate: Partial<EvidenceItem> | null, index: number) => {
    rule(
      candidate != null &&
        typeof candidate === 'object' &&
        isNonBlank(candidate.name) &&
        typeof candidate.sha256 === 'string' &&
        SHA256.test(candidate.sha256) &&
        typeof candidate.mediaType === 'string' &&
        MEDIA_TYPE.test(candidate.mediaType) &&
        isNonNegativeInteger(candidate.sizeBytes),
      'evidence-invalid',
      `Evidence item ${index + 1} needs a name, a sha256 (64 lowercase hex), a media type (type/subtype) and a size in bytes`,
      { index },
    );
    return { name: candidate.name, sha256: candidate.sha256, mediaType: candidate.mediaType, sizeBytes: candidate.sizeBytes };
  });
}

function sameEvidence(a: EvidenceItem[], b: EvidenceItem[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (item, i) =>
        item.name === b[i].name && item.sha256 === b[i].sha256 && item.mediaType === b[i].mediaType && item.sizeBytes === b[i].sizeBytes,
    )
  );
}
