import {
  CLOSURE_OUTCOMES,
  DomainRuleViolation,
  PROGRAMMES,
  RESOURCE_TYPES,
  checkActor,
  isCalendarDate,
  isNonBlank,
  isRegionCode,
  isWholeRupiah,
  requireOwnPartner,
  requireSecretariat,
  rule,
} from '../shared';
import {
  AcceptCommitment,
  AmendCommitment,
  CancelCommitment,
  CloseCommitment,
  CommitmentAmendmentChanges,
  CommitmentCommand,
  MarkMilestoneMet,
  MilestonePlan,
  PledgeCommitment,
  WithdrawCommitment,
} from './commitment.commands';
import { CommitmentEvent } from './commitment.events';
import { CommitmentState } from './commitment.state';

export function decideCommitment(command: CommitmentCommand, state: CommitmentState): CommitmentEvent[] {
  switch (command.type) {
    case 'PledgeCommitment':
      return pledge(command.data, state);
    case 'AcceptCommitment':
      return accept(command.data, state);
    case 'AmendCommitment':
      return amend(command.data, state);
    case 'MarkMilestoneMet':
      return markMilestoneMet(command.data, state);
    case 'WithdrawCommitment':
      return withdraw(command.data, state);
    case 'CancelCommitment':
      return cancel(command.data, state);
    case 'CloseCommitment':
      return close(command.data, state);
    default: {
      const unknown = command as { type?: unknown };
      throw new DomainRuleViolation('command-unknown', `Unknown commitment command ${String(unknown?.type)}`);
    }
  }
}

function pledge(data: PledgeCommitment['data'], state: CommitmentState): CommitmentEvent[] {
  requireOwnPartner(
    checkActor(data.actor),
    data.partnerId,
    'pledge-by-other-partner',
    "A partner pledges only for itself; the secretariat may record a pledge on a partner's behalf",
  );
  rule(state.status === 'unpledged', 'commitment-already-pledged', 'This commitment is already pledged');
  rule(isNonBlank(data.commitmentId), 'commitment-id-required', 'A commitment needs an id');
  rule(isNonBlank(data.agreementId), 'agreement-id-required', 'A commitment is pledged under an agreement');
  rule(isNonBlank(data.partnerId), 'partner-id-required', 'A commitment is pledged by a partner');

  const agreement = data.agreement;
  rule(
    agreement != null && typeof agreement === 'object' && agreement.status === 'in-force',
    'agreement-not-in-force',
    `Agreement ${data.agreementId} is not in force`,
  );
  rule(
    Array.isArray(agreement.partyPartnerIds) && agreement.partyPartnerIds.includes(data.partnerId),
    'partner-not-party-to-agreement',
    `Partner ${data.partnerId} is not a party to agreement ${data.agreementId}`,
    { partnerId: data.partnerId },
  );

  checkDescription(data.description);
  rule(
    (RESOURCE_TYPES as readonly unknown[]).includes(data.resourceType),
    'resource-type-unknown',
    `Unknown resource type ${String(data.resourceType)}`,
    { allowed: [...RESOURCE_TYPES] },
  );
  checkQuantity(data.quantity);
  checkUnit(data.unit);
  checkValueRupiah(data.valueRupiah);
  rule(isRegionCode(data.regionCode), 'region-code-invalid', `Malformed region code ${String(data.regionCode)}`);
  rule(
    (PROGRAMMES as readonly unknown[]).includes(data.programme),
    'programme-unknown',
    `Unknown programme ${String(data.programme)}`,
    { allowed: [...PROGRAMMES] },
  );

  const startDate = data.startDate ?? agreement.effectiveFrom;
  checkDate(startDate, 'startDate');
  checkDate(data.dueDate, 'dueDate');
  rule(startDate <= data.dueDate, 'commitment-term-invalid', `Start date ${startDate} is after due date ${data.dueDate}`);
  checkInsideAgreementTerm(startDate, data.dueDate, agreement);

  const milestones = checkMilestones(data.milestones, startDate, data.dueDate);

  return [
    {
      type: 'CommitmentPledged',
      data: {
        commitmentId: data.commitmentId,
        agreementId: data.agreementId,
        forumId: agreement.forumId,
        partnerId: data.partnerId,
        description: data.description,
        resourceType: data.resourceType,
        quantity: data.quantity,
        unit: data.unit,
        valueRupiah: data.valueRupiah,
        regionCode: data.regionCode,
        programme: data.programme,
        startDate,
        dueDate: data.dueDate,
        milestones,
      },
    },
  ];
}

