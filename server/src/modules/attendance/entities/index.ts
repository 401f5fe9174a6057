import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CorrectionRules, DayStatus, FixedShift, FreeHours, PunchFlag, PunchKind, WifiSpot } from '@hrlink/shared';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';

/** decimal as a JS number (MySQL answers decimals as strings). */
const num = { to: (v: number | null | undefined) => v, from: (v: string | number | null) => (v === null || v === undefined ? null : Number(v)) };
const COORD = { type: 'decimal' as const, precision: 10, scale: 7, transformer: num };
const DEC = { type: 'decimal' as const, precision: 12, scale: 3, transformer: num };

/** 考勤组: a fixed shift or free hours, field-punch and 补卡 rules. */
@Entity('attendance_groups')
@Index('ix_att_group_tenant', ['tenantId'])
export class AttendanceGroup extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 50 }) name!: string;
  @Column({ type: 'varchar', length: 8 }) kind!: 'fixed' | 'free';
  @Column({ type: 'text', transformer: jsonText, nullable: true }) shift!: FixedShift | null;
  @Column({ type: 'text', transformer: jsonText, nullable: true }) free!: FreeHours | null;
  @Column({ type: 'boolean' }) allowField!: boolean;
  @Column({ type: 'boolean' }) fieldRemarkRequired!: boolean;
  @Column({ type: 'boolean' }) fieldPhotoRequired!: boolean;
  @Column({ type: 'text', transformer: jsonText }) correction!: CorrectionRules;
  /** First day the group applies (YYYY-MM-DD, tenant-local); earlier days get no daily result. */
  @Column({ type: 'varchar', length: 10 }) effectiveFrom!: string;
}

/** A member of a group: a department (with its sub-departments) or one person; one group per member. */
@Entity('attendance_group_members')
@Index('uq_att_member', ['tenantId', 'memberType', 'memberId'], { unique: true })
@Index('ix_att_member_group', ['groupId'])
export class AttendanceGroupMember extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 16 }) memberType!: 'department' | 'employee';
  @Column({ type: 'varchar', length: 36 }) memberId!: string;
}

/**
 * Membership history: from `fromDate` (YYYY-MM-DD, tenant-local) on, the person counts under `groupId` (null = no
 * group) until their next row. A person's days count from max(group effectiveFrom, the fromDate of their latest row).
 * One row per (tenant, employee, fromDate): a second change on the same day replaces that day's row.
 */
@Entity('attendance_assignments')
@Index('uq_att_assignment', ['tenantId', 'employeeId', 'fromDate'], { unique: true })
@Index('ix_att_assignment_group', ['tenantId', 'groupId'])
export class AttendanceAssignment extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) groupId!: string | null;
  @Column({ type: 'varchar', length: 10 }) fromDate!: string;
}

/** A clock-in site of a group: coordinates (GCJ-02) + radius, and/or Wi-Fi BSSIDs. */
@Entity('attendance_sites')
@Index('ix_att_site_group', ['tenantId', 'groupId'])
export class AttendanceSite extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) groupId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 300, nullable: true }) address!: string | null;
  @Column(COORD) latitude!: number;
  @Column(COORD) longitude!: number;
  @Column({ type: 'int' }) radiusMeters!: number;
  @Column({ type: 'text', transformer: jsonText }) wifi!: WifiSpot[];
}

/**
 * One punch. `date` is the local date in the tenant's time zone; the idempotency key is unique per employee. On MySQL
 * the table's primary key is (tenantId, employeeId, date, id): a person's punches are stored together (migration
 * 1765100000000).
 */
@Entity('attendance_punches')
@Index('uq_att_punch_key', ['tenantId', 'employeeId', 'idempotencyKey'], { unique: true })
@Index('ix_att_punch_day', ['tenantId', 'employeeId', 'date'])
@Index('ix_att_punch_date', ['tenantId', 'date'])
export class Punch extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column(DATETIME) at!: Date;
  @Column({ type: 'varchar', length: 4 }) kind!: PunchKind;
  @Column({ type: 'varchar', length: 12 }) source!: 'site' | 'wifi' | 'field' | 'correction';
  @Column({ type: 'varchar', length: 36, nullable: true }) siteId!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) siteName!: string | null;
  @Column({ type: 'int', nullable: true }) distanceMeters!: number | null;
  @Column({ ...COORD, nullable: true }) latitude!: number | null;
  @Column({ ...COORD, nullable: true }) longitude!: number | null;
  @Column({ ...DEC, nullable: true }) accuracy!: number | null;
  @Column({ type: 'text', transformer: jsonText, nullable: true }) wifi!: WifiSpot | null;
  @Column({ type: 'text', transformer: jsonText }) flags!: PunchFlag[];
  @Column({ type: 'varchar', length: 500, nullable: true }) remark!: string | null;
  @Column({ type: 'text', transformer: jsonText }) photoFileIds!: string[];
  @Column({ type: 'varchar', length: 128, nullable: true }) deviceId!: string | null;
  @Column({ type: 'varchar', length: 100 }) idempotencyKey!: string;
}

/**
 * The computed result of one person's day (recomputed on punches, 补卡, leave changes, and on read when stale). On
 * MySQL the table's primary key is (tenantId, employeeId, date) and `id` a unique key (migration 1765000000000).
 */
@Entity('attendance_daily_results')
@Index('uq_att_daily', ['tenantId', 'employeeId', 'date'], { unique: true })
@Index('ix_att_daily_date', ['tenantId', 'date'])
export class DailyResult extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) groupId!: string | null;
  @Column({ type: 'text', transformer: jsonText }) statuses!: DayStatus[];
  @Column({ type: 'int' }) lateMinutes!: number;
  @Column({ type: 'int' }) earlyMinutes!: number;
  @Column({ type: 'int' }) workedMinutes!: number;
  @Column(DEC) leaveDays!: number;
  @Column({ type: 'boolean' }) provisional!: boolean;
  @Column(DATETIME) computedAt!: Date;
}

/**
 * A tenant's results epoch: moved on by every unit of work that clears stored results (leave approved, a calendar
 * override, a rule change, 重新计算), in its transaction before the DELETE. A result computed from reads made before
 * such a commit is not stored (AttendanceCore.storeResults): without it, a read that began before the commit could
 * store its old view after the DELETE, and the stale row would stay.
 */
@Entity('attendance_result_epochs')
export class ResultEpoch {
  @PrimaryColumn({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'int' }) epoch!: number;
}

/** 补卡 request: approved → a punch with source 'correction'. */
@Entity('attendance_corrections')
@Index('ix_att_correction_emp', ['tenantId', 'employeeId', 'date'])
export class Correction extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column({ type: 'varchar', length: 4 }) kind!: PunchKind;
  @Column({ type: 'varchar', length: 5 }) time!: string;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  @Column({ type: 'varchar', length: 36, nullable: true }) approvalInstanceId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) punchId!: string | null;
}

export const ATTENDANCE_ENTITIES = [AttendanceGroup, AttendanceGroupMember, AttendanceAssignment, AttendanceSite, Punch, DailyResult, ResultEpoch, Correction];
