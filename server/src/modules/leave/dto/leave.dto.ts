import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  AdminBalanceQuery, AdminLeaveRequestQuery, BalanceAdjustmentRequest, CalendarOverrideRequest, DayKind, LeavePoint, LeavePolicyView, LeaveRequestInput,
  LeaveRequestStatus, LeaveUnit, LedgerQuery, OvertimeRequestInput, UpsertLeaveTypeRequest,
} from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export class LeavePointDto implements LeavePoint {
  @ApiProperty({ example: '2026-10-08' }) @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) date!: string;
  @ApiPropertyOptional({ enum: ['am', 'pm'] }) @IsOptional() @IsIn(['am', 'pm']) half?: 'am' | 'pm';
  @ApiPropertyOptional({ example: '09:00' }) @IsOptional() @Matches(TIME, { message: '时间必须是 HH:mm' }) time?: string;
}

class LeaveInputBase {
  @ApiProperty() @IsString() @MaxLength(36) leaveTypeId!: string;
  @ApiProperty({ type: LeavePointDto }) @ValidateNested() @Type(() => LeavePointDto) start!: LeavePointDto;
  @ApiProperty({ type: LeavePointDto }) @ValidateNested() @Type(() => LeavePointDto) end!: LeavePointDto;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsString({ each: true }) @MaxLength(500, { each: true }) attachments?: string[];
}

export class LeaveRequestDto extends LeaveInputBase implements LeaveRequestInput {
  @ApiProperty() @IsString() @MinLength(1, { message: '请填写请假事由' }) @MaxLength(500) reason!: string;
}

/** Preview: the reason may still be empty or missing. */
export class LeavePreviewDto extends LeaveInputBase {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class CancelLeaveDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class LeaveListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Object.values(LeaveRequestStatus) }) @IsOptional() @IsIn(Object.values(LeaveRequestStatus)) status?: LeaveRequestStatus;
}

export class LedgerQueryDto extends PageQueryDto implements LedgerQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) leaveTypeId?: string;
}

export class AdminLedgerQueryDto extends LedgerQueryDto {
  @ApiProperty() @IsString() @MaxLength(36) employeeId!: string;
}

export class RangeQueryDto {
  @ApiProperty() @Matches(DATE, { message: 'from 必须是 YYYY-MM-DD 日期' }) from!: string;
  @ApiProperty() @Matches(DATE, { message: 'to 必须是 YYYY-MM-DD 日期' }) to!: string;
}

export class YearQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class OvertimeRequestDto implements OvertimeRequestInput {
  @ApiProperty() @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) date!: string;
  @ApiProperty({ minimum: 0.5, maximum: 24 }) @Type(() => Number) @IsNumber() @Min(0.5) @Max(24) hours!: number;
  @ApiProperty() @IsString() @MinLength(1, { message: '请填写加班事由' }) @MaxLength(500) reason!: string;
}

export class UpsertLeaveTypeDto implements UpsertLeaveTypeRequest {
  @ApiProperty() @Matches(/^[a-z][a-z0-9_]{0,63}$/, { message: '编码只能是小写字母、数字和下划线' }) code!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20) name!: string;
  @ApiProperty() @IsBoolean() paid!: boolean;
  @ApiProperty({ enum: Object.values(LeaveUnit) }) @IsIn(Object.values(LeaveUnit)) unit!: LeaveUnit;
  @ApiProperty() @IsNumber() @Min(1) @Max(24) hoursPerDay!: number;
  @ApiProperty() @IsBoolean() countsRestDays!: boolean;
  @ApiProperty() @IsBoolean() requiresBalance!: boolean;
  @ApiProperty() @IsBoolean() allowNegative!: boolean;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsNumber() @Min(0) @Max(366) attachmentOverDays!: number | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(0) @Max(365) minNoticeDays!: number | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsNumber() @Min(0.5) @Max(9999) maxPerRequest!: number | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsNumber() @Min(0) @Max(9999) carryForwardCap!: number | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @Matches(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '过期日期格式为 MM-DD' }) carryForwardExpiry!: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isAnnual?: boolean;
  @ApiProperty() @IsBoolean() enabled!: boolean;
}

export class CalendarOverrideDto implements CalendarOverrideRequest {
  @ApiProperty() @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: Object.values(DayKind) }) @IsIn(Object.values(DayKind)) kind!: DayKind;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(50) name?: string | null;
}

class TierDto { @IsInt() @Min(0) @Max(60) minYears!: number; @IsInt() @Min(0) @Max(365) days!: number }

export class LeavePolicyDto implements LeavePolicyView {
  @ApiProperty({ enum: ['statutory', 'custom'] }) @IsIn(['statutory', 'custom']) annualMode!: 'statutory' | 'custom';
  @ApiProperty({ type: [TierDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => TierDto) annualTiers!: TierDto[];
  @ApiProperty() @IsNumber() @Min(0.5) @Max(5) compTimeRatio!: number;
  @ApiProperty() @IsBoolean() compForWorkdayOvertime!: boolean;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsInt() @Min(1) @Max(3650) compTimeExpiryDays!: number | null;
}

export class AnnualGrantDto {
  @ApiProperty() @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty() @IsBoolean() dryRun!: boolean;
}

export class AdjustmentDto implements BalanceAdjustmentRequest {
  @ApiProperty() @IsString() @MaxLength(36) employeeId!: string;
  @ApiProperty() @IsString() @MaxLength(36) leaveTypeId!: string;
  @ApiProperty() @IsNumber() @Min(-9999) @Max(9999) amount!: number;
  @ApiProperty() @IsString() @MinLength(1, { message: '请填写调整原因' }) @MaxLength(200) reason!: string;
}

export class AdminBalanceQueryDto extends PageQueryDto implements AdminBalanceQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) leaveTypeId?: string;
}

export class AdminLeaveRequestQueryDto extends PageQueryDto implements AdminLeaveRequestQuery {
  @ApiPropertyOptional() @IsOptional() @IsIn(Object.values(LeaveRequestStatus)) status?: LeaveRequestStatus;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) leaveTypeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) to?: string;
}

export class AdminOvertimeQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsIn(['pending', 'approved', 'rejected', 'withdrawn']) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) from?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(DATE) to?: string;
}
