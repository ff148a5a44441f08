import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotentCommands } from '../http/idempotency.interceptor';
import { HttpReply } from '../http/http-types';
import {
  CommandContext,
  DeactivatePartnerCommand,
  ErasePartnerContactCommand,
  GetPartnerQuery,
  PartnerView,
  RegisterPartnerCommand,
  UpdatePartnerDetailsCommand,
} from '@ikrar/application';
import { AsOfQueryDto, loadOptionsOf } from '../http/as-of.dto';
import { CommandResponseBody, commandResponse, entityResponse } from '../http/command-response';
import { Ctx } from '../http/command-context.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { ReasonDto, RegisterPartnerDto, UpdatePartnerDetailsDto } from './partner.dto';
import { Principal } from '@ikrar/access';
import { Caller } from '../http/auth/caller';

const PartnerId = () => Param('id', new EntityIdPipe('partner'));

@ApiTags('partners')
@IdempotentCommands()
@Controller('partners')
export class PartnersController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({ summary: 'Register a partner (mitra)' })
  async register(@Body() body: RegisterPartnerDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new RegisterPartnerCommand(body, ctx)), '/partners');
  }

  @Get(':id')
  @ApiOperation({ summary: "A partner's current details, folded from its stream" })
  async get(@PartnerId() id: string, @Query() asOf: AsOfQueryDto, @Caller() caller: Principal, @Res({ passthrough: true }) res: HttpReply): Promise<PartnerView> {
    return entityResponse(res, await this.queries.execute(new GetPartnerQuery(id, caller, loadOptionsOf(asOf))));
  }

  @Post(':id/details')
  @HttpCode(200)
  @ApiOperation({ summary: "Update a partner's details" })
  async update(@PartnerId() id: string, @Body() body: UpdatePartnerDetailsDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new UpdatePartnerDetailsCommand(id, body, ctx)), '/partners');
  }

  @Post(':id/deactivation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a partner' })
  async deactivate(@PartnerId() id: string, @Body() body: ReasonDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new DeactivatePartnerCommand(id, body, ctx)), '/partners');
  }

  @Post(':id/contact-erasure')
  @HttpCode(200)
  @ApiOperation({ summary: "Erase the contact person's personal data (UU 27/2022); the ledger keeps the fact of the erasure" })
  async eraseContact(@PartnerId() id: string, @Body() body: ReasonDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new ErasePartnerContactCommand(id, body, ctx)), '/partners');
  }
}
