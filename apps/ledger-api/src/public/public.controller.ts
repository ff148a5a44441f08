import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListPublicCommitmentsQuery,
  ListPublicForumsQuery,
  Page,
  PublicCommitmentItem,
  PublicCommitmentQuery,
  PublicCommitmentView,
  PublicForum,
  PublicForumQuery,
  PublicForumView,
  PublishedCommitmentStatus,
} from '@ikrar/application';
import { Public } from '../http/auth/public.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { ReadModelErrorsFilter } from '../views/read-model-errors.filter';
import { ConsistencyQueryDto, PageQueryDto } from '../views/view-query.dto';
import { commaList, ReadModelResponses } from '../views/view-responses';
import { PublicCommitmentsQueryDto } from './public-query.dto';

const PUBLISHED =
  'A commitment is published once the forum accepted it (`acceptedOn` is set) and is then shown with its status as it is now ' +
  '(accepted, fulfilled, partially-fulfilled, withdrawn or cancelled); a pledge never accepted is not published. ' +
  'Report summaries are published once accepted. No contact details, narratives, drafts, review comments or actor ids are ever shown.';

/** Anonymous, read-only views of what forums have published (transparency for masyarakat). */
@ApiTags('public')
@Public()
@Controller('public')
@UseFilters(ReadModelErrorsFilter)
export class PublicController {
  constructor(private readonly queries: QueryBus) {}

  @Get('forums')
  @ApiOperation({ summary: 'Every forum: id, name, region and programmes, by name', description: 'No token needed. Follow `nextCursor` until it is `null`.' })
  @ReadModelResponses('`{items: [{id, name, regionCode, programmes}], nextCursor}`')
  forums(@Query() query: PageQueryDto): Promise<Page<PublicForum>> {
    const { minPosition, ...filter } = query;
    return this.queries.execute(new ListPublicForumsQuery(filter, minPosition ?? null));
  }

  @Get('forums/:id')
  @ApiOperation({
    summary: 'A forum and the totals of what it published',
    description:
      `No token needed. ${PUBLISHED} \`totals\`: the number of published commitments, by status (every published status listed), ` +
      'the rupiah they pledged (`valueRupiah` summed) and the quantity delivered and rupiah disbursed by their accepted reports.',
  })
  @ReadModelResponses('`{id, name, regionCode, programmes, totals: {commitments, byStatus, pledgedRupiah, quantityDelivered, rupiahDisbursed}}`', 'forum')
  forum(@Param('id', new EntityIdPipe('forum')) id: string, @Query() query: ConsistencyQueryDto): Promise<PublicForumView> {
    return this.queries.execute(new PublicForumQuery(id, query.minPosition ?? null));
  }

  @Get('forums/:id/commitments')
  @ApiOperation({ summary: "A forum's published commitments, soonest due first", description: `No token needed. ${PUBLISHED} Ties by id; follow \`nextCursor\` until it is \`null\`.` })
  @ReadModelResponses('`{items, nextCursor}`: published commitments', 'forum')
  commitments(@Param('id', new EntityIdPipe('forum')) id: string, @Query() query: PublicCommitmentsQueryDto): Promise<Page<PublicCommitmentItem>> {
    const { minPosition, status, ...filter } = query;
    return this.queries.execute(
      new ListPublicCommitmentsQuery(id, { ...filter, status: commaList(status) as PublishedCommitmentStatus[] | undefined }, minPosition ?? null),
    );
  }

  @Get('commitments/:id')
  @ApiOperation({
    summary: 'One published commitment, its milestones and its accepted report summaries (oldest period first)',
    description: `No token needed. ${PUBLISHED} A commitment that does not exist or is not published is a 404 alike.`,
  })
  @ReadModelResponses('The commitment with `milestones` and `reports: [{periodStart, periodEnd, quantityDelivered, rupiahDisbursed, evidenceCount, acceptedAt}]`', 'published commitment')
  commitment(@Param('id', new EntityIdPipe('commitment')) id: string, @Query() query: ConsistencyQueryDto): Promise<PublicCommitmentView> {
    return this.queries.execute(new PublicCommitmentQuery(id, query.minPosition ?? null));
  }
}
