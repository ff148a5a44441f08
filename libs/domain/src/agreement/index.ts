import { Decider } from '../shared';
import { AgreementCommand } from './agreement.commands';
import { decideAgreement } from './agreement.decide';
import { AgreementEvent } from './agreement.events';
import { evolveAgreement } from './agreement.evolve';
import { AgreementState, initialAgreementState } from './agreement.state';

export * from './agreement.commands';
export * from './agreement.events';
export * from './agreement.state';
export * from './agreement.decide';
export * from './agreement.evolve';

export const AGREEMENT_STREAM_CATEGORY = 'agreement';

export function agreementStreamId(agreementId: string): string {
  return `${AGREEMENT_STREAM_CATEGORY}-${agreementId}`;
}

export const AGREEMENT_EVENT_SCHEMA_VERSIONS: Record<AgreementEvent['type'], number> = {
  AgreementRecorded: 1,
  AgreementCorrected: 1,
  AgreementAmended: 1,
  AgreementTerminated: 1,
};

/** Every event type of this aggregate (for projections: an event type no projection knows is a recorded failure). */
export const AGREEMENT_EVENT_TYPES = Object.keys(AGREEMENT_EVENT_SCHEMA_VERSIONS) as readonly AgreementEvent['type'][];

export const agreementDecider: Decider<AgreementCommand, AgreementEvent, AgreementState> = {
  initialState: initialAgreementState,
  decide: decideAgreement,
  evolve: evolveAgreement,
};
