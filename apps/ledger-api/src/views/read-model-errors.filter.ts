import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { HttpReply, HttpRequest } from '../http/http-types';
import { InvalidQueryParameterError, ProjectionNotCaughtUpError, ReadModelsUnavailableError } from '@ikrar/application';
import { ProblemDetailsFilter } from '../http/problem-details.filter';
import { problemType, sendProblem } from '../http/problem';
import { InvalidRequestError } from '../http/validation-error';

/**
 * Problems only queries over read models raise. A read model that has not caught up is a
 * temporary 503 with `Retry-After: 1`: the client asked for a position the projector has not reached.
 * Everything else falls through to the global ProblemDetailsFilter.
 */
@Catch(ProjectionNotCaughtUpError, ReadModelsUnavailableError, InvalidQueryParameterError)
export class ReadModelErrorsFilter implements ExceptionFilter {
  private readonly problems = new ProblemDetailsFilter();

  catch(exception: ProjectionNotCaughtUpError | ReadModelsUnavailableError | InvalidQueryParameterError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<HttpRequest>();
    const res = http.getResponse<HttpReply>();
    if (res.sent || res.raw.headersSent) return;
    const instance = req.url;
    if (exception instanceof InvalidQueryParameterError) {
      const { problem, headers } = this.problems.toProblem(new InvalidRequestError([{ field: exception.parameter, problems: [exception.problem] }]), instance);
      return sendProblem(res, problem, headers);
    }
    if (exception instanceof ProjectionNotCaughtUpError) {
      return sendProblem(
        res,
        {
          type: problemType('projection-behind'),
          title: 'Read models not caught up',
          status: 503,
          detail: exception.message,
          minPosition: exception.minPosition,
          instance,
        },
        { 'Retry-After': '1' },
      );
    }
    sendProblem(
      res,
      { type: problemType('read-models-unavailable'), title: 'Service unavailable', status: 503, detail: exception.message, instance },
      { 'Retry-After': '5' },
    );
  }
}
