import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EventStore, RecordedEvent } from '@ikrar/event-store';
import { EVENT_STORE } from '../shared';
import { encodeAuditCursor } from './cursor';
import { AuditEventEnvelope, toAuditEnvelope } from './envelope';
import { logPages } from './log-pages';

export const AUDIT_EVENTS_DEFAULT_LIMIT = 100;
export const AUDIT_EVENTS_MAX_LIMIT = 500;

export interface AuditEventFilter {
  /** Exact stream id, e.g. `commitment-<uuid>`. */
  readonly stream?: string;
  /** Exact event type, e.g. `AgreementCorrected`. */
  readonly type?: string;
  /** The acting user's id (`metadata.actor.userId`). */
  readonly actor?: string;
  /** Events by a user of this partner, or about it (`data.partnerId`). */
  readonly partnerId?: string;
  /** Recorded at or after this instant. */
  readonly from?: Date;
  /** Recorded at or before this instant. */
  readonly to?: Date;
}

export interface AuditEventsPage {
  readonly items: AuditEventEnvelope[];
  /** Pass as `cursor` for the next page; `null` when no further event matches. */
  readonly nextCursor: string | null;
}

export class ListAuditEventsQuery extends Query<AuditEventsPage> {
  constructor(
    readonly filter: AuditEventFilter,
    readonly order: 'asc' | 'desc' = 'asc',
    /** Global position the previous page ended at (decoded cursor); `null` for the first page. */
    readonly after: number | null = null,
    readonly limit: number = AUDIT_EVENTS_DEFAULT_LIMIT,
  ) {
    super();
  }
}

export function matchesAuditFilter(event: RecordedEvent, filter: AuditEventFilter): boolean {
  if (filter.stream !== undefined && event.streamId !== filter.stream) return false;
  if (filter.type !== undefined && event.type !== filter.type) return false;
  if (filter.actor !== undefined && event.metadata.actor.userId !== filter.actor) return false;
  if (filter.partnerId !== undefined && event.metadata.actor.partnerId !== filter.partnerId && event.data.partnerId !== filter.partnerId) return false;
  const recordedAt = Date.parse(event.recordedAt);
  if (filter.from !== undefined && recordedAt < filter.from.getTime()) return false;
  if (filter.to !== undefined && recordedAt > filter.to.getTime()) return false;
  return true;
}

/** The audit trail: the global log filtered, oldest or newest first, a page at a time. */
@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsHandler implements IQueryHandler<ListAuditEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ filter, order, after, limit }: ListAuditEventsQuery): Promise<AuditEventsPage> {
    const matches: RecordedEvent[] = [];
    // One match beyond the page tells whether there is a next page at all.
    for await (const page of this.candidates(filter.stream, order, after)) {
      for (const event of page) {
        if (matchesAuditFilter(event, filter)) matches.push(event);
        if (matches.length > limit) break;
      }
      if (matches.length > limit) break;
    }
    const items = matches.slice(0, limit);
    return {
      items: items.map(toAuditEnvelope),
      nextCursor: matches.length > limit ? encodeAuditCursor(items[items.length - 1].globalPosition) : null,
    };
  }

  /** A stream filter reads only that stream; anything else pages through the global log. */
  private async *candidates(stream: string | undefined, order: 'asc' | 'desc', after: number | null): AsyncGenerator<RecordedEvent[]> {
    if (stream === undefined) {
      yield* logPages(this.store, { direction: order === 'desc' ? 'backwards' : 'forwards', from: after });
      return;
    }
    const events = await this.store.readStream(stream);
    const ordered = order === 'desc' ? events.reverse() : events;
    yield after === null ? ordered : ordered.filter((event) => (order === 'desc' ? event.globalPosition < after : event.globalPosition > after));
  }
}
