import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import { Programme, PROGRAMMES } from '@ikrar/domain';
import { CalendarDate, RegionCode, Text } from '../http/validators';

/** Ids are compared as the API hands them out: lower-case UUIDs. */
export const LowerCaseIds = () =>
  Transform(({ value }) =>
    typeof value === 'string' ? value.toLowerCase() : Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.toLowerCase() : item)) : value,
  );

export class EstablishForumDto {
  @Text('Forum name', 300, 'Forum Kemitraan Kesehatan Masyarakat Provinsi NTB')
  name: string;

  @RegionCode('The region the forum covers (Kemendagri code)')
  regionCode: string;

  @ApiProperty({ type: [String], enum: PROGRAMMES, minItems: 1, maxItems: PROGRAMMES.length, uniqueItems: true, example: ['stunting', 'phbs', 'posyandu'] })
  @IsArray({ message: '$property must be a list of programmes' })
  @ArrayMinSize(1, { message: '$property must list at least one programme' })
  @ArrayMaxSize(PROGRAMMES.length)
  @ArrayUnique({ message: '$property must not list a programme twice' })
  @IsIn(PROGRAMMES as unknown as string[], { each: true, message: `each of $property must be one of ${PROGRAMMES.join(', ')}` })
  programmes: Programme[];

  @ApiProperty({ format: 'uuid', description: 'The partner that runs the secretariat (e.g. the Dinas Kesehatan)' })
  @LowerCaseIds()
  @IsUUID('all', { message: '$property must be a partner id (UUID)' })
  secretariatPartnerId: string;
}

export class RecordMeetingDto {
  @Text('Meeting title', 300, 'Pertemuan Kemitraan Kesehatan Lintas Sektor')
  title: string;

  @CalendarDate('The day the meeting was held (WIB)')
  heldOn: string;

  @Text('Where it was held', 300, 'Mataram')
  location: string;

  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 100, uniqueItems: true, description: 'Registered partners that attended' })
  @LowerCaseIds()
  @IsArray({ message: '$property must be a list of partner ids' })
  @ArrayMinSize(1, { message: '$property must list at least one attendee' })
  @ArrayMaxSize(100)
  @ArrayUnique({ message: '$property must not list a partner twice' })
  @IsUUID('all', { each: true, message: 'each of $property must be a partner id (UUID)' })
  attendeePartnerIds: string[];
}
