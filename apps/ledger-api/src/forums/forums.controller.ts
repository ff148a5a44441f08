import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotentCommands } from '../http/idempotency.interceptor';
import { HttpReply } from '../http/http-types';
import {
  CommandContext,
  EstablishForumCommand,
  ForumView,
  GetForumQuery,
  GetMeetingQuery,
  MeetingView,
  RecordMeetingCommand,
} from '@ikrar/application';
import { AsOfQueryDto, loadOptionsOf } from '../http/as-of.dto';
import { CommandResponseBody, commandResponse, entityResponse } from '../http/command-response';
import { Ctx } from '../http/command-context.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { EstablishForumDto, RecordMeetingDto } from './forum.dto';
import { Principal } from '@ikrar/access';
import { Caller } from '../http/auth/caller';

const ForumId = () => Param('id', new EntityIdPipe('forum'));

@ApiTags('forums')
@IdempotentCommands()
@Controller('forums')
export class ForumsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({ summary: 'Establish a partnership forum (forum kemitraan)' })
  async establish(@Body() body: EstablishForumDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new EstablishForumCommand(body, ctx)), '/forums');
  }

  @Get(':id')
  @ApiOperation({ summary: "A forum's current details and its meetings" })
  async get(@ForumId() id: string, @Query() asOf: AsOfQueryDto, @Caller() caller: Principal, @Res({ passthrough: true }) res: HttpReply): Promise<ForumView> {
    return entityResponse(res, await this.queries.execute(new GetForumQuery(id, caller, loadOptionsOf(asOf))));
  }

  @Post(':id/meetings')
  @ApiOperation({ summary: 'Record a meeting (pertemuan) of the forum; answers the meeting id and the forum revision' })
  async recordMeeting(
    @ForumId() id: string,
    @Body() body: RecordMeetingDto,
    @Ctx() ctx: CommandContext,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<CommandResponseBody> {
    const outcome = await this.commands.execute(new RecordMeetingCommand(id, body, ctx));
    return commandResponse(res, outcome, `/forums/${id}/meetings`);
  }

  @Get(':id/meetings/:meetingId')
  @ApiOperation({ summary: 'One meeting of a forum' })
  async getMeeting(
    @ForumId() id: string,
    @Param('meetingId', new EntityIdPipe('meeting')) meetingId: string,
    @Query() asOf: AsOfQueryDto,
    @Caller() caller: Principal,
    @Res({ passthrough: true }) res: HttpReply,
  ): Promise<MeetingView> {
    return entityResponse(res, await this.queries.execute(new GetMeetingQuery(id, meetingId, caller, loadOptionsOf(asOf))));
  }
}
