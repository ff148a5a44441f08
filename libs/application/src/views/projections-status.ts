import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { ProjectionStatus } from './ports';
import { ReadModels } from './read-models';

export class ProjectionsStatusQuery extends Query<readonly ProjectionStatus[]> {
  constructor(readonly minPosition: number | null = null) {
    super();
  }
}

/** Each projection's checkpoint, the log's head and the lag between them, with its recorded failures. */
@QueryHandler(ProjectionsStatusQuery)
export class ProjectionsStatusHandler implements IQueryHandler<ProjectionsStatusQuery> {
  constructor(private readonly readModels: ReadModels) {}

  execute({ minPosition }: ProjectionsStatusQuery): Promise<readonly ProjectionStatus[]> {
    return this.readModels.status(minPosition);
  }
}
