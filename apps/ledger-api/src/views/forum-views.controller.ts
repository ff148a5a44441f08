import { Controller, Get, Param, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ForumDashboardQuery, ForumDashboardView, ForumRolesQuery, ForumRolesView } from '@ikrar/application';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { ReadModelErrorsFilter } from './read-model-errors.filter';
import { loadOptionsOf } from '../http/as-of.dto';
import { AsOfViewQueryDto, ForumRolesQueryDto } from './view-query.dto';
import { ReadModelResponses } from './view-responses';
import { Principal } from '@ikrar/access';
import { AllowRoles, Caller } from '../http/auth/caller';

const ForumId = () => Param('id', new EntityIdPipe('forum'));

const DASHBOARD_DEFINITIONS = [
  'Counts of the forum\'s commitments by status, programme and partner sector (every value listed, 0 where none).',
  '**Fulfilment rate**: commitments closed as `fulfilled` divided by those closed (`fulfilled` or `partially-fulfilled`)',
  'plus those overdue today (pledged or accepted, due before today); 4 decimals, `null` when that denominator is 0.',
  'Withdrawn, cancelled and open commitments not yet due do not count either way.',
  '**Reporting light** per partner with a commitment in the forum; reporting periods are calendar quarters. In order:',
  '`inactive` when none of its commitments here is pledged or accepted;',
  'otherwise, if it ever submitted a report (submitted or accepted), by the quarter of the latest report\'s `periodEnd`:',
  'current or previous quarter `green`, two quarters back `yellow` (one quarter late), three or more `red`;',
  'never reported: `red` when one of its commitments was accepted two or more quarters before the current one',
  '(a whole quarter passed without a report), else `green` (nothing due yet).',
  'With `asOf` (recording time) or `asOfOccurred` (business time) the dashboard is computed from the log replayed up to that instant',
  'with the same reducers, and judged on that instant\'s day in WIB (which `asOf` in the response then shows); a forum that did not exist then is 404.',
].join(' ');

@ApiTags('forums')
@Controller('forums')
@UseFilters(ReadModelErrorsFilter)
export class ForumViewsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/dashboard')
  @ApiOperation({ summary: "A forum's dashboard: commitment counts, fulfilment rate and each partner's reporting light", description: DASHBOARD_DEFINITIONS })
  @ReadModelResponses('Counts, fulfilment and reporting lights of the forum as of today', 'forum')
  dashboard(@ForumId() id: string, @Query() query: AsOfViewQueryDto, @Caller() caller: Principal): Promise<ForumDashboardView> {
    return this.queries.execute(new ForumDashboardQuery(id, caller, query.minPosition ?? null, loadOptionsOf(query)));
  }

  @Get(':id/roles')
  @ApiOperation({
    summary: 'Who held which role in the forum (or one of its agreements) on a date, and the full history',
    description:
      'A period counts on `at` when `validFrom <= at` and `at` is not after its end: `validUntil` (open-ended when null), ' +
      'or the revocation day if it was revoked earlier (a revoked role still counts on its `revokedOn`).',
  })
  @ReadModelResponses('`{forumId, at, holders, history}`', 'forum')
  roles(@ForumId() id: string, @Query() query: ForumRolesQueryDto, @Caller() caller: Principal): Promise<ForumRolesView> {
    return this.queries.execute(new ForumRolesQuery(id, caller, query.at ?? null, query.minPosition ?? null));
  }
}