function accept(data: AcceptCommitment['data'], state: CommitmentState): CommitmentEvent[] {
  requireReviewer(data.actor, 'accept a commitment');
  requirePledged(data.commitmentId, state);
  rule(state.status === 'pledged', 'commitment-not-pledged', `Only a pledged commitment can be accepted (it is ${state.status})`);
  checkDate(data.acceptedOn, 'acceptedOn');
  return [{ type: 'CommitmentAccepted', data: { commitmentId: data.commitmentId, acceptedOn: data.acceptedOn } }];
}

function amend(data: AmendCommitment['data'], state: CommitmentState): CommitmentEvent[] {
  requireReviewer(data.actor, 'amend a commitment');
  requirePledged(data.commitmentId, state);
  requireOpen(state);
  rule(isNonBlank(data.rationale), 'rationale-required', 'An amendment needs a rationale');
  const requested: CommitmentAmendmentChanges =
    data.changes != null && typeof data.changes === 'object' ? data.changes : {};

  if (requested.description !== undefined) checkDescription(requested.description);
  if (requested.quantity !== undefined) checkQuantity(requested.quantity);
  if (requested.unit !== undefined) checkUnit(requested.unit);
  if (requested.valueRupiah !== undefined) checkValueRupiah(requested.valueRupiah);
  if (requested.dueDate !== undefined) {
    const dueDate = requested.dueDate;
    checkDate(dueDate, 'dueDate');
    const startDate = state.startDate as string;
    rule(startDate <= dueDate, 'commitment-term-invalid', `Due date ${dueDate} is before start date ${startDate}`);
    if (data.agreement != null) checkInsideAgreementTerm(startDate, dueDate, data.agreement);
    const later = state.milestones.filter((milestone) => milestone.dueDate > dueDate).map((m) => m.milestoneId);
    rule(later.length === 0, 'milestone-due-outside-term', `Milestone(s) ${later.join(', ')} fall due after ${dueDate}`, {
      milestoneIds: later,
    });
  }

  const quantity = state.quantity as number;
  const valueRupiah = state.valueRupiah as number;
  const quantityReducedBy =
    requested.quantity !== undefined && requested.quantity < quantity ? quantity - requested.quantity : 0;
  const valueRupiahReducedBy =
    requested.valueRupiah !== undefined && requested.valueRupiah < valueRupiah ? valueRupiah - requested.valueRupiah : 0;

  const changes: CommitmentAmendmentChanges = {};
  const previous: CommitmentAmendmentChanges = {};
  if (requested.description !== undefined && requested.description !== state.description) {
    changes.description = requested.description;
    previous.description = state.description as string;
  }
  if (requested.quantity !== undefined && requested.quantity > quantity) {
    changes.quantity = requested.quantity;
    previous.quantity = quantity;
  }
  if (requested.unit !== undefined && requested.unit !== state.unit) {
    changes.unit = requested.unit;
    previous.unit = state.unit as string;
  }
  if (requested.valueRupiah !== undefined && requested.valueRupiah > valueRupiah) {
    changes.valueRupiah = requested.valueRupiah;
    previous.valueRupiah = valueRupiah;
  }
  if (requested.dueDate !== undefined && requested.dueDate !== state.dueDate) {
    changes.dueDate = requested.dueDate;
    previous.dueDate = state.dueDate as string;
  }

  const events: CommitmentEvent[] = [];
  if (quantityReducedBy > 0 || valueRupiahReducedBy > 0) {
    events.push({
      type: 'CommitmentReduced',
      data: {
        commitmentId: data.commitmentId,
        rationale: data.rationale,
        quantityReducedBy,
        valueRupiahReducedBy,
        quantity: quantity - quantityReducedBy,
        valueRupiah: valueRupiah - valueRupiahReducedBy,
      },
    });
  }
  if (Object.keys(changes).length > 0) {
    events.push({
      type: 'CommitmentAmended',
      data: { commitmentId: data.commitmentId, rationale: data.rationale, changes, previous },
    });
  }
  rule(events.length > 0, 'no-changes', 'Nothing in the request differs from the commitment as recorded');
  return events;
}

