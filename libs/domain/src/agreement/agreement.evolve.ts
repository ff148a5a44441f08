import { AgreementCorrectionChanges } from './agreement.commands';
import { AgreementEvent } from './agreement.events';
import { AgreementState } from './agreement.state';

/** Total: an unknown or malformed event leaves the state as it was. */
export function evolveAgreement(state: AgreementState, event: AgreementEvent): AgreementState {
  if (event == null || typeof event !== 'object' || event.data == null || typeof event.data !== 'object') return state;
  switch (event.type) {
    case 'AgreementRecorded':
      return {
        ...state,
        status: 'in-force',
        agreementId: event.data.agreementId,
        forumId: event.data.forumId,
        meetingId: event.data.meetingId ?? null,
        title: event.data.title,
        text: event.data.text,
        partyPartnerIds: Array.isArray(event.data.partyPartnerIds) ? [...event.data.partyPartnerIds] : [],
        effectiveFrom: event.data.effectiveFrom,
        effectiveUntil: event.data.effectiveUntil ?? null,
      };
    case 'AgreementCorrected': {
      const changes = event.data.changes ?? {};
      const previous = event.data.previous ?? {};
      return {
        ...applyChanges(state, changes),
        corrections: [...state.corrections, { reason: event.data.reason, changes, previous }],
      };
    }
    case 'AgreementAmended': {
      const changes = event.data.changes ?? {};
      const previous = event.data.previous ?? {};
      return {
        ...applyChanges(state, changes),
        amendments: [
          ...state.amendments,
          {
            amendmentNumber: event.data.amendmentNumber,
            rationale: event.data.rationale,
            changes,
            previous,
            amendedOn: event.data.amendedOn,
          },
        ],
      };
    }
    case 'AgreementTerminated':
      return {
        ...state,
        status: 'terminated',
        terminatedOn: event.data.terminatedOn,
        terminationReason: event.data.reason ?? null,
      };
    default:
      return state;
  }
}

function applyChanges(state: AgreementState, changes: AgreementCorrectionChanges): AgreementState {
  const next: AgreementState = { ...state };
  if (changes.meetingId !== undefined) next.meetingId = changes.meetingId;
  if (changes.title !== undefined) next.title = changes.title;
  if (changes.text !== undefined) next.text = changes.text;
  if (Array.isArray(changes.partyPartnerIds)) next.partyPartnerIds = [...changes.partyPartnerIds];
  if (changes.effectiveFrom !== undefined) next.effectiveFrom = changes.effectiveFrom;
  if (changes.effectiveUntil !== undefined) next.effectiveUntil = changes.effectiveUntil;
  return next;
}
