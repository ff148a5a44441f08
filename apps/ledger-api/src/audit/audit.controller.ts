import { Controller, Get, Inject, Logger, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { HttpReply } from '../http/http-types';
import {
  AUDIT_EVENTS_DEFAULT_LIMIT,
  AUDITED_ENTITIES,
  AuditEventsPage,
  calendarDay,
  CLOCK,
  Clock,
  decodeAuditCursor,
  EntityHistory,
  EntityNotFoundError,
  EVENT_STORE,
  GetEntityHistoryQuery,
  isAuditedEntity,
  ledgerExport,
  ListAuditEventsQuery,
} from '@ikrar/application';
import { Readable } from 'node:stream';
import { EventStore } from '@ikrar/event-store';
import { parseInstant } from '../http/as-of.dto';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { AuditEventsQueryDto, AuditExportQueryDto } from './audit.dto';
import { AllowRoles } from '../http/auth/caller';

/** Read-only views for auditors: the trail, the versioned record of an entity, and exports. */
@ApiTags('audit')
@AllowRoles('auditor')
@Controller('audit')
export class AuditController {
  private readonly logger = new Logger('AuditExport');

  constructor(
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'The audit trail: every recorded event with its full envelope, filtered, oldest or newest first, a page at a time' })
  async events(@Query() query: AuditEventsQueryDto): Promise<AuditEventsPage> {
    return this.queries.execute(
      new ListAuditEventsQuery(
        {
          stream: query.stream,
          type: query.type,
          actor: query.actor,
          partnerId: query.partnerId?.toLowerCase(),
          from: parseInstant(query.from) ?? undefined,
          to: parseInstant(query.to) ?? undefined,
        },
        query.order ?? 'asc',
        query.cursor === undefined ? null : decodeAuditCursor(query.cursor),
        query.limit ?? AUDIT_EVENTS_DEFAULT_LIMIT,
      ),
    );
  }

  @Get('export')
  @ApiOperation({ summary: 'Stream the full event log as NDJSON, or the commitments or obligations as CSV (RFC 4180, UTF-8, header row)' })
  @ApiProduces('application/x-ndjson', 'text/csv')
  async export(@Query() query: AuditExportQueryDto, @Res() res: HttpReply): Promise<void> {
    const format = query.format ?? 'ndjson';
    const today = calendarDay(this.clock.now());
    const ledger = ledgerExport(this.store, { format, dataset: query.dataset, today });
    const filename = `ikrar-${format === 'ndjson' ? 'events' : query.dataset}-${today}.${ledger.fileExtension}`;
    // The first chunk is read before answering: a failure before it is still answered as a problem.
    const chunks = ledger.chunks[Symbol.asyncIterator]();
    const first = await chunks.next();
    const logger = this.logger;
    async function* rest(): AsyncGenerator<string> {
      try {
        if (!first.done) yield first.value;
        for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
      } catch (error) {
        // After the first byte only a cut connection can tell the client.
        logger.error(`Export broke off after ${ledger.records()} records: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      } finally {
        await chunks.return?.();
      }
    }
    res
      .status(200)
      .header('Content-Type', ledger.mediaType)
      .header('Content-Disposition', `attachment; filename="${filename}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff');
    await res.send(Readable.from(rest(), { objectMode: false }));
  }

  @Get(':entity/:id/history')
  @ApiOperation({ summary: 'The versioned record: every value each field ever had, with the event, times and actor that set it' })
  @ApiParam({ name: 'entity', enum: AUDITED_ENTITIES })
  async history(@Param('entity') entity: string, @Param('id') id: string): Promise<EntityHistory> {
    if (!isAuditedEntity(entity)) throw new EntityNotFoundError('audited entity', entity);
    const entityId = new EntityIdPipe(entity.replace(/s$/, '')).transform(id);
    return this.queries.execute(new GetEntityHistoryQuery(entity, entityId));
  }
}
