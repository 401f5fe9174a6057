import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import type {
  AdminDailyQuery, CorrectionRequestInput, CorrectionRules, DayStatus, DeviceLocation, FixedShift, FreeHours, PunchKind, PunchRequest,
  RecomputeGroupRequest, UpsertAttendanceGroupRequest, UpsertSiteRequest, WifiSpot,
} from '@hrlink/shared';
import { PageQueryDto } from '../../../common/pagination';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const BSSID = /^[0-9a-fA-F]{2}([:-][0-9a-fA-F]{2}){5}$/;

export class WifiSpotDto implements WifiSpot {
  @ApiProperty() @IsString() @MaxLength(64) ssid!: string;
  @ApiProperty({ example: 'a4:56:02:11:22:33' }) @IsString() @Matches(BSSID, { message: 'BSSID 须为 6 组十六进制，如 a4:56:02:11:22:33' }) bssid!: string;
}

/** Loose wifi from devices (BSSID checked by the service → ATTENDANCE_LOCATION_INVALID). */
export class DeviceWifiDto implements WifiSpot {
  @ApiProperty() @IsString() @MaxLength(64) ssid!: string;
  @ApiProperty() @IsString() @MaxLength(32) bssid!: string;
}

export class DeviceLocationDto implements DeviceLocation {
  @ApiProperty() @Type(() => Number) @IsNumber() latitude!: number;
  @ApiProperty() @Type(() => Number) @IsNumber() longitude!: number;
  @ApiProperty({ description: 'metres, > 0' }) @Type(() => Number) @IsNumber() accuracy!: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() isMock?: boolean;
  @ApiPropertyOptional({ type: DeviceWifiDto }) @IsOptional() @ValidateNested() @Type(() => DeviceWifiDto) wifi?: DeviceWifiDto | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) deviceId?: string | null;
  @ApiPropertyOptional({ description: 'ISO time of the location fix; a fix from the future is refused' }) @IsOptional() @IsString() @MaxLength(40) locatedAt?: string | null;
}

export class PunchRequestDto extends DeviceLocationDto implements PunchRequest {
  @ApiProperty() @IsString() @MinLength(8) @MaxLength(100) idempotencyKey!: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() field?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) remark?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(9) @IsString({ each: true }) photoFileIds?: string[];
}

/** GET /attendance/today?latitude&longitude&accuracy&ssid&bssid&isMock (location optional). */
export class TodayQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() latitude?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() longitude?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsNumber() accuracy?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) ssid?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) bssid?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['true', 'false', '1', '0']) isMock?: string;
}

export class MonthQueryDto {
  @ApiPropertyOptional({ example: '2026-12' }) @IsOptional() @Matches(MONTH, { message: '月份必须是 YYYY-MM' }) month?: string;
}

export class CorrectionRequestDto implements CorrectionRequestInput {
  @ApiProperty() @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) date!: string;
  @ApiProperty({ enum: ['in', 'out'] }) @IsIn(['in', 'out']) kind!: PunchKind;
  @ApiProperty({ example: '09:00' }) @Matches(TIME, { message: '时间必须是 HH:mm' }) time!: string;
  @ApiProperty() @IsString() @MinLength(1, { message: '请填写补卡原因' }) @MaxLength(500) reason!: string;
}

export class FixedShiftDto implements FixedShift {
  @ApiProperty() @Matches(TIME) start!: string;
  @ApiProperty() @Matches(TIME) end!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(TIME) lunchStart!: string | null;
  @ApiPropertyOptional() @IsOptional() @Matches(TIME) lunchEnd!: string | null;
  @ApiProperty() @IsInt() @Min(0) @Max(120) graceMinutes!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(480) seriousLateMinutes!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(720) absentAfterMinutes!: number;
}

export class FreeHoursDto implements FreeHours {
  @ApiProperty() @IsNumber() @Min(0.5) @Max(24) minHours!: number;
}

export class CorrectionRulesDto implements CorrectionRules {
  @ApiProperty() @IsInt() @Min(0) @Max(31) monthlyCap!: number;
  @ApiProperty() @IsInt() @Min(0) @Max(366) daysBack!: number;
  @ApiProperty({ type: [String] }) @IsArray() @IsIn(['missing', 'late', 'early'], { each: true }) anomalies!: ('missing' | 'late' | 'early')[];
}

export class UpsertGroupDto implements UpsertAttendanceGroupRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(50) name!: string;
  @ApiProperty({ enum: ['fixed', 'free'] }) @IsIn(['fixed', 'free']) kind!: 'fixed' | 'free';
  @ApiPropertyOptional({ type: FixedShiftDto }) @IsOptional() @ValidateNested() @Type(() => FixedShiftDto) shift?: FixedShiftDto | null;
  @ApiPropertyOptional({ type: FreeHoursDto }) @IsOptional() @ValidateNested() @Type(() => FreeHoursDto) free?: FreeHoursDto | null;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) departmentIds!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(5000) @IsString({ each: true }) employeeIds!: string[];
  @ApiProperty() @IsBoolean() allowField!: boolean;
  @ApiProperty() @IsBoolean() fieldRemarkRequired!: boolean;
  @ApiProperty() @IsBoolean() fieldPhotoRequired!: boolean;
  @ApiProperty({ type: CorrectionRulesDto }) @ValidateNested() @Type(() => CorrectionRulesDto) correction!: CorrectionRulesDto;
  @ApiPropertyOptional({ example: '2026-12-01', description: 'first day the group applies (tenant-local); create: default today, update: omitted = unchanged' })
  @IsOptional() @Matches(DATE, { message: '生效日期必须是 YYYY-MM-DD' }) effectiveFrom?: string;
}

export class UpsertSiteDto implements UpsertSiteRequest {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) address!: string | null;
  @ApiProperty() @IsNumber() @Min(-90, { message: '纬度须在 -90 到 90 之间' }) @Max(90, { message: '纬度须在 -90 到 90 之间' }) latitude!: number;
  @ApiProperty() @IsNumber() @Min(-180, { message: '经度须在 -180 到 180 之间' }) @Max(180, { message: '经度须在 -180 到 180 之间' }) longitude!: number;
  @ApiProperty({ minimum: 100, maximum: 3000 }) @IsInt() @Min(100, { message: '打卡范围须在 100–3000 米之间' }) @Max(3000, { message: '打卡范围须在 100–3000 米之间' }) radiusMeters!: number;
  @ApiProperty({ type: [WifiSpotDto] }) @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => WifiSpotDto) wifi!: WifiSpotDto[];
}

export class AdminDailyQueryDto extends PageQueryDto implements AdminDailyQuery {
  @ApiProperty() @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) from!: string;
  @ApiProperty() @Matches(DATE, { message: '日期必须是 YYYY-MM-DD' }) to!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) departmentId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) employeeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsIn(['normal', 'late', 'serious_late', 'early', 'missing_in', 'missing_out', 'absent', 'leave', 'field', 'rest']) status?: DayStatus;
}

/** POST groups/:id/recompute (the service checks real dates, order, ≤ 62 days, not future, not before effectiveFrom). */
export class RecomputeGroupDto implements RecomputeGroupRequest {
  @ApiProperty({ example: '2026-10-01' }) @Matches(DATE, { message: '开始日期必须是 YYYY-MM-DD' }) from!: string;
  @ApiProperty({ example: '2026-10-31' }) @Matches(DATE, { message: '结束日期必须是 YYYY-MM-DD' }) to!: string;
}

export class ReportQueryDto {
  @ApiProperty({ example: '2026-12' }) @Matches(MONTH, { message: '月份必须是 YYYY-MM' }) month!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(36) departmentId?: string;
}
