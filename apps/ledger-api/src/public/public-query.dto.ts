import { PUBLISHED_COMMITMENT_STATUSES } from '@ikrar/application';
import { PROGRAMMES } from '@ikrar/domain';
import { ListOfParam, OneOfParam, UuidParam } from '../views/query-params';
import { PageQueryDto } from '../views/view-query.dto';

/** `GET /public/forums/:id/commitments`: only published statuses can be asked for (`pledged` is a 400). */
export class PublicCommitmentsQueryDto extends PageQueryDto {
  @ListOfParam(PUBLISHED_COMMITMENT_STATUSES, 'Only published commitments in these statuses.')
  status?: string;

  @OneOfParam(PROGRAMMES, 'Only commitments of this programme')
  programme?: string;

  @UuidParam('Only commitments of this partner')
  partnerId?: string;
}
