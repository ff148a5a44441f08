import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionStatus, ProjectionsStatusQuery } from '@ikrar/application';
import { ReadModelErrorsFilter } from './read-model-errors.filter';
import { ConsistencyQueryDto } from './view-query.dto';
import { ReadModelResponses } from './view-responses';
import { AllowRoles } from '../http/auth/caller';

@ApiTags('projections')
@AllowRoles('secretariat', 'auditor', 'admin')
@Controller('projections')
@UseFilters(ReadModelErrorsFilter)
export class ProjectionsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: "Each projection's position, the log's head position, the lag between them and the events it failed to project",
  })
  @ReadModelResponses('`[{projection, generation, position, headPosition, lag, failures}]`')
  status(@Query() query: ConsistencyQueryDto): Promise<readonly ProjectionStatus[]> {
    return this.queries.execute(new ProjectionsStatusQuery(query.minPosition ?? null));
  }
}
