import { Decider } from '../shared';
import { ReportCommand } from './accountability-report.commands';
import { decideReport } from './accountability-report.decide';
import { ReportEvent } from './accountability-report.events';
import { evolveReport } from './accountability-report.evolve';
import { ReportState, initialReportState } from './accountability-report.state';

export * from './accountability-report.commands';
export * from './accountability-report.events';
export * from './accountability-report.state';
export * from './accountability-report.decide';
export * from './accountability-report.evolve';

export const REPORT_STREAM_CATEGORY = 'report';

export function reportStreamId(reportId: string): string {
  return `${REPORT_STREAM_CATEGORY}-${reportId}`;
}

export const REPORT_EVENT_SCHEMA_VERSIONS: Record<ReportEvent['type'], number> = {
  ReportDrafted: 1,
  ReportRevised: 1,
  ReportSubmitted: 1,
  ReportReturned: 1,
  ReportAccepted: 1,
};

/** Every event type of this aggregate (for projections: an event type no projection knows is a recorded failure). */
export const REPORT_EVENT_TYPES = Object.keys(REPORT_EVENT_SCHEMA_VERSIONS) as readonly ReportEvent['type'][];

export const accountabilityReportDecider: Decider<ReportCommand, ReportEvent, ReportState> = {
  initialState: initialReportState,
  decide: decideReport,
  evolve: evolveReport,
};
