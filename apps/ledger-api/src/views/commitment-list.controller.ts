import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommitmentItem, CommitmentListStatus, CommitmentSort, ListCommitmentsQuery, Page } from '@ikrar/application';
import { ReadModelErrorsFilter } from './read-model-errors.filter';
import { ListCommitmentsQueryDto } from './view-query.dto';
import { commaList, ReadModelResponses } from './view-responses';
import { Principal } from '@ikrar/access';
import { AllowRoles, Caller } from '../http/auth/caller';

/** Shares the `/commitments` prefix with CommitmentsController: this one only lists; `GET /commitments/:id` stays there. */
@ApiTags('commitments')
@Controller('commitments')
@UseFilters(ReadModelErrorsFilter)
export class CommitmentListController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'Find commitments (read model): filters combine with AND; cursor pagination in a stable order',
    description:
      'Every item carries `overdue`, derived from today (WIB) on every read: pledged or accepted and due before today. ' +
      'Follow `nextCursor` until it is `null`; with `overdue=false` a page may hold fewer than `limit` items.',
  })
  @ReadModelResponses('`{items, nextCursor}`: commitments with `overdue` derived from today')
  @AllowRoles('secretariat', 'partner', 'auditor')
  list(@Query() query: ListCommitmentsQueryDto, @Caller() caller: Principal): Promise<Page<CommitmentItem>> {
    const { minPosition, status, sort, ...filter } = query;
    return this.queries.execute(
      new ListCommitmentsQuery(
        { ...filter, status: commaList(status) as CommitmentListStatus[] | undefined, sort: sort as CommitmentSort | undefined },
        caller,
        minPosition ?? null,
      ),
    );
  }
}
