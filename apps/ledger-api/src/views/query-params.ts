import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, isUUID, ValidateBy } from 'class-validator';
import { isCalendarDate, REGION_CODE_PATTERN } from '@ikrar/domain';

/**
 * Query-string parameters. Express 5 parses `?a=1&a=2` into an array and leaves `a[$ne]=x` as a
 * literal key `a[$ne]`: the first is refused here ("given once"), the second as an unknown parameter
 * by the global ValidationPipe (`forbidNonWhitelisted`). So no operator-shaped value ever reaches a store.
 */
function QueryParam(name: string, test: (value: unknown) => boolean, expected: string, api: ApiPropertyOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional(api),
    IsOptional(),
    ValidateBy({
      name,
      validator: {
        validate: (value) => !Array.isArray(value) && test(value),
        defaultMessage: (args) => (Array.isArray(args?.value) ? `${args?.property} must be given once` : `${args?.property} ${expected}`),
      },
    }),
  );
}

export function UuidParam(description: string): PropertyDecorator {
  return applyDecorators(
    QueryParam('uuidParam', (v) => typeof v === 'string' && isUUID(v, 'all'), 'must be a UUID', { type: String, format: 'uuid', description }),
    Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value)),
  );
}

export function OneOfParam(values: readonly string[], description: string): PropertyDecorator {
  return QueryParam('oneOfParam', (v) => typeof v === 'string' && values.includes(v), `must be one of ${values.join(', ')}`, {
    enum: [...values],
    description,
  });
}

/** A comma-separated list of vocabulary values: `status=pledged,accepted` (no repeats). */
export function ListOfParam(values: readonly string[], description: string): PropertyDecorator {
  const valid = (v: unknown) => {
    if (typeof v !== 'string') return false;
    const parts = v.split(',');
    return parts.every((p) => values.includes(p)) && new Set(parts).size === parts.length;
  };
  return QueryParam('listOfParam', valid, `must be one or more of ${values.join(', ')}, comma-separated, each once`, {
    type: String,
    example: values.slice(0, 2).join(','),
    description: `${description} One value or several separated by commas (any of them matches): ${values.join(', ')}.`,
  });
}

export function DateParam(description: string): PropertyDecorator {
  return QueryParam('dateParam', (v) => isCalendarDate(v), 'must be a real calendar date YYYY-MM-DD', {
    type: String,
    format: 'date',
    example: '2026-04-15',
    description,
  });
}

export function RegionCodeParam(description: string): PropertyDecorator {
  return QueryParam('regionCodeParam', (v) => typeof v === 'string' && REGION_CODE_PATTERN.test(v), 'must be a Kemendagri region code such as 52 or 52.71', {
    type: String,
    example: '52',
    pattern: REGION_CODE_PATTERN.source,
    description,
  });
}

export function TextParam(description: string, maxLength: number): PropertyDecorator {
  return QueryParam('textParam', (v) => typeof v === 'string' && /\S/.test(v) && v.length <= maxLength, `must be 1 to ${maxLength} characters, not blank`, {
    type: String,
    maxLength,
    description,
  });
}

/** An integer parameter: converted only when the text is all digits, so `1.5`, `-1` and `1e3` are refused as given. */
export function IntegerParam(description: string, minimum: number, maximum: number, extra: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value)),
    QueryParam(
      'integerParam',
      (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= minimum && v <= maximum,
      `must be an integer from ${minimum} to ${maximum}`,
      { type: 'integer', minimum, maximum, description, ...extra } as ApiPropertyOptions,
    ),
  );
}

export function BooleanParam(description: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    QueryParam('booleanParam', (v) => typeof v === 'boolean', 'must be true or false', { type: Boolean, description }),
  );
}
