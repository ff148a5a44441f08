import { GetEntityHistoryHandler } from './entity-history';
import { ListAuditEventsHandler } from './list-audit-events';

export * from './envelope';
export * from './cursor';
export * from './log-pages';
export * from './list-audit-events';
export * from './entity-history';
export * from './csv';
export * from './export';
export * from './write-chunks';

export const AUDIT_HANDLERS = [ListAuditEventsHandler, GetEntityHistoryHandler];
