import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotentCommands } from '../http/idempotency.interceptor';
import { HttpReply } from '../http/http-types';
import {
  AcceptCommitmentCommand,
  AmendCommitmentCommand,
  CancelCommitmentCommand,
  CloseCommitmentCommand,
  CommandContext,
  CommitmentView,
  GetCommitmentQuery,
  MarkMilestoneMetCommand,
  PledgeCommitmentCommand,
  WithdrawCommitmentCommand,
} from '@ikrar/application';
import { AsOfQueryDto, loadOptionsOf } from '../http/as-of.dto';
import { CommandResponseBody, commandResponse, entityResponse } from '../http/command-response';
import { Ctx } from '../http/command-context.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import {
  AcceptCommitmentDto,
  AmendCommitmentDto,
  CloseCommitmentDto,
  CommitmentReasonDto,
  MarkMilestoneMetDto,
  PledgeCommitmentDto,
} from './commitment.dto';
import { Principal } from '@ikrar/access';
import { Caller } from '../http/auth/caller';

const CommitmentId = () => Param('id', new EntityIdPipe('commitment'));
const MilestoneId = () => Param('milestoneId', new EntityIdPipe('milestone'));
const COLLECTION = '/commitments';

@ApiTags('commitments')
@IdempotentCommands()
@Controller('commitments')
export class CommitmentsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({ summary: "Record a partner's pledge (komitmen) under an agreement in force" })
  async pledge(@Body() body: PledgeCommitmentDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new PledgeCommitmentCommand(body, ctx)), COLLECTION);
  }

  @Get(':id')
  @ApiOperation({ summary: "A commitment's current state (or as of `asOf` / `asOfOccurred`); `overdue` is derived from today, or the as-of day, on every read" })
  async get(@CommitmentId() id: string, @Query() asOf: AsOfQueryDto, @Caller() caller: Principal, @Res({ passthrough: true }) res: HttpReply): Promise<CommitmentView> {
    return entityResponse(res, await this.queries.execute(new GetCommitmentQuery(id, caller, loadOptionsOf(asOf))));
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a pledge: it becomes an active commitment (body optional)' })
  async accept(@CommitmentId() id: string, @Body() body: AcceptCommitmentDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new AcceptCommitmentCommand(id, { acceptedOn: body?.acceptedOn }, ctx)), COLLECTION);
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @ApiOperation({ summary: 'Amend a commitment; a lower quantity or value is recorded as a reduction, never an overwrite' })
  async amend(@CommitmentId() id: string, @Body() body: AmendCommitmentDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new AmendCommitmentCommand(id, { rationale: body.rationale, changes: { ...body.changes } }, ctx)), COLLECTION);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a pledge (the pledging partner or the secretariat)' })
  async withdraw(@CommitmentId() id: string, @Body() body: CommitmentReasonDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new WithdrawCommitmentCommand(id, { reason: body.reason }, ctx)), COLLECTION);
  }

  @Post(':id/cancellation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a commitment (secretariat only)' })
  async cancel(@CommitmentId() id: string, @Body() body: CommitmentReasonDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new CancelCommitmentCommand(id, { reason: body.reason }, ctx)), COLLECTION);
  }

  @Post(':id/closure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close an accepted commitment as fulfilled or partially fulfilled, today' })
  async close(@CommitmentId() id: string, @Body() body: CloseCommitmentDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new CloseCommitmentCommand(id, { outcome: body.outcome, note: body.note }, ctx)), COLLECTION);
  }

  @Post(':id/milestones/:milestoneId/met')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that a milestone was met (not dated after today; body optional)' })
  async markMilestoneMet(
    @CommitmentId() id: string,
    @MilestoneId() milestoneId: string,
    @Body() body: MarkMilestoneMetDto,
    @Ctx() ctx: CommandContext,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<CommandResponseBody> {
    return commandResponse(
      res,
      await this.commands.execute(new MarkMilestoneMetCommand(id, milestoneId, { metOn: body?.metOn, note: body?.note }, ctx)),
      COLLECTION,
    );
  }
}
