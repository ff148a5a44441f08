import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@ikrar/application';
import { EventStore, verifyLog, VerifyResult } from '@ikrar/event-store';

/** Tamper evidence: recomputes every event hash and checks each stream's chain. */
@ApiTags('audit')
@Controller('audit')
export class VerifyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('verify')
  @ApiOperation({
    summary:
      'Verify the whole event log: every hash recomputes, each stream chains without gaps, global positions increase. ' +
      '200 either way; `ok` is false and `firstFailure` names the first broken event (problem content-changed, chain-broken, revision-gap or order).',
  })
  @ApiOkResponse({ description: '{ ok, eventsChecked, firstFailure: { globalPosition, eventId, streamId, streamRevision, problem } | null }' })
  async verify(): Promise<VerifyResult> {
    return verifyLog(this.store);
  }
}
