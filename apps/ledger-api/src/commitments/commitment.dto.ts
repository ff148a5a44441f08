import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CLOSURE_OUTCOMES, ClosureOutcome, Programme, PROGRAMMES, RESOURCE_TYPES, ResourceType } from '@ikrar/domain';
import { CalendarDate, NonNegativeInteger, RegionCode, Text, WholeRupiah } from '../http/validators';

export class MilestonePlanDto {
  @Text('What will be done', 500, 'Penyaluran tahap 1')
  title: string;

  @CalendarDate('By when; inside the commitment term')
  dueDate: string;
}

export class PledgeCommitmentDto {
  @ApiProperty({ format: 'uuid', description: 'The agreement (kesepakatan) the commitment is made under; it must be in force' })
  @IsUUID('all', { message: '$property must be the UUID of an agreement' })
  agreementId: string;

  @ApiProperty({ format: 'uuid', description: 'The pledging partner; it must be a party to the agreement' })
  @IsUUID('all', { message: '$property must be the UUID of a partner' })
  partnerId: string;

  @Text('What is promised', 2000, 'Dana CSR untuk makanan tambahan ibu hamil KEK')
  description: string;

  @ApiProperty({ enum: RESOURCE_TYPES, example: 'funds' })
  @IsIn(RESOURCE_TYPES as unknown as string[], { message: `$property must be one of ${RESOURCE_TYPES.join(', ')}` })
  resourceType: ResourceType;

  @NonNegativeInteger('How many units (a positive integer)', 1)
  quantity: number;

  @Text('Unit of the quantity', 100, 'paket PMT')
  unit: string;

  @WholeRupiah('Value in whole rupiah (a JSON integer, never a string or a fraction)')
  valueRupiah: number;

  @RegionCode('Where the commitment is delivered')
  regionCode: string;

  @ApiProperty({ enum: PROGRAMMES, example: 'stunting' })
  @IsIn(PROGRAMMES as unknown as string[], { message: `$property must be one of ${PROGRAMMES.join(', ')}` })
  programme: Programme;

  @IsOptional()
  @CalendarDate("When delivery starts; default: the agreement's effectiveFrom", { required: false })
  startDate?: string;

  @CalendarDate('When the commitment falls due')
  dueDate: string;

  @ApiPropertyOptional({ type: [MilestonePlanDto], maxItems: 50, description: 'Milestones due within the commitment term' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => MilestonePlanDto)
  milestones?: MilestonePlanDto[];
}

export class AcceptCommitmentDto {
  @IsOptional()
  @CalendarDate('When the secretariat accepted the pledge; default: today (WIB); not after today', { required: false })
  acceptedOn?: string;
}

export class CommitmentChangesDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Text('What is promised', 2000)
  description?: string;

  @ApiPropertyOptional({ description: 'Lower than now: recorded as a reduction (a compensating fact)' })
  @IsOptional()
  @NonNegativeInteger('New quantity (a positive integer)', 1)
  quantity?: number;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Text('Unit of the quantity', 100)
  unit?: string;

  @ApiPropertyOptional({ description: 'Lower than now: recorded as a reduction (a compensating fact)' })
  @IsOptional()
  @WholeRupiah('New value in whole rupiah')
  valueRupiah?: number;

  @IsOptional()
  @CalendarDate('New due date; not before any milestone', { required: false })
  dueDate?: string;
}

export class AmendCommitmentDto {
  @Text('Why the commitment changes', 2000, 'Anggaran CSR tahun 2026 dipotong')
  rationale: string;

  @ApiProperty({ type: CommitmentChangesDto })
  @IsDefined({ message: '$property must name at least one field to change' })
  @IsObject({ message: '$property must be an object' })
  @ValidateNested()
  @Type(() => CommitmentChangesDto)
  changes: CommitmentChangesDto;
}

export class CommitmentReasonDto {
  @Text('Why', 1000, 'Perusahaan tidak lagi beroperasi di NTB')
  reason: string;
}

export class CloseCommitmentDto {
  @ApiProperty({ enum: CLOSURE_OUTCOMES, example: 'fulfilled' })
  @IsIn(CLOSURE_OUTCOMES as unknown as string[], { message: `$property must be one of ${CLOSURE_OUTCOMES.join(', ')}` })
  outcome: ClosureOutcome;

  @Text('What was delivered, in a sentence or two', 2000, '450 dari 500 paket PMT tersalurkan')
  note: string;
}

export class MarkMilestoneMetDto {
  @IsOptional()
  @CalendarDate('When the milestone was met; default: today (WIB); not after today', { required: false })
  metOn?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
