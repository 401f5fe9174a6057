import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, registerDecorator, ValidationOptions } from 'class-validator';
import { validateCronExpression } from 'cron';
import { MatchKey, UpdateTenantSettingsRequest } from '@hrlink/shared';

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone', target: object.constructor, propertyName, options,
      validator: { validate: (v: unknown) => typeof v === 'string' && isTimeZone(v), defaultMessage: () => `${propertyName} 必须是 IANA 时区，例如 Asia/Shanghai` },
    });
}

function IsCron(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCron', target: object.constructor, propertyName, options,
      validator: { validate: (v: unknown) => typeof v === 'string' && validateCronExpression(v).valid, defaultMessage: () => `${propertyName} 必须是合法的 cron 表达式，例如 0 3 * * *` },
    });
}

export class UpdateTenantSettingsDto implements UpdateTenantSettingsRequest {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) @IsOptional() @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ enum: Object.values(MatchKey) }) @IsOptional() @IsIn(Object.values(MatchKey))
  matchKey?: MatchKey;

  @ApiPropertyOptional({ example: '0 3 * * *' }) @IsOptional() @IsCron()
  syncCron?: string;
}
