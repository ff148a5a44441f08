import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Page, ReportItem, ReportListStatus, ReviewQueueQuery } from '@ikrar/application';
import { ReadModelErrorsFilter } from './read-model-errors.filter';
import { ReviewQueueQueryDto } from './view-query.dto';
import { commaList, ReadModelResponses } from './view-responses';
import { Principal } from '@ikrar/access';
import { AllowRoles, Caller } from '../http/auth/caller';

/** Shares the `/reports` prefix with ReportsController: this one only lists; `GET /reports/:id` stays there. */
@ApiTags('reports')
@Controller('reports')
@UseFilters(ReadModelErrorsFilter)
export class ReviewQueueController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'The review queue (read model): reports waiting for the secretariat, oldest submission first',
    description: 'Default `status=submitted`. Order: `submittedAt` ascending (the latest submission), then `draftedAt`, then id.',
  })
  @ReadModelResponses('`{items, nextCursor}`: reports, oldest submission first')
  @AllowRoles('secretariat', 'partner', 'auditor')
  list(@Query() query: ReviewQueueQueryDto, @Caller() caller: Principal): Promise<Page<ReportItem>> {
    const { minPosition, status, ...filter } = query;
    return this.queries.execute(new ReviewQueueQuery({ ...filter, status: commaList(status) as ReportListStatus[] | undefined }, caller, minPosition ?? null));
  }
}
