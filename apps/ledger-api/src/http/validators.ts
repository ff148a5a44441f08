import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidationOptions } from 'class-validator';
import { isCalendarDate, REGION_CODE_PATTERN } from '@ikrar/domain';

/** A real calendar date `YYYY-MM-DD`: `2025-02-30` is refused. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isCalendarDate', validator: { validate: (value) => isCalendarDate(value), defaultMessage: (args) => `${args?.property} must be a real calendar date YYYY-MM-DD` } },
    options,
  );
}

export function CalendarDate(description: string, options: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(ApiProperty({ type: String, format: 'date', example: '2025-11-25', description, ...options } as ApiPropertyOptions), IsCalendarDate());
}

/** Kemendagri region code: `52`, `52.71`, `52.71.01`, `52.71.01.1001`. */
export function RegionCode(description = 'Kemendagri region code', options: ApiPropertyOptions = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, example: '52.71', pattern: REGION_CODE_PATTERN.source, description, ...options } as ApiPropertyOptions),
    IsString(),
    Matches(REGION_CODE_PATTERN, { message: '$property must be a Kemendagri region code such as 52, 52.71, 52.71.01 or 52.71.01.1001' }),
  );
}

/** Whole rupiah: a JSON integer, never a fraction, a string or a negative. */
export function WholeRupiah(description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: Integer(), minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 150_000_000, description } as ApiPropertyOptions),
    IsInt({ message: '$property must be a whole number of rupiah (a JSON integer)' }),
    Min(0, { message: '$property must not be negative' }),
    Max(Number.MAX_SAFE_INTEGER, { message: `$property must be at most ${Number.MAX_SAFE_INTEGER}` }),
  );
}

export function NonNegativeInteger(description: string, minimum = 0): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: Integer(), minimum, maximum: Number.MAX_SAFE_INTEGER, description } as ApiPropertyOptions),
    IsInt({ message: '$property must be an integer' }),
    Min(minimum, { message: `$property must be at least ${minimum}` }),
    Max(Number.MAX_SAFE_INTEGER, { message: `$property must be at most ${Number.MAX_SAFE_INTEGER}` }),
  );
}

/** A required, non-blank string of bounded length. */
export function Text(description: string, maxLength = 500, example?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, maxLength, description, example } as ApiPropertyOptions),
    IsString(),
    IsNotEmpty({ message: '$property must not be empty' }),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(maxLength),
  );
}

function Integer(): 'integer' {
  return 'integer';
}
