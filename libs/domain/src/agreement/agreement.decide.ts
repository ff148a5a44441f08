import {
  CalendarDate,
  DomainRuleViolation,
  PartnerStatuses,
  checkActor,
  isCalendarDate,
  isNonBlank,
  partnerStatusIn,
  requireSecretariat,
  rule,
} from '../shared';
import {
  AgreementAmendmentChanges,
  AgreementCommand,
  AgreementCorrectionChanges,
  AgreementForumView,
  AmendAgreement,
  CorrectAgreement,
  RecordAgreement,
  TerminateAgreement,
} from './agreement.commands';
import { AgreementEvent } from './agreement.events';
import { AgreementState } from './agreement.state';

export function decideAgreement(command: AgreementCommand, state: AgreementState): AgreementEvent[] {
  switch (command.type) {
    case 'RecordAgreement':
      return record(command.data, state);
    case 'CorrectAgreement':
      return correct(command.data, state);
    case 'AmendAgreement':
      return amend(command.data, state);
    case 'TerminateAgreement':
      return terminate(command.data, state);
    default: {
      const unknown = command as { type?: unknown };
      throw new DomainRuleViolation('command-unknown', `Unknown agreement command ${String(unknown?.type)}`);
    }
  }
}

function record(data: RecordAgreement['data'], state: AgreementState): AgreementEvent[] {
  requireAgreementWriter(data.actor, 'record agreements');
  rule(state.status === 'unrecorded', 'agreement-already-recorded', 'This agreement is already recorded');
  rule(isNonBlank(data.agreementId), 'agreement-id-required', 'An agreement needs an id');
  rule(isNonBlank(data.forumId) && data.forum?.established === true, 'forum-not-found', `Forum ${String(data.forumId)} is not established`);
  const meetingId = data.meetingId ?? null;
  if (meetingId !== null) checkMeetingInForum(meetingId, data.forum);
  checkTitle(data.title);
  checkText(data.text);
  checkParties(data.partyPartnerIds, data.partnerStatuses, []);
  const effectiveUntil = data.effectiveUntil ?? null;
  checkTerm(data.effectiveFrom, effectiveUntil);
  return [
    {
      type: 'AgreementRecorded',
      data: {
        agreementId: data.agreementId,
        forumId: data.forumId,
        meetingId,
        title: data.title,
        text: data.text,
        partyPartnerIds: [...data.partyPartnerIds],
        effectiveFrom: data.effectiveFrom,
        effectiveUntil,
      },
    },
  ];
}

function correct(data: CorrectAgreement['data'], state: AgreementState): AgreementEvent[] {
  requireAgreementWriter(data.actor, 'correct an agreement');
  requireRecorded(data.agreementId, state);
  rule(isNonBlank(data.reason), 'reason-required', 'A correction needs a reason');
  const requested = (data.changes ?? {}) as AgreementCorrectionChanges;
  const changes: AgreementCorrectionChanges = {};
  const previous: AgreementCorrectionChanges = {};

  if (requested.meetingId !== undefined && requested.meetingId !== state.meetingId) {
    if (requested.meetingId !== null) checkMeetingInForum(requested.meetingId, data.forum);
    changes.meetingId = requested.meetingId;
    previous.meetingId = state.meetingId;
  }
  diffTitleTextParties(requested, state, data.partnerStatuses, changes, previous);
  if (requested.effectiveFrom !== undefined && requested.effectiveFrom !== state.effectiveFrom) {
    changes.effectiveFrom = requested.effectiveFrom;
    previous.effectiveFrom = state.effectiveFrom as CalendarDate;
  }
  diffEffectiveUntil(requested, state, changes, previous);

  rule(Object.keys(changes).length > 0, 'no-changes', 'Nothing in the correction differs from the agreement as recorded');
  // The resulting term is checked whole, malformed dates included.
  const effectiveFrom = changes.effectiveFrom !== undefined ? changes.effectiveFrom : (state.effectiveFrom as CalendarDate);
  const effectiveUntil = changes.effectiveUntil !== undefined ? changes.effectiveUntil : state.effectiveUntil;
  checkTerm(effectiveFrom, effectiveUntil);
  if (state.terminatedOn !== null) checkTerminationAfterStart(state.terminatedOn, effectiveFrom);

  return [{ type: 'AgreementCorrected', data: { agreementId: data.agreementId, reason: data.reason, changes, previous } }];
}

