import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, ValidateBy, ValidationOptions } from 'class-validator';
import { LoadOptions } from '@ikrar/application';
import { isCalendarDate } from '@ikrar/domain';

/** `2025-11-25T10:00:00Z`, `2025-11-25T17:00:00.123+07:00`: a date, a time and a zone, nothing less. */
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The instant an ISO 8601 date-time with a zone names, or `null` (impossible dates such as 2025-02-30 included). */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const match = INSTANT.exec(value);
  if (!match || !isCalendarDate(match[1])) return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => parseInstant(value) !== null,
        defaultMessage: (args) => `${args?.property} must be an ISO 8601 instant with a time zone, e.g. 2025-11-25T17:00:00+07:00`,
      },
    },
    options,
  );
}

/** An optional query parameter holding an instant. */
export function InstantQuery(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', example: '2025-12-01T17:00:00+07:00', description }),
    IsOptional(),
    IsString({ message: '$property must be given once' }),
    IsInstant(),
  );
}

/**
 * `?asOf=` or `?asOfOccurred=` on every entity read: the entity as the ledger told it at that
 * instant (recording time), or as it was in the world then (business time) as we know it now.
 */
export class AsOfQueryDto {
  @InstantQuery('Fold only events recorded at or before this instant: what the ledger said then')
  readonly asOf?: string;

  @InstantQuery('Fold only events whose business time (occurredAt) is at or before this instant: what was true then, as known now. Not with asOf')
  @ValidateBy({
    name: 'notWithAsOf',
    validator: {
      validate: (_value, args) => (args?.object as AsOfQueryDto).asOf === undefined,
      defaultMessage: () => 'asOfOccurred cannot be combined with asOf: choose recording time or business time',
    },
  })
  readonly asOfOccurred?: string;
}

/** The fold limits an as-of query asks for; `{}` (the latest state) when it names none. */
export function loadOptionsOf(query: AsOfQueryDto | undefined): LoadOptions {
  const recordedUntil = parseInstant(query?.asOf);
  const occurredUntil = parseInstant(query?.asOfOccurred);
  return {
    ...(recordedUntil ? { recordedUntil } : {}),
    ...(occurredUntil ? { occurredUntil } : {}),
  };
}
