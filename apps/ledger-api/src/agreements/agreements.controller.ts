import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotentCommands } from '../http/idempotency.interceptor';
import { HttpReply } from '../http/http-types';
import {
  AgreementView,
  AmendAgreementCommand,
  CommandContext,
  CorrectAgreementCommand,
  GetAgreementQuery,
  RecordAgreementCommand,
  TerminateAgreementCommand,
} from '@ikrar/application';
import { AsOfQueryDto, loadOptionsOf } from '../http/as-of.dto';
import { CommandResponseBody, commandResponse, entityResponse } from '../http/command-response';
import { Ctx } from '../http/command-context.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { AmendAgreementDto, CorrectAgreementDto, RecordAgreementDto, TerminateAgreementDto } from './agreement.dto';
import { Principal } from '@ikrar/access';
import { Caller } from '../http/auth/caller';

const AgreementId = () => Param('id', new EntityIdPipe('agreement'));

@ApiTags('agreements')
@IdempotentCommands()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({ summary: 'Record an agreement (kesepakatan, PKS/MoU) made in a forum' })
  async record(@Body() body: RecordAgreementDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new RecordAgreementCommand(body, ctx)), '/agreements');
  }

  @Get(':id')
  @ApiOperation({ summary: 'The agreement as it stands, with every correction and amendment' })
  async get(@AgreementId() id: string, @Query() asOf: AsOfQueryDto, @Caller() caller: Principal, @Res({ passthrough: true }) res: HttpReply): Promise<AgreementView> {
    return entityResponse(res, await this.queries.execute(new GetAgreementQuery(id, caller, loadOptionsOf(asOf))));
  }

  @Post(':id/corrections')
  @HttpCode(200)
  @ApiOperation({ summary: 'Correct a recording error (ralat); the event keeps the values it replaced' })
  async correct(@AgreementId() id: string, @Body() body: CorrectAgreementDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new CorrectAgreementCommand(id, body, ctx)), '/agreements');
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend the agreement (adendum) from a date on, with a rationale' })
  async amend(@AgreementId() id: string, @Body() body: AmendAgreementDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new AmendAgreementCommand(id, body, ctx)), '/agreements');
  }

  @Post(':id/termination')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate the agreement' })
  async terminate(@AgreementId() id: string, @Body() body: TerminateAgreementDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new TerminateAgreementCommand(id, body, ctx)), '/agreements');
  }
}