function amend(data: AmendAgreement['data'], state: AgreementState): AgreementEvent[] {
  requireAgreementWriter(data.actor, 'amend an agreement');
  requireRecorded(data.agreementId, state);
  requireInForce(state);
  rule(isNonBlank(data.rationale), 'rationale-required', 'An amendment needs a rationale');
  rule(isCalendarDate(data.amendedOn), 'amendment-date-invalid', `${String(data.amendedOn)} is not a calendar date (YYYY-MM-DD)`);
  const requested = (data.changes ?? {}) as AgreementAmendmentChanges;
  const changes: AgreementAmendmentChanges = {};
  const previous: AgreementAmendmentChanges = {};

  diffTitleTextParties(requested, state, data.partnerStatuses, changes, previous);
  diffEffectiveUntil(requested, state, changes, previous);

  rule(Object.keys(changes).length > 0, 'no-changes', 'Nothing in the amendment differs from the agreement in force');
  const effectiveUntil = changes.effectiveUntil !== undefined ? changes.effectiveUntil : state.effectiveUntil;
  checkTerm(state.effectiveFrom as CalendarDate, effectiveUntil);

  return [
    {
      type: 'AgreementAmended',
      data: {
        agreementId: data.agreementId,
        amendmentNumber: state.amendments.length + 1,
        rationale: data.rationale,
        changes,
        previous,
        amendedOn: data.amendedOn,
      },
    },
  ];
}

function terminate(data: TerminateAgreement['data'], state: AgreementState): AgreementEvent[] {
  requireAgreementWriter(data.actor, 'terminate an agreement');
  requireRecorded(data.agreementId, state);
  requireInForce(state);
  rule(isNonBlank(data.reason), 'reason-required', 'Terminating an agreement needs a reason');
  rule(isCalendarDate(data.terminatedOn), 'termination-date-invalid', `${String(data.terminatedOn)} is not a calendar date (YYYY-MM-DD)`);
  checkTerminationAfterStart(data.terminatedOn, state.effectiveFrom as CalendarDate);
  return [
    {
      type: 'AgreementTerminated',
      data: { agreementId: data.agreementId, reason: data.reason, terminatedOn: data.terminatedOn },
    },
  ];
}

/** The secretariat records the forum's agreements and keeps them: a partner user may not. */
function requireAgreementWriter(actor: unknown, act: string): void {
  requireSecretariat(checkActor(actor), 'agreement-write-requires-secretariat', `Only the secretariat may ${act}`);
}

function requireRecorded(agreementId: string, state: AgreementState): void {
  rule(
    state.status !== 'unrecorded' && agreementId === state.agreementId,
    'agreement-not-found',
    `Agreement ${String(agreementId)} is not recorded`,
  );
}

function requireInForce(state: AgreementState): void {
  rule(state.status === 'in-force', 'agreement-terminated', 'This agreement has been terminated');
}

function checkMeetingInForum(meetingId: unknown, forum: AgreementForumView | undefined): void {
  const meetingIds = Array.isArray(forum?.meetingIds) ? forum.meetingIds : [];
  rule(isNonBlank(meetingId) && meetingIds.includes(meetingId), 'meeting-not-in-forum', `Meeting ${String(meetingId)} is not a meeting of this forum`, {
    meetingId,
  });
}

function checkTitle(title: unknown): void {
  rule(isNonBlank(title), 'agreement-title-required', 'An agreement needs a title');
}

function checkText(text: unknown): void {
  rule(isNonBlank(text), 'agreement-text-required', 'An agreement needs its text');
}