function markMilestoneMet(data: MarkMilestoneMet['data'], state: CommitmentState): CommitmentEvent[] {
  requireReviewer(data.actor, 'mark a milestone met');
  requirePledged(data.commitmentId, state);
  requireAccepted(state);
  const milestone = state.milestones.find((candidate) => candidate.milestoneId === data.milestoneId);
  rule(milestone !== undefined, 'milestone-not-found', `Milestone ${String(data.milestoneId)} is not part of this commitment`);
  rule(milestone.metOn === null, 'milestone-already-met', `Milestone ${milestone.milestoneId} was already met on ${milestone.metOn}`);
  checkDate(data.metOn, 'metOn');
  checkDate(data.today, 'today');
  rule(data.metOn <= data.today, 'date-in-future', `${data.metOn} is in the future`);
  const note = data.note ?? null;
  rule(note === null || typeof note === 'string', 'note-invalid', 'A note is text or null');
  return [
    {
      type: 'CommitmentMilestoneMet',
      data: {
        commitmentId: data.commitmentId,
        milestoneId: milestone.milestoneId,
        metOn: data.metOn,
        note: isNonBlank(note) ? note : null,
      },
    },
  ];
}

function withdraw(data: WithdrawCommitment['data'], state: CommitmentState): CommitmentEvent[] {
  const actor = checkActor(data.actor);
  requirePledged(data.commitmentId, state);
  requireOpen(state);
  requireOwnPartner(actor, state.partnerId, 'withdrawal-by-other-partner', 'A partner may withdraw only its own pledge');
  rule(isNonBlank(data.reason), 'reason-required', 'Withdrawing a commitment needs a reason');
  return [{ type: 'CommitmentWithdrawn', data: { commitmentId: data.commitmentId, reason: data.reason, withdrawnBy: actor } }];
}

function cancel(data: CancelCommitment['data'], state: CommitmentState): CommitmentEvent[] {
  const actor = checkActor(data.actor);
  requireSecretariat(actor, 'cancellation-requires-secretariat', 'Only the secretariat may cancel a commitment');
  requirePledged(data.commitmentId, state);
  requireOpen(state);
  rule(isNonBlank(data.reason), 'reason-required', 'Cancelling a commitment needs a reason');
  return [{ type: 'CommitmentCancelled', data: { commitmentId: data.commitmentId, reason: data.reason, cancelledBy: actor } }];
}

function close(data: CloseCommitment['data'], state: CommitmentState): CommitmentEvent[] {
  requireReviewer(data.actor, 'close a commitment');
  requirePledged(data.commitmentId, state);
  requireAccepted(state);
  rule(
    (CLOSURE_OUTCOMES as readonly unknown[]).includes(data.outcome),
    'outcome-unknown',
    `Unknown outcome ${String(data.outcome)}`,
    { allowed: [...CLOSURE_OUTCOMES] },
  );
  rule(isNonBlank(data.note), 'note-required', 'Closing a commitment needs a note');
  checkDate(data.closedOn, 'closedOn');
  return [
    {
      type: 'CommitmentClosed',
      data: { commitmentId: data.commitmentId, outcome: data.outcome, note: data.note, closedOn: data.closedOn },
    },
  ];
}

