import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow, ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf,
} from 'class-validator';
import {
  AdminApprovalListQuery, ApprovalActRequest, ApprovalListQuery, ApprovalStatus, CreateGeneralRequest, PageQuery, RouteStep,
  UpsertApprovalRouteRequest,
} from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

/** An attachment: an http(s) URL (no javascript:, data:, file: …) or one of our file ids (no scheme possible). */
const ATTACHMENT = /^(https?:\/\/[^\s"'<>]+|[A-Za-z0-9_-]{8,64})$/i;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class ApprovalListQueryDto extends PageQueryDto implements ApprovalListQuery {
  @ApiPropertyOptional({ enum: Object.values(ApprovalStatus) })
  @IsOptional() @IsIn(Object.values(ApprovalStatus))
  status?: ApprovalStatus;

  @ApiPropertyOptional({ example: 'general' })
  @IsOptional() @IsString() @MaxLength(64)
  businessType?: string;
}

export class AdminApprovalListQueryDto extends ApprovalListQueryDto implements AdminApprovalListQuery {
  @ApiPropertyOptional()
  @IsOptional() @IsString() @MaxLength(36)
  applicantId?: string;

  @ApiPropertyOptional({ example: '2026-11-01', description: 'YYYY-MM-DD in the tenant time zone, inclusive' })
  @IsOptional() @Matches(DATE, { message: 'from 必须是 YYYY-MM-DD 日期' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'YYYY-MM-DD in the tenant time zone, inclusive' })
  @IsOptional() @Matches(DATE, { message: 'to 必须是 YYYY-MM-DD 日期' })
  to?: string;
}

export class PeopleQueryDto extends PageQueryDto implements PageQuery {
  @ApiPropertyOptional({ description: 'name or employee number contains' })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;
}

export class ApprovalActDto implements ApprovalActRequest {
  @ApiProperty({ enum: ['approve', 'reject', 'transfer', 'comment'] })
  @IsIn(['approve', 'reject', 'transfer', 'comment'])
  action!: 'approve' | 'reject' | 'transfer' | 'comment';

  @ApiPropertyOptional({ description: 'required for reject (the reason) and comment; ≤ 500 characters' })
  @IsOptional() @IsString() @MaxLength(500)
  comment?: string;

  @ApiPropertyOptional({ description: 'required for transfer' })
  @IsOptional() @IsString() @MaxLength(36)
  transferToEmployeeId?: string;
}

export class CreateGeneralRequestDto implements CreateGeneralRequest {
  @ApiProperty({ maxLength: 50 })
  @IsString() @MinLength(1, { message: '请填写标题' }) @MaxLength(50)
  @Matches(/\S/, { message: '请填写标题' })
  title!: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString() @MinLength(1, { message: '请填写详情' }) @MaxLength(1000)
  @Matches(/\S/, { message: '请填写详情' })
  details!: string;

  @ApiPropertyOptional({ nullable: true, description: 'integer fen, 1 … 10,000,000,000 (¥1 亿)' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @Type(() => Number) @IsInt() @Min(1) @Max(10_000_000_000)
  amountFen?: number | null;

  @ApiPropertyOptional({ type: [String], description: 'http(s) URLs or our file ids (letters, digits, _ and -, 8–64)' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(500, { each: true })
  @Matches(ATTACHMENT, { each: true, message: '附件必须是 http(s) 链接或文件编号' })
  attachments?: string[];
}

/** Shape checks are the route validator's (APPROVAL_ROUTE_INVALID with details per step), not class-validator's. */
export class UpsertApprovalRouteDto implements UpsertApprovalRouteRequest {
  @ApiProperty({ type: 'array', items: { type: 'object' } })
  @Allow()
  steps!: RouteStep[];

  @ApiProperty({ nullable: true, minimum: 1, maximum: 720 })
  @Allow()
  reminderHours!: number | null;
}
