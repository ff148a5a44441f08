import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, isUUID, ValidateBy } from 'class-validator';
import { Role, ROLES } from '@ikrar/domain';
import { CalendarDate, Text } from '../http/validators';

const SCOPE_FIELDS = ['forumId', 'agreementId'] as const;

/**
 * One of the two scope fields: a UUID, and exactly one of `forumId` and `agreementId` is given.
 * Both or neither names each of the two fields in the 400.
 */
function ScopeId(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, format: 'uuid', description: `${description} Give exactly one of forumId and agreementId.` }),
    ValidateBy({
      name: 'exactlyOneScope',
      validator: {
        validate: (value, args) => {
          const body = (args?.object ?? {}) as Record<string, unknown>;
          const given = SCOPE_FIELDS.filter((field) => body[field] !== undefined && body[field] !== null);
          if (given.length !== 1) return false;
          return value === undefined || value === null || (typeof value === 'string' && isUUID(value, 'all'));
        },
        defaultMessage: (args) => {
          const body = (args?.object ?? {}) as Record<string, unknown>;
          const given = SCOPE_FIELDS.filter((field) => body[field] !== undefined && body[field] !== null);
          if (given.length === 0) return 'exactly one of forumId and agreementId must be given (the scope the role is held in)';
          if (given.length === 2) return 'give only one of forumId and agreementId: a role is held in one scope';
          return `${args?.property} must be a UUID`;
        },
      },
    }),
  );
}

export class AssignRoleDto {
  @ApiProperty({ type: String, format: 'uuid', description: 'The partner holding the role' })
  @IsUUID('all', { message: '$property must be a UUID' })
  partnerId: string;

  @ApiProperty({ enum: ROLES, example: 'community-mobiliser' })
  @IsIn(ROLES as unknown as string[], { message: `$property must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ScopeId('The forum the role is held in.')
  forumId?: string;

  @ScopeId('The agreement the role is held in.')
  agreementId?: string;

  @CalendarDate('First day the role is held')
  validFrom: string;

  @CalendarDate('Last day the role is held; absent: until revoked', { required: false })
  @IsOptional()
  validUntil?: string;
}

export class RevokeRoleDto {
  @Text('Why the role is revoked', 1000, 'Digantikan oleh mitra lain sesuai hasil rapat evaluasi')
  reason: string;

  @CalendarDate('Day the role ends; default: today (WIB)', { required: false })
  @IsOptional()
  revokedOn?: string;
}
