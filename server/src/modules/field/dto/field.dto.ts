import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength,
} from 'class-validator';
import type { FieldCheckinInput } from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class FieldCheckinDto implements FieldCheckinInput {
  @ApiProperty({ description: 'client-generated; a retry with the same key is stored once' })
  @IsString() @Matches(/^[A-Za-z0-9_.:-]{8,64}$/, { message: 'idempotencyKey 必须是 8–64 位字母、数字或 _.:-' })
  idempotencyKey!: string;

  @ApiProperty({ minimum: -90, maximum: 90 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-90) @Max(90) latitude!: number;
  @ApiProperty({ minimum: -180, maximum: 180 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(-180) @Max(180) longitude!: number;
  @ApiProperty({ description: 'metres', minimum: 0, maximum: 100000 }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100000) accuracy!: number;

  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1, { message: '请填写地址' }) @MaxLength(200) address!: string;
  @ApiProperty({ maxLength: 100 }) @IsString() @Matches(/\S/, { message: '请填写客户/拜访对象' }) @MaxLength(100, { message: '客户/拜访对象最多 100 字' }) customerName!: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOptional() @IsString() @MaxLength(500, { message: '备注最多 500 字' }) remark?: string | null;

  @ApiProperty({ type: [String], minItems: 1, maxItems: 9 })
  @IsArray() @ArrayMinSize(1, { message: '请至少拍 1 张照片' }) @ArrayMaxSize(9, { message: '最多 9 张照片' }) @IsUUID('all', { each: true })
  photoFileIds!: string[];
}

export class TeamFieldQueryDto {
  @ApiPropertyOptional({ example: '2026-11-21', description: 'default: today in the tenant time zone' })
  @IsOptional() @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) date?: string;
}

export class AdminFieldQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) to!: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() employeeId?: string;
}

