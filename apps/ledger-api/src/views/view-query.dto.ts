import { COMMITMENT_SORTS, COMMITMENT_STATUSES, MAX_PAGE_LIMIT, REPORT_STATUSES } from '@ikrar/application';
import { IntersectionType } from '@nestjs/swagger';
import { PROGRAMMES } from '@ikrar/domain';
import { AsOfQueryDto } from '../http/as-of.dto';
import { BooleanParam, DateParam, IntegerParam, ListOfParam, OneOfParam, RegionCodeParam, TextParam, UuidParam } from './query-params';

/** Every query over the read models accepts `minPosition` (read-your-writes after a command). */
export class ConsistencyQueryDto {
  @IntegerParam(
    'Wait (up to about 3 s) until the read models cover this global position, e.g. the `position` a command answered; still behind: 503 with Retry-After',
    0,
    Number.MAX_SAFE_INTEGER,
  )
  minPosition?: number;
}

export class PageQueryDto extends ConsistencyQueryDto {
  @IntegerParam('Items per page', 1, MAX_PAGE_LIMIT, { default: 50 })
  limit?: number;

  @TextParam("The previous page's `nextCursor`; only valid with the same filters and sort", 2000)
  cursor?: string;
}

export class ListCommitmentsQueryDto extends PageQueryDto {
  @UuidParam('Only commitments of this partner')
  partnerId?: string;

  @UuidParam('Only commitments in this forum')
  forumId?: string;

  @UuidParam('Only commitments under this agreement')
  agreementId?: string;

  @ListOfParam(COMMITMENT_STATUSES, 'Only commitments in these statuses.')
  status?: string;

  @OneOfParam(PROGRAMMES, 'Only commitments of this programme')
  programme?: string;

  @RegionCodeParam('Only commitments located in this region or inside it (`52` includes `52.71`)')
  regionCode?: string;

  @BooleanParam('`true`: only pledged or accepted commitments due before today; `false`: all others')
  overdue?: boolean;

  @DateParam('Only commitments due strictly before this day')
  dueBefore?: string;

  @TextParam('Case-insensitive substring of the description', 100)
  q?: string;

  @OneOfParam(COMMITMENT_SORTS, 'Order (a leading `-` is descending); ties by id. Default `dueDate`')
  sort?: string;
}

export class ReviewQueueQueryDto extends PageQueryDto {
  @ListOfParam(REPORT_STATUSES, 'Only reports in these statuses; default `submitted` (waiting for review).')
  status?: string;

  @UuidParam('Only reports in this forum')
  forumId?: string;

  @UuidParam('Only reports of this partner')
  partnerId?: string;

  @UuidParam('Only reports on this commitment')
  commitmentId?: string;
}

export class ForumRolesQueryDto extends ConsistencyQueryDto {
  @DateParam('The day to ask about; default today (WIB)')
  at?: string;
}

/**
 * The dashboard and obligations routes: `minPosition`, or `asOf` / `asOfOccurred` (the view as of a past
 * instant, replayed from the log; the same rules as on entity reads: a zone is required, not both at once).
 */
export class AsOfViewQueryDto extends IntersectionType(ConsistencyQueryDto, AsOfQueryDto) {}
