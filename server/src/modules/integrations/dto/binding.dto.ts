import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Platform, PlatformBindingInput, PLATFORMS, SyncRunQuery } from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

export class CreateBindingDto implements PlatformBindingInput {
  @ApiProperty({ enum: PLATFORMS }) @IsIn(PLATFORMS as unknown as string[])
  platform!: Platform;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(128)
  corpId!: string;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(128)
  appKey?: string | null;

  @ApiPropertyOptional({ nullable: true, writeOnly: true }) @IsOptional() @IsString() @MaxLength(512)
  appSecret?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(64)
  agentId?: string | null;

  @ApiPropertyOptional({ nullable: true, writeOnly: true }) @IsOptional() @IsString() @MaxLength(512)
  callbackToken?: string | null;

  @ApiPropertyOptional({ nullable: true, writeOnly: true }) @IsOptional() @IsString() @MaxLength(512)
  callbackAesKey?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  isOrgSource?: boolean;

  @ApiPropertyOptional() @IsOptional() @IsBoolean()
  todoEnabled?: boolean;
}

/**
 * Update: every field of the create DTO, optional (validation kept); the platform, if given, must equal the
 * binding's (checked in the service); empty secrets keep the stored ones.
 */
export class UpdateBindingDto extends PartialType(CreateBindingDto) {}

export class SyncRunQueryDto extends PageQueryDto implements SyncRunQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36)
  bindingId?: string;
}
