import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';

/** The responses every read-model route shares; `notFound` names the entity a path id addresses. */
export function ReadModelResponses(ok: string, notFound?: string): MethodDecorator {
  return applyDecorators(
    ApiOkResponse({ description: ok }),
    ApiBadRequestResponse({ description: 'An unknown, repeated, operator-shaped (`status[$ne]`) or malformed query parameter, named in `errors`' }),
    ...(notFound ? [ApiNotFoundResponse({ description: `No such ${notFound}` })] : []),
    ApiServiceUnavailableResponse({
      description: 'The read models did not reach `minPosition` within about 3 s (`Retry-After: 1`), or this process has no read models',
    }),
  );
}

/** `a,b` -> `['a', 'b']`; the DTO already refused unknown or repeated values. */
export function commaList(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',');
}
