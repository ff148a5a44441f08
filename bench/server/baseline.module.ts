import { Body, Controller, Module, Post, Res } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { HttpReply } from '../../apps/ledger-api/src/http/http-types';
import { CommandContext } from '@ikrar/application';
import { PledgeCommitmentDto } from '../../apps/ledger-api/src/commitments/commitment.dto';
import { Ctx } from '../../apps/ledger-api/src/http/command-context.decorator';
import { IdempotentCommands } from '../../apps/ledger-api/src/http/idempotency.interceptor';

/**
 * The baseline of the commands figure: a trivial POST route on the same server, behind the same
 * body parsing, global validation pipe (the real pledge DTO), actor resolution, interceptors and
 * filters, answering a command-shaped 201 without touching the ledger. Only the bench server
 * mounts it; the production app never does.
 */
@IdempotentCommands()
@Controller('bench')
export class BenchBaselineController {
  @Post('baseline')
  baseline(@Body() body: PledgeCommitmentDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): { id: string; revision: number; position: number } {
    const id = randomUUID();
    res.header('Location', `/bench/baseline/${id}`);
    return { id, revision: ctx.actor.userId.length > 0 && body.quantity > 0 ? 0 : 0, position: 0 };
  }
}

@Module({ controllers: [BenchBaselineController] })
export class BenchBaselineModule {}
