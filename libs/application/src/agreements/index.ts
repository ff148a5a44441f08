import { AmendAgreementHandler } from './amend-agreement';
import { CorrectAgreementHandler } from './correct-agreement';
import { GetAgreementHandler } from './get-agreement';
import { RecordAgreementHandler } from './record-agreement';
import { TerminateAgreementHandler } from './terminate-agreement';

export * from './record-agreement';
export * from './correct-agreement';
export * from './amend-agreement';
export * from './terminate-agreement';
export * from './get-agreement';
export { loadForumFacts } from './forum-facts';

export const AGREEMENT_HANDLERS = [
  RecordAgreementHandler,
  CorrectAgreementHandler,
  AmendAgreementHandler,
  TerminateAgreementHandler,
  GetAgreementHandler,
];