/**
 * At least one party, each listed once and registered. Parties joining now must be active;
 * a party already on the agreement stays on it even if it was deactivated since.
 */
function checkParties(partyPartnerIds: unknown, statuses: PartnerStatuses | undefined, currentParties: string[]): asserts partyPartnerIds is string[] {
  checkPartyList(partyPartnerIds);
  checkPartyStatuses(partyPartnerIds, statuses, currentParties);
}

function checkPartyList(partyPartnerIds: unknown): asserts partyPartnerIds is string[] {
  rule(
    Array.isArray(partyPartnerIds) &&
      partyPartnerIds.length > 0 &&
      partyPartnerIds.every((id) => isNonBlank(id)) &&
      new Set(partyPartnerIds).size === partyPartnerIds.length,
    'parties-invalid',
    'An agreement needs at least one party, each listed once',
  );
}

function checkPartyStatuses(partyPartnerIds: string[], statuses: PartnerStatuses | undefined, currentParties: string[]): void {
  const unregistered = partyPartnerIds.filter((id) => partnerStatusIn(statuses, id) === 'unregistered');
  rule(unregistered.length === 0, 'partner-not-registered', `Partner(s) ${unregistered.join(', ')} not registered`, {
    partnerIds: unregistered,
  });
  const deactivated = partyPartnerIds.filter(
    (id) => !currentParties.includes(id) && partnerStatusIn(statuses, id) === 'deactivated',
  );
  rule(deactivated.length === 0, 'partner-deactivated', `Partner(s) ${deactivated.join(', ')} deactivated`, {
    partnerIds: deactivated,
  });
}

function checkTerm(effectiveFrom: unknown, effectiveUntil: unknown): void {
  rule(
    isCalendarDate(effectiveFrom) && (effectiveUntil === null || (isCalendarDate(effectiveUntil) && effectiveUntil >= effectiveFrom)),
    'agreement-term-invalid',
    'The term needs a real start date and an end, if any, on or after it',
    { effectiveFrom, effectiveUntil },
  );
}

function checkTerminationAfterStart(terminatedOn: CalendarDate, effectiveFrom: CalendarDate): void {
  rule(terminatedOn >= effectiveFrom, 'termination-before-start', `An agreement effective from ${effectiveFrom} cannot end on ${terminatedOn}`);
}

function sameParties(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

type CommonChanges = Pick<AgreementCorrectionChanges, 'title' | 'text' | 'partyPartnerIds' | 'effectiveUntil'>;

function diffTitleTextParties(
  requested: CommonChanges,
  state: AgreementState,
  statuses: PartnerStatuses | undefined,
  changes: CommonChanges,
  previous: CommonChanges,
): void {
  if (requested.title !== undefined) {
    checkTitle(requested.title);
    if (requested.title !== state.title) {
      changes.title = requested.title;
      previous.title = state.title as string;
    }
  }
  if (requested.text !== undefined) {
    checkText(requested.text);
    if (requested.text !== state.text) {
      changes.text = requested.text;
      previous.text = state.text as string;
    }
  }
  if (requested.partyPartnerIds !== undefined) {
    const parties: unknown = requested.partyPartnerIds;
    checkPartyList(parties);
    // The same parties in another order are the same parties: not a change.
    if (!sameParties(parties, state.partyPartnerIds)) {
      checkPartyStatuses(parties, statuses, state.partyPartnerIds);
      changes.partyPartnerIds = [...parties];
      previous.partyPartnerIds = [...state.partyPartnerIds];
    }
  }
}

function diffEffectiveUntil(requested: CommonChanges, state: AgreementState, changes: CommonChanges, previous: CommonChanges): void {
  // Validity is checked on the resulting term, after the diff.
  if (requested.effectiveUntil === undefined) return;
  if (requested.effectiveUntil !== state.effectiveUntil) {
    changes.effectiveUntil = requested.effectiveUntil;
    previous.effectiveUntil = state.effectiveUntil;
  }
}
