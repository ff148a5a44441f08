import { ActorRef, CalendarDate, ClosureOutcome, Programme, ResourceType } from '../shared';

/** A milestone as pledged: what will be done by when. */
export interface MilestonePlan {
  milestoneId: string;
  title: string;
  dueDate: CalendarDate;
}

/** The handler's view of the agreement a commitment is pledged under. */
export interface CommitmentAgreementFacts {
  status: 'unrecorded' | 'in-force' | 'terminated';
  forumId: string;
  partyPartnerIds: string[];
  effectiveFrom: CalendarDate;
  effectiveUntil: CalendarDate | null;
}

export type PledgeCommitment = {
  type: 'PledgeCommitment';
  data: {
    commitmentId: string;
    agreementId: string;
    partnerId: string;
    description: string;
    resourceType: ResourceType;
    quantity: number;
    unit: string;
    valueRupiah: number;
    regionCode: string;
    programme: Programme;
    /** `null`: from the agreement's `effectiveFrom`. */
    startDate: CalendarDate | null;
    dueDate: CalendarDate;
    milestones: MilestonePlan[];
    agreement: CommitmentAgreementFacts;
    /** A partner user pledges only for its own partner; the secretariat may record a pledge on a partner's behalf. */
    actor: ActorRef;
  };
};

export type AcceptCommitment = {
  type: 'AcceptCommitment';
  data: { commitmentId: string; acceptedOn: CalendarDate; actor: ActorRef };
};

/** Fields an amendment may change; an absent field stays as it is. */
export interface CommitmentAmendmentChanges {
  description?: string;
  quantity?: number;
  unit?: string;
  valueRupiah?: number;
  dueDate?: CalendarDate;
}

export type AmendCommitment = {
  type: 'AmendCommitment';
  data: {
    commitmentId: string;
    rationale: string;
    changes: CommitmentAmendmentChanges;
    /**
     * Optional: the agreement's current term as the handler read it. When given, a new due date
     * must stay inside it; when absent, only the commitment's own term is checked.
     */
    agreement?: Pick<CommitmentAgreementFacts, 'effectiveFrom' | 'effectiveUntil'> | null;
    actor: ActorRef;
  };
};

export type MarkMilestoneMet = {
  type: 'MarkMilestoneMet';
  data: {
    commitmentId: string;
    milestoneId: string;
    metOn: CalendarDate;
    note: string | null;
    today: CalendarDate;
    actor: ActorRef;
  };
};

export type WithdrawCommitment = {
  type: 'WithdrawCommitment';
  data: { commitmentId: string; reason: string; actor: ActorRef };
};

export type CancelCommitment = {
  type: 'CancelCommitment';
  data: { commitmentId: string; reason: string; actor: ActorRef };
};

export type CloseCommitment = {
  type: 'CloseCommitment';
  data: { commitmentId: string; outcome: ClosureOutcome; note: string; closedOn: CalendarDate; actor: ActorRef };
};

export type CommitmentCommand =
  | PledgeCommitment
  | AcceptCommitment
  | AmendCommitment
  | MarkMilestoneMet
  | WithdrawCommitment
  | CancelCommitment
  | CloseCommitment;
