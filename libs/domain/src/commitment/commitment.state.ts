import { ActorRef, CalendarDate, ClosureOutcome, Programme, ResourceType } from '../shared';
import { CommitmentAmendmentChanges } from './commitment.commands';

export type CommitmentStatus =
  | 'unpledged'
  | 'pledged'
  | 'accepted'
  | 'withdrawn'
  | 'cancelled'
  | 'fulfilled'
  | 'partially-fulfilled';

export interface Milestone {
  milestoneId: string;
  title: string;
  dueDate: CalendarDate;
  metOn: CalendarDate | null;
  note: string | null;
}

export interface CommitmentAmendment {
  rationale: string;
  changes: CommitmentAmendmentChanges;
  previous: CommitmentAmendmentChanges;
}

export interface CommitmentReduction {
  rationale: string;
  quantityReducedBy: number;
  valueRupiahReducedBy: number;
  /** Totals after the reduction. */
  quantity: number;
  valueRupiah: number;
}

/** The commitment as it stands now: pledge fields after every reduction and amendment, plus their history. */
export interface CommitmentState {
  status: CommitmentStatus;
  commitmentId: string | null;
  agreementId: string | null;
  forumId: string | null;
  partnerId: string | null;
  description: string | null;
  resourceType: ResourceType | null;
  quantity: number | null;
  unit: string | null;
  valueRupiah: number | null;
  regionCode: string | null;
  programme: Programme | null;
  startDate: CalendarDate | null;
  dueDate: CalendarDate | null;
  milestones: Milestone[];
  amendments: CommitmentAmendment[];
  reductions: CommitmentReduction[];
  acceptedOn: CalendarDate | null;
  closedOn: CalendarDate | null;
  outcome: ClosureOutcome | null;
  closureNote: string | null;
  withdrawalReason: string | null;
  withdrawnBy: ActorRef | null;
  cancellationReason: string | null;
  cancelledBy: ActorRef | null;
}

export function initialCommitmentState(): CommitmentState {
  return {
    status: 'unpledged',
    commitmentId: null,
    agreementId: null,
    forumId: null,
    partnerId: null,
    description: null,
    resourceType: null,
    quantity: null,
    unit: null,
    valueRupiah: null,
    regionCode: null,
    programme: null,
    startDate: null,
    dueDate: null,
    milestones: [],
    amendments: [],
    reductions: [],
    acceptedOn: null,
    closedOn: null,
    outcome: null,
    closureNote: null,
    withdrawalReason: null,
    withdrawnBy: null,
    cancellationReason: null,
    cancelledBy: null,
  };
}
