import { AcceptCommitmentHandler } from './accept-commitment';
import { AmendCommitmentHandler } from './amend-commitment';
import { CancelCommitmentHandler } from './cancel-commitment';
import { CloseCommitmentHandler } from './close-commitment';
import { GetCommitmentHandler } from './get-commitment';
import { MarkMilestoneMetHandler } from './mark-milestone-met';
import { PledgeCommitmentHandler } from './pledge-commitment';
import { WithdrawCommitmentHandler } from './withdraw-commitment';

export * from './pledge-commitment';
export * from './accept-commitment';
export * from './amend-commitment';
export * from './mark-milestone-met';
export * from './withdraw-commitment';
export * from './cancel-commitment';
export * from './close-commitment';
export * from './get-commitment';

export const COMMITMENT_HANDLERS = [
  PledgeCommitmentHandler,
  AcceptCommitmentHandler,
  AmendCommitmentHandler,
  MarkMilestoneMetHandler,
  WithdrawCommitmentHandler,
  CancelCommitmentHandler,
  CloseCommitmentHandler,
  GetCommitmentHandler,
];
