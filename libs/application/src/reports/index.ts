import { AcceptReportHandler } from './accept-report';
import { DraftReportHandler } from './draft-report';
import { GetReportHandler } from './get-report';
import { ReturnReportHandler } from './return-report';
import { SubmitReportHandler } from './submit-report';

export * from './draft-report';
export * from './submit-report';
export * from './return-report';
export * from './accept-report';
export * from './get-report';

export const REPORT_HANDLERS = [DraftReportHandler, SubmitReportHandler, ReturnReportHandler, AcceptReportHandler, GetReportHandler];
