import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AdminLoginRequest, Platform, PlatformLoginRequest, PLATFORMS, RefreshRequest } from '@hrlink/shared';

export class PlatformLoginDto implements PlatformLoginRequest {
  @ApiProperty({ enum: PLATFORMS }) @IsIn(PLATFORMS as unknown as string[])
  platform!: Platform;

  @ApiProperty({ description: 'dd.getAuthCode / wx.qy.login / tt.login code' }) @IsString() @IsNotEmpty() @MaxLength(512)
  code!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(128)
  corpId?: string;
}

export class AdminLoginDto implements AdminLoginRequest {
  @ApiProperty({ example: 'hr' }) @IsString() @IsNotEmpty() @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'hrlink2026' }) @IsString() @IsNotEmpty() @MaxLength(200)
  password!: string;
}

export class RefreshDto implements RefreshRequest {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200)
  refreshToken!: string;
}
