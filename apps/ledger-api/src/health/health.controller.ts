import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@ikrar/application';
import { EventStore } from '@ikrar/event-store';
import { sealerFor } from '@ikrar/ledger-seal';
import { Public } from '../http/auth/public.decorator';

/** `retrying`: the sealer hit a problem (logged) and follows the log again shortly; new events wait for their seal. */
export type SealingState = 'following' | 'retrying' | 'off';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, event store reachability and whether the ledger is being sealed' })
  async health(): Promise<{ status: 'ok'; eventStore: 'reachable'; lastPosition: number | null; sealing: SealingState }> {
    const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1 });
    const sealer = sealerFor(this.store);
    const lastPosition = last?.globalPosition ?? null;
    // A problem the sealer has since recovered from leaves its error set until new events arrive; it only
    // matters while recorded events wait for their index.
    const waiting = sealer !== null && lastPosition !== null && (sealer.checkpoint() ?? -1) < lastPosition;
    const sealing = sealer === null ? 'off' : waiting && sealer.lastError() !== null ? 'retrying' : 'following';
    return { status: 'ok', eventStore: 'reachable', lastPosition, sealing };
  }
}
