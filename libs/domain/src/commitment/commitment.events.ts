import { ActorRef, CalendarDate, ClosureOutcome, Programme, ResourceType } from '../shared';
import { CommitmentAmendmentChanges, MilestonePlan } from './commitment.commands';

export type CommitmentPledged = {
  type: 'CommitmentPledged';
  data: {
    commitmentId: string;
    agreementId: string;
    forumId: string;
    partnerId: string;
    description: string;
    resourceType: ResourceType;
    quantity: number;
    unit: string;
    valueRupiah: number;
    regionCode: string;
    programme: Programme;
    startDate: CalendarDate;
    dueDate: CalendarDate;
    milestones: MilestonePlan[];
  };
};

export type CommitmentAccepted = {
  type: 'CommitmentAccepted';
  data: { commitmentId: string; acceptedOn: CalendarDate };
};

/**
 * A lower quantity and/or value: a compensating fact, never an overwrite. Both deltas are
 * positive or 0 (that one did not go down); `quantity` and `valueRupiah` are the totals after it.
 */
export type CommitmentReduced = {
  type: 'CommitmentReduced';
  data: {
    commitmentId: string;
    rationale: string;
    quantityReducedBy: number;
    valueRupiahReducedBy: number;
    quantity: number;
    valueRupiah: number;
  };
};

/** Every other change (increases included); `previous` holds the values they replaced. */
export type CommitmentAmended = {
  type: 'CommitmentAmended';
  data: {
    commitmentId: string;
    rationale: string;
    changes: CommitmentAmendmentChanges;
    previous: CommitmentAmendmentChanges;
  };
};

export type CommitmentMilestoneMet = {
  type: 'CommitmentMilestoneMet';
  data: { commitmentId: string; milestoneId: string; metOn: CalendarDate; note: string | null };
};

export type CommitmentWithdrawn = {
  type: 'CommitmentWithdrawn';
  data: { commitmentId: string; reason: string; withdrawnBy: ActorRef };
};

export type CommitmentCancelled = {
  type: 'CommitmentCancelled';
  data: { commitmentId: string; reason: string; cancelledBy: ActorRef };
};

export type CommitmentClosed = {
  type: 'CommitmentClosed';
  data: { commitmentId: string; outcome: ClosureOutcome; note: string; closedOn: CalendarDate };
};

export type CommitmentEvent =
  | CommitmentPledged
  | CommitmentAccepted
  | CommitmentReduced
  | CommitmentAmended
  | CommitmentMilestoneMet
  | CommitmentWithdrawn
  | CommitmentCancelled
  | CommitmentClosed;
