import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerObligationsQuery, PartnerObligationsView } from '@ikrar/application';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { ReadModelErrorsFilter } from './read-model-errors.filter';
import { loadOptionsOf } from '../http/as-of.dto';
import { AsOfViewQueryDto } from './view-query.dto';
import { ReadModelResponses } from './view-responses';
import { Principal } from '@ikrar/access';
import { AllowRoles, Caller } from '../http/auth/caller';

@ApiTags('partners')
@Controller('partners')
@UseFilters(ReadModelErrorsFilter)
export class PartnerObligationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/obligations')
  @ApiOperation({
    summary: "A partner's obligations today: what is active, due soon, overdue, and which reports wait for whom",
    description: [
      '`asOf` is today (WIB). `activeCommitments`: accepted commitments, soonest due first.',
      '`dueWithin30Days`: pledged or accepted commitments due from today through today + 30 days.',
      '`overdue`: pledged or accepted commitments due before today.',
      '`reportsAwaitingAction`: the partner\'s reports in draft or returned for revision; `reportsAwaitingReview`: its submitted reports.',
      '`totals` are over the active (accepted) commitments: pledged quantity and rupiah against delivered quantity and disbursed rupiah',
      'from accepted reports only (quantities are summed across units as recorded).',
      'With `asOf` (recording time) or `asOfOccurred` (business time) the obligations are computed from the log replayed up to that instant',
      'with the same reducers, and judged on that instant\'s day in WIB (the response\'s `asOf`); a partner not registered then is 404.',
    ].join(' '),
  })
  @ReadModelResponses("The partner's obligations as of today", 'partner')
  obligations(@Param('id', new EntityIdPipe('partner')) id: string, @Query() query: AsOfViewQueryDto, @Caller() caller: Principal): Promise<PartnerObligationsView> {
    return this.queries.execute(new PartnerObligationsQuery(id, caller, query.minPosition ?? null, loadOptionsOf(query)));
  }
}
