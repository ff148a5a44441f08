import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Sector, SECTORS } from '@ikrar/domain';
import { RegionCode, Text } from '../http/validators';

export class ContactDto {
  @ApiPropertyOptional({ example: 'csr@example.co.id', description: 'Contact person email (personal data: stored encrypted, erasable)' })
  @IsOptional()
  @IsEmail({}, { message: '$property must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+62 812 3456 7890', description: 'Contact person phone (personal data: stored encrypted, erasable)' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9 ()-]{6,24}$/, { message: '$property must be a phone number such as +62 812 3456 7890' })
  phone?: string;
}

export class RegisterPartnerDto {
  @Text('Organisation name', 200, 'PT Bank NTB Syariah')
  name: string;

  @ApiProperty({ enum: SECTORS, example: 'business' })
  @IsIn(SECTORS as unknown as string[], { message: `$property must be one of ${SECTORS.join(', ')}` })
  sector: Sector;

  @RegionCode('Where the organisation sits', { required: false })
  @IsOptional()
  regionCode?: string;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class UpdatePartnerDetailsDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Text('Organisation name', 200)
  name?: string;

  @ApiPropertyOptional({ enum: SECTORS })
  @IsOptional()
  @IsIn(SECTORS as unknown as string[], { message: `$property must be one of ${SECTORS.join(', ')}` })
  sector?: Sector;

  @RegionCode('Where the organisation sits', { required: false })
  @IsOptional()
  regionCode?: string;

  @ApiPropertyOptional({ type: ContactDto, nullable: true, description: 'Replaces the contact; null removes it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto | null;
}

export class ReasonDto {
  @Text('Why', 1000, 'Organisation merged into another partner')
  reason: string;
}
