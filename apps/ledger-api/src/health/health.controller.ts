import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE } from '@ikrar/application';
import { EventStore } from '@ikrar/event-store';
import { Public } from '../http/auth/public.decorator';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Liveness and event store reachability' })
  async health(): Promise<{ status: 'ok'; eventStore: 'reachable'; lastPosition: number | null }> {
    const [last] = await this.store.readAll({ direction: 'backwards', maxCount: 1 });
    return { status: 'ok', eventStore: 'reachable', lastPosition: last?.globalPosition ?? null };
  }
}
