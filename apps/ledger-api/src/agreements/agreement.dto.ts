import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsOptional,
  IsUUID,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { CalendarDate, Text } from '../http/validators';
import { LowerCaseIds } from '../forums/forum.dto';

const TITLE_MAX = 300;
const TEXT_MAX = 20_000;

/** A `changes` object must change something: at least one field present. */
function HasSomeChange(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasSomeChange',
      validator: {
        validate: (value) =>
          value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).some((field) => field !== undefined),
        defaultMessage: (args) => `${args?.property} must change at least one field`,
      },
    },
    options,
  );
}

/** Present means validated (so `null` is refused); absent means unchanged. */
const IfPresent = () => ValidateIf((_object, value) => value !== undefined);

function PartyPartnerIds(required: boolean): PropertyDecorator {
  return applyDecorators(
    (required ? ApiProperty : ApiPropertyOptional)({
      type: [String],
      format: 'uuid',
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
      description: 'The registered partners bound by the agreement',
    }),
    LowerCaseIds(),
    IsArray({ message: '$property must be a list of partner ids' }),
    ArrayMinSize(1, { message: '$property must list at least one party' }),
    ArrayMaxSize(100),
    ArrayUnique({ message: '$property must not list a partner twice' }),
    IsUUID('all', { each: true, message: 'each of $property must be a partner id (UUID)' }),
  );
}

export class RecordAgreementDto {
  @ApiProperty({ format: 'uuid', description: 'The forum the agreement was made in' })
  @LowerCaseIds()
  @IsUUID('all', { message: '$property must be a forum id (UUID)' })
  forumId: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'The meeting of that forum that produced it' })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID('all', { message: '$property must be a meeting id (UUID)' })
  meetingId?: string | null;

  @Text('Agreement title', TITLE_MAX, 'Kesepakatan lintas sektor percepatan penurunan stunting')
  title: string;

  @Text('The agreed text (rumusan kesepakatan)', TEXT_MAX)
  text: string;

  @PartyPartnerIds(true)
  partyPartnerIds: string[];

  @CalendarDate('First day the agreement is in force')
  effectiveFrom: string;

  @CalendarDate('Last day the agreement is in force; absent or null: open-ended', { required: false, nullable: true })
  @IsOptional()
  effectiveUntil?: string | null;
}

export class AgreementCorrectionChangesDto {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null: the agreement came from no recorded meeting' })
  @IsOptional()
  @LowerCaseIds()
  @IsUUID('all', { message: '$property must be a meeting id (UUID)' })
  meetingId?: string | null;

  @IfPresent()
  @Text('Agreement title', TITLE_MAX)
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  title?: string;

  @IfPresent()
  @Text('The agreed text', TEXT_MAX)
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  text?: string;

  @IfPresent()
  @PartyPartnerIds(false)
  partyPartnerIds?: string[];

  @IfPresent()
  @CalendarDate('First day in force', { required: false })
  effectiveFrom?: string;

  @CalendarDate('Last day in force; null: open-ended', { required: false, nullable: true })
  @IsOptional()
  effectiveUntil?: string | null;
}

export class CorrectAgreementDto {
  @Text('Why the record was wrong', 1000, 'Salah ketik pada notulen: tanggal berlaku')
  reason: string;

  @ApiProperty({ type: AgreementCorrectionChangesDto, description: 'Only the fields to correct; at least one' })
  @IsDefined({ message: '$property must be given' })
  @HasSomeChange()
  @ValidateNested()
  @Type(() => AgreementCorrectionChangesDto)
  changes: AgreementCorrectionChangesDto;
}

export class AgreementAmendmentChangesDto {
  @IfPresent()
  @Text('Agreement title', TITLE_MAX)
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  title?: string;

  @IfPresent()
  @Text('The agreed text', TEXT_MAX)
  @ApiPropertyOptional({ maxLength: TEXT_MAX })
  text?: string;

  @IfPresent()
  @PartyPartnerIds(false)
  partyPartnerIds?: string[];

  @CalendarDate('Last day in force; null: open-ended', { required: false, nullable: true })
  @IsOptional()
  effectiveUntil?: string | null;
}

export class AmendAgreementDto {
  @Text('Why the agreement is amended', 2000, 'Perpanjangan masa berlaku hasil rapat evaluasi')
  rationale: string;

  @ApiProperty({ type: AgreementAmendmentChangesDto, description: 'Only the fields to amend; at least one' })
  @IsDefined({ message: '$property must be given' })
  @HasSomeChange()
  @ValidateNested()
  @Type(() => AgreementAmendmentChangesDto)
  changes: AgreementAmendmentChangesDto;

  @CalendarDate('Day the amendment takes effect; default today (WIB)', { required: false })
  @IsOptional()
  amendedOn?: string;
}

export class TerminateAgreementDto {
  @Text('Why the agreement ends', 1000, 'Program selesai lebih awal')
  reason: string;

  @CalendarDate('Day the agreement ends; default today (WIB)', { required: false })
  @IsOptional()
  terminatedOn?: string;
}
