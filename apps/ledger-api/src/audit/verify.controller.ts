import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@ikrar/application';
import { EventStore } from '@ikrar/event-store';
import { FullVerifyResult, sealerFor, verifyLedgerFully } from '@ikrar/ledger-seal';
import { AllowRoles } from '../http/auth/caller';

/** Tamper evidence: recomputes every event hash and checks each stream's chain. */
@ApiTags('audit')
@AllowRoles('auditor')
@Controller('audit')
export class VerifyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  @ApiOperation({
    summary:
      'Verify the whole event log: every hash recomputes, each stream chains without gaps, global positions increase. ' +
      'Also checks the sealer\'s ledger index against the log (dense order, position, hash) and every signed seal. ' +
      '200 either way; `ok` is false and `firstFailure` names the first broken event (problem content-changed, chain-broken, revision-gap or order), ' +
      '`index.firstFailure` the first ledger index that no longer matches the log, `seals.firstFailure` the first broken seal (by seq).',
  })
  @ApiOkResponse({ description: '{ ok, eventsChecked, firstFailure: { globalPosition, eventId, streamId, streamRevision, problem } | null, index: { checked, ok, firstFailure }, seals: { checked, ok, firstFailure: { seq, problem } | null } }' })
  async verify(): Promise<FullVerifyResult> {
    return verifyLedgerFully(this.store, sealerFor(this.store));
  }
}
