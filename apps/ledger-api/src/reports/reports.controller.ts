import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
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

const ReportId = () => Param('id', new EntityIdPipe('report'));

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({ summary: 'Draft an accountability report (laporan pertanggungjawaban) on an accepted commitment' })
  async draft(@Body() body: DraftReportDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: Response): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new DraftReportCommand(body, ctx)), '/reports');
  }

  @Get(':id')
  @ApiOperation({ summary: 'A report as it stands, with its submitter, reviewer and every return for revision' })
  async get(@ReportId() id: string, @Query() asOf: AsOfQueryDto, @Res({ passthrough: true }) res: Response): Promise<ReportView> {
    return entityResponse(res, await this.queries.execute(new GetReportQuery(id, loadOptionsOf(asOf))));
  }

  @Post(':id/submission')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft, or resubmit a returned report, optionally with revisions' })
  async submit(@ReportId() id: string, @Body() body: SubmitReportDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: Response): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new SubmitReportCommand(id, body, ctx)), '/reports');
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Return a submitted report to the partner for revision (secretariat)' })
  async returnForRevision(@ReportId() id: string, @Body() body: ReturnReportDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: Response): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new ReturnReportCommand(id, body, ctx)), '/reports');
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a submitted report (secretariat): only accepted reports count toward fulfilment' })
  async accept(@ReportId() id: string, @Body(new EmptyBodyPipe()) _body: unknown, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: Response): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new AcceptReportCommand(id, ctx)), '/reports');
  }
}
