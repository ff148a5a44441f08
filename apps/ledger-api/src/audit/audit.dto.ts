import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { AUDIT_EVENTS_DEFAULT_LIMIT, AUDIT_EVENTS_MAX_LIMIT, CSV_DATASETS, CsvDataset, decodeAuditCursor, EXPORT_FORMATS, ExportFormat } from '@ikrar/application';
import { InstantQuery } from '../http/as-of.dto';

/** A query-string integer: digits only, so `1.5`, `1e2` or ` 7` are refused rather than coerced. */
const toInteger = ({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value);

export class AuditEventsQueryDto {
  @ApiPropertyOptional({ description: 'Exact stream id, e.g. commitment-<uuid>', maxLength: 200 })
  @IsOptional()
  @IsString({ message: '$property must be given once' })
  @MaxLength(200)
  readonly stream?: string;

  @ApiPropertyOptional({ description: 'Exact event type, e.g. AgreementCorrected', maxLength: 100 })
  @IsOptional()
  @IsString({ message: '$property must be given once' })
  @MaxLength(100)
  readonly type?: string;

  @ApiPropertyOptional({ description: "The acting user's id (metadata.actor.userId)", maxLength: 128 })
  @IsOptional()
  @IsString({ message: '$property must be given once' })
  @MaxLength(128)
  readonly actor?: string;

  @ApiPropertyOptional({ description: 'Events by a user of this partner (actor.partnerId) or about it (data.partnerId)', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a partner id (UUID)' })
  readonly partnerId?: string;

  @InstantQuery('Only events recorded at or after this instant')
  readonly from?: string;

  @InstantQuery('Only events recorded at or before this instant')
  readonly to?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc', description: 'asc: oldest first; desc: newest first' })
  @IsOptional()
  @IsIn(['asc', 'desc'], { message: '$property must be asc or desc' })
  readonly order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString({ message: '$property must be given once' })
  @ValidateBy({
    name: 'isAuditCursor',
    validator: { validate: (value) => typeof value === 'string' && decodeAuditCursor(value) !== null, defaultMessage: () => 'cursor is not a cursor this API issued' },
  })
  readonly cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: AUDIT_EVENTS_MAX_LIMIT, default: AUDIT_EVENTS_DEFAULT_LIMIT })
  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: '$property must be an integer' })
  @Min(1, { message: '$property must be at least 1' })
  @Max(AUDIT_EVENTS_MAX_LIMIT, { message: `$property must be at most ${AUDIT_EVENTS_MAX_LIMIT}` })
  readonly limit?: number;
}

export class AuditExportQueryDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'ndjson', description: 'ndjson: the full event log, one envelope per line; csv: a dataset for spreadsheets' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `$property must be one of ${EXPORT_FORMATS.join(', ')}` })
  readonly format?: ExportFormat;

  @ApiPropertyOptional({ enum: CSV_DATASETS, description: 'Required with format=csv: one row per commitment, or per obligation (milestone or due date)' })
  @ValidateBy({
    name: 'datasetForFormat',
    validator: {
      validate: (value, args) => ((args?.object as AuditExportQueryDto).format === 'csv' ? (CSV_DATASETS as readonly unknown[]).includes(value) : value === undefined),
      defaultMessage: (args) =>
        (args?.object as AuditExportQueryDto).format === 'csv'
          ? `dataset must be one of ${CSV_DATASETS.join(', ')} with format=csv`
          : 'dataset applies only to format=csv',
    },
  })
  readonly dataset?: CsvDataset;
}
