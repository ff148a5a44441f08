import { Injectable, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { InvalidRequestError } from '../http/validation-error';
import { CalendarDate, NonNegativeInteger, Text, WholeRupiah } from '../http/validators';

export const MAX_EVIDENCE_ITEMS = 50;

/** A document kept by content hash: the ledger holds its fingerprint, the file lives elsewhere. */
export class EvidenceDto {
  @Text('File name', 300, 'foto-penyaluran-pmt-tahap-1.jpg')
  name: string;

  @ApiProperty({ type: String, pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, 64 lowercase hex characters' })
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: '$property must be the SHA-256 of the file: 64 lowercase hex characters' })
  sha256: string;

  @ApiProperty({ type: String, example: 'application/pdf', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*$/, { message: '$property must be a media type such as application/pdf' })
  mediaType: string;

  @NonNegativeInteger('File size in bytes')
  sizeBytes: number;
}

function EvidenceList(): PropertyDecorator {
  return (target, key) => {
    IsArray({ message: '$property must be a list of evidence documents' })(target, key);
    ArrayMaxSize(MAX_EVIDENCE_ITEMS, { message: `$property must hold at most ${MAX_EVIDENCE_ITEMS} documents` })(target, key);
    ArrayUnique((item: EvidenceDto) => item?.sha256, { message: '$property must not list the same document (sha256) twice' })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => EvidenceDto)(target, key);
  };
}

export class DraftReportDto {
  @ApiProperty({ type: String, format: 'uuid', description: 'The accepted commitment reported on' })
  @IsUUID('all', { message: '$property must be a UUID' })
  commitmentId: string;

  @CalendarDate('First day of the reporting period', { example: '2026-01-01' })
  periodStart: string;

  @CalendarDate('Last day of the reporting period', { example: '2026-03-31' })
  periodEnd: string;

  @NonNegativeInteger('Quantity delivered in the period, in the commitment\'s unit')
  quantityDelivered: number;

  @WholeRupiah('Rupiah disbursed in the period (whole rupiah, a JSON integer)')
  rupiahDisbursed: number;

  @Text('What was done (laporan pertanggungjawaban)', 10000, 'PMT tahap 1 disalurkan ke 250 ibu hamil KEK di Kota Mataram.')
  narrative: string;

  @ApiProperty({ type: [EvidenceDto], maxItems: MAX_EVIDENCE_ITEMS, description: 'Evidence documents by content hash (0 to 50)' })
  @EvidenceList()
  evidence: EvidenceDto[];
}

export class ReportChangesDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @NonNegativeInteger('Revised quantity delivered')
  quantityDelivered?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @IsOptional()
  @WholeRupiah('Revised rupiah disbursed')
  rupiahDisbursed?: number;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @Text('Revised narrative', 10000)
  narrative?: string;

  @ApiPropertyOptional({ type: [EvidenceDto], maxItems: MAX_EVIDENCE_ITEMS, description: 'Replaces the evidence list' })
  @IsOptional()
  @EvidenceList()
  evidence?: EvidenceDto[];
}

export class SubmitReportDto {
  @ApiPropertyOptional({ type: ReportChangesDto, description: 'Revisions made with this (re)submission' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReportChangesDto)
  changes?: ReportChangesDto;
}

export class ReturnReportDto {
  @Text('What the partner must revise', 5000, 'Lampirkan daftar penerima PMT yang ditandatangani kepala Puskesmas.')
  comments: string;
}

/**
 * For commands that take no fields (acceptance): `{}` or no body at all. An empty DTO class cannot
 * be used here (the global pipe refuses an object whose class declares no validation), so this pipe
 * refuses anything else as the global pipe would: 400 naming each unexpected field.
 */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, Record<string, never>> {
  transform(value: unknown): Record<string, never> {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidRequestError([{ field: 'body', problems: ['must be an empty JSON object or absent'] }]);
    }
    const extra = Object.keys(value);
    if (extra.length > 0) {
      throw new InvalidRequestError(extra.map((field) => ({ field, problems: [`property ${field} should not exist`] })));
    }
    return {};
  }
}
