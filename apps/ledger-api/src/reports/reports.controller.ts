import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IdempotentCommands } from '../http/idempotency.interceptor';
import { HttpReply, HttpRequest } from '../http/http-types';
import { EvidenceItem } from '@ikrar/domain';
import {
  AcceptReportCommand,
  CommandContext,
  DraftReportCommand,
  GetReportQuery,
  ReportView,
  ReturnReportCommand,
  SubmitReportCommand,
} from '@ikrar/application';
import { AsOfQueryDto, loadOptionsOf } from '../http/as-of.dto';
import { CommandResponseBody, commandResponse, entityResponse } from '../http/command-response';
import { Ctx } from '../http/command-context.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { DraftReportDto, EmptyBodyPipe, ReturnReportDto, SubmitReportDto } from './report.dto';
import { Principal } from '@ikrar/access';
import { Caller } from '../http/auth/caller';

const ReportId = () => Param('id', new EntityIdPipe('report'));

@ApiTags('reports')
@IdempotentCommands()
@Controller('reports')
export class ReportsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({ summary: 'Draft an accountability report (laporan pertanggungjawaban) on an accepted commitment' })
  async draft(@Body() body: DraftReportDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new DraftReportCommand(body, ctx)), '/reports');
  }

  @Get(':id')
  @ApiOperation({ summary: 'A report as it stands, with its submitter, reviewer and every return for revision' })
  async get(@ReportId() id: string, @Query() asOf: AsOfQueryDto, @Caller() caller: Principal, @Res({ passthrough: true }) res: HttpReply): Promise<ReportView> {
    return entityResponse(res, await this.queries.execute(new GetReportQuery(id, caller, loadOptionsOf(asOf))));
  }

  @Post(':id/evidence/check')
  @HttpCode(200)
  @ApiQuery({ name: 'name', required: false, description: 'Check against the recorded evidence item of this file name only' })
  @ApiBody({ description: 'The file itself, as application/octet-stream (up to the body limit)', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({
    summary:
      "Hash an uploaded file (SHA-256) and say whether it is one of the report's recorded evidence documents: { sha256, matches, evidence }",
  })
  async checkEvidence(
    @ReportId() id: string,
    @Caller() caller: Principal,
    @Req() req: HttpRequest,
    @Query('name') name: unknown,
  ): Promise<{ sha256: string; matches: boolean; evidence: EvidenceItem | null }> {
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const report = await this.queries.execute(new GetReportQuery(id, caller));
    const wanted = typeof name === 'string' && name !== '' ? name : null;
    const evidence = report.evidence.find((item) => item.sha256 === sha256 && (wanted === null || item.name === wanted)) ?? null;
    return { sha256, matches: evidence !== null, evidence };
  }

  @Post(':id/submission')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft, or resubmit a returned report, optionally with revisions' })
  async submit(@ReportId() id: string, @Body() body: SubmitReportDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new SubmitReportCommand(id, body, ctx)), '/reports');
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted report to the partner for revision (secretariat)' })
  async returnForRevision(@ReportId() id: string, @Body() body: ReturnReportDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new ReturnReportCommand(id, body, ctx)), '/reports');
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a submitted report (secretariat): only accepted reports count toward fulfilment' })
  async accept(@ReportId() id: string, @Body(new EmptyBodyPipe()) _body: unknown, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new AcceptReportCommand(id, ctx)), '/reports');
  }
}
