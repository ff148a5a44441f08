import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotentCommands } from '../http/idempotency.interceptor';
import { HttpReply } from '../http/http-types';
import { AssignRoleCommand, CommandContext, GetRoleAssignmentQuery, RevokeRoleCommand, RoleAssignmentView } from '@ikrar/application';
import { AsOfQueryDto, loadOptionsOf } from '../http/as-of.dto';
import { CommandResponseBody, commandResponse, entityResponse } from '../http/command-response';
import { Ctx } from '../http/command-context.decorator';
import { EntityIdPipe } from '../http/entity-id.pipe';
import { AssignRoleDto, RevokeRoleDto } from './role-assignment.dto';
import { Principal } from '@ikrar/access';
import { Caller } from '../http/auth/caller';

const AssignmentId = () => Param('id', new EntityIdPipe('role assignment'));

@ApiTags('role-assignments')
@IdempotentCommands()
@Controller('role-assignments')
export class RoleAssignmentsController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Post()
  @ApiOperation({
    summary: 'Assign a role (peran) to a partner in a forum or an agreement',
    description:
      'The assignment id is derived from (scope, partner, role): 201 + Location for a first period, 200 for a later, non-overlapping period of the same assignment, 422 role-period-overlaps otherwise.',
  })
  async assign(@Body() body: AssignRoleDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new AssignRoleCommand(body, ctx)), '/role-assignments');
  }

  @Get(':id')
  @ApiOperation({ summary: 'A role assignment with every period it was held; "ended" is derived from today' })
  async get(@AssignmentId() id: string, @Query() asOf: AsOfQueryDto, @Caller() caller: Principal, @Res({ passthrough: true }) res: HttpReply): Promise<RoleAssignmentView> {
    return entityResponse(res, await this.queries.execute(new GetRoleAssignmentQuery(id, caller, loadOptionsOf(asOf))));
  }

  @Post(':id/revocation')
  @HttpCode(200)
  @ApiOperation({ summary: "Revoke a role: its latest period ends on revokedOn (default today)" })
  async revoke(@AssignmentId() id: string, @Body() body: RevokeRoleDto, @Ctx() ctx: CommandContext, @Res({ passthrough: true }) res: HttpReply): Promise<CommandResponseBody> {
    return commandResponse(res, await this.commands.execute(new RevokeRoleCommand(id, body, ctx)), '/role-assignments');
  }
}
