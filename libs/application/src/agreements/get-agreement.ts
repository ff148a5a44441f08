import { Principal } from '@ikrar/access';
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { AgreementAmendmentChanges, AgreementCorrectionChanges, agreementDecider, agreementStreamId } from '@ikrar/domain';
import { EventStore } from '@ikrar/event-store';
import { EVENT_STORE, LoadOptions, readEntity, agreementAggregate } from '../shared';

export interface AgreementCorrectionView {
  readonly reason: string;
  /** Only the fields the correction changed. */
  readonly changes: AgreementCorrectionChanges;
  /** The values those fields held before. */
  readonly previous: AgreementCorrectionChanges;
}

export interface AgreementAmendmentView {
  readonly amendmentNumber: number;
  readonly rationale: string;
  readonly amendedOn: string;
  readonly changes: AgreementAmendmentChanges;
  readonly previous: AgreementAmendmentChanges;
}

/** The agreement as it stands after every correction and amendment, with their history. */
export interface AgreementView {
  readonly id: string;
  readonly revision: number;
  readonly forumId: string;
  readonly meetingId: string | null;
  readonly title: string;
  readonly text: string;
  readonly partyPartnerIds: string[];
  readonly effectiveFrom: string;
  readonly effectiveUntil: string | null;
  readonly status: 'in-force' | 'terminated';
  readonly terminatedOn: string | null;
  readonly terminationReason: string | null;
  readonly corrections: AgreementCorrectionView[];
  readonly amendments: AgreementAmendmentView[];
}

export class GetAgreementQuery extends Query<AgreementView> {
  constructor(readonly agreementId: string, readonly viewer: Principal, readonly options: LoadOptions = {}) {
    super();
  }
}

@QueryHandler(GetAgreementQuery)
export class GetAgreementHandler implements IQueryHandler<GetAgreementQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ agreementId, viewer, options }: GetAgreementQuery): Promise<AgreementView> {
    const { state, revision } = await readEntity(this.store, agreementAggregate(agreementId), viewer, options);
    return {
      id: agreementId,
      revision,
      forumId: state.forumId ?? '',
      meetingId: state.meetingId,
      title: state.title ?? '',
      text: state.text ?? '',
      partyPartnerIds: [...state.partyPartnerIds],
      effectiveFrom: state.effectiveFrom ?? '',
      effectiveUntil: state.effectiveUntil,
      status: state.status === 'terminated' ? 'terminated' : 'in-force',
      terminatedOn: state.terminatedOn,
      terminationReason: state.terminationReason,
      corrections: state.corrections.map(({ reason, changes, previous }) => ({ reason, changes, previous })),
      amendments: state.amendments.map(({ amendmentNumber, rationale, amendedOn, changes, previous }) => ({
        amendmentNumber,
        rationale,
        amendedOn,
        changes,
        previous,
      })),
    };
  }
}