/** Accepting, amending, marking milestones and closing are the secretariat's review of a commitment. */
function requireReviewer(actor: unknown, act: string): void {
  requireSecretariat(checkActor(actor), 'commitment-review-requires-secretariat', `Only the secretariat may ${act}`);
}

function requirePledged(commitmentId: string, state: CommitmentState): void {
  rule(
    state.status !== 'unpledged' && commitmentId === state.commitmentId,
    'commitment-not-found',
    `Commitment ${String(commitmentId)} is not pledged`,
  );
}

function requireOpen(state: CommitmentState): void {
  rule(
    state.status === 'pledged' || state.status === 'accepted',
    'commitment-closed',
    `This commitment is ${state.status}; only a pledged or accepted commitment can change`,
  );
}

function requireAccepted(state: CommitmentState): void {
  rule(state.status === 'accepted', 'commitment-not-accepted', `This commitment is ${state.status}, not accepted`);
}

function checkDescription(description: unknown): asserts description is string {
  rule(isNonBlank(description), 'description-required', 'A commitment needs a description');
}

function checkUnit(unit: unknown): asserts unit is string {
  rule(isNonBlank(unit), 'unit-required', 'A commitment needs a unit');
}

function checkQuantity(quantity: unknown): asserts quantity is number {
  rule(
    typeof quantity === 'number' && Number.isSafeInteger(quantity) && quantity > 0,
    'quantity-invalid',
    `Quantity must be a positive integer, not ${String(quantity)}`,
  );
}

function checkValueRupiah(value: unknown): asserts value is number {
  rule(isWholeRupiah(value), 'value-rupiah-invalid', `Value must be whole rupiah (a non-negative integer), not ${String(value)}`);
}

function checkDate(value: unknown, field: string): asserts value is string {
  rule(isCalendarDate(value), 'date-invalid', `${field}: ${String(value)} is not a calendar date (YYYY-MM-DD)`, { field });
}

function checkInsideAgreementTerm(
  startDate: string,
  dueDate: string,
  agreement: { effectiveFrom: string; effectiveUntil: string | null },
): void {
  rule(
    startDate >= agreement.effectiveFrom && (agreement.effectiveUntil == null || dueDate <= agreement.effectiveUntil),
    'commitment-term-outside-agreement',
    `The commitment's term ${startDate}..${dueDate} is not inside the agreement's term ${agreement.effectiveFrom}..${
      agreement.effectiveUntil ?? ''
    }`,
  );
}

function checkMilestones(milestones: unknown, startDate: string, dueDate: string): MilestonePlan[] {
  rule(Array.isArray(milestones), 'milestones-invalid', 'Milestones must be a list');
  const seen = new Set<string>();
  return milestones.map((candidate: Partial<MilestonePlan> | null) => {
    rule(
      candidate != null && typeof candidate === 'object' && isNonBlank(candidate.milestoneId),
      'milestones-invalid',
      'Every milestone needs an id',
    );
    rule(!seen.has(candidate.milestoneId), 'milestones-invalid', `Milestone id ${candidate.milestoneId} is used twice`, {
      milestoneId: candidate.milestoneId,
    });
    seen.add(candidate.milestoneId);
    rule(isNonBlank(candidate.title), 'milestone-title-required', `Milestone ${candidate.milestoneId} needs a title`);
    checkDate(candidate.dueDate, 'milestones.dueDate');
    rule(
      candidate.dueDate >= startDate && candidate.dueDate <= dueDate,
      'milestone-due-outside-term',
      `Milestone ${candidate.milestoneId} falls due on ${candidate.dueDate}, outside ${startDate}..${dueDate}`,
      { milestoneId: candidate.milestoneId },
    );
    return { milestoneId: candidate.milestoneId, title: candidate.title, dueDate: candidate.dueDate };
  });
}
