import { Column, Entity, Index } from 'typeorm';
import type { DayKind, LeaveRequestStatus, LeaveUnit, LedgerKind, OvertimeDayKind, ApprovalStatus, HalfDay } from '@hrlink/shared';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';
import { DECIMAL } from './columns';

/** A leave type of a tenant (8 defaults seeded on first use; HR edits). */
@Entity('leave_types')
@Index('uq_leave_type_code', ['tenantId', 'code'], { unique: true })
export class LeaveType extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ type: 'varchar', length: 50 }) name!: string;
  @Column({ type: 'boolean' }) paid!: boolean;
  @Column({ type: 'varchar', length: 16 }) unit!: LeaveUnit;
  @Column(DECIMAL) hoursPerDay!: number;
  @Column({ type: 'boolean' }) countsRestDays!: boolean;
  @Column({ type: 'boolean' }) requiresBalance!: boolean;
  @Column({ type: 'boolean' }) allowNegative!: boolean;
  @Column({ ...DECIMAL, nullable: true }) attachmentOverDays!: number | null;
  @Column({ type: 'int', nullable: true }) minNoticeDays!: number | null;
  @Column({ ...DECIMAL, nullable: true }) maxPerRequest!: number | null;
  @Column({ ...DECIMAL, nullable: true }) carryForwardCap!: number | null;
  @Column({ type: 'varchar', length: 5, nullable: true }) carryForwardExpiry!: string | null;
  @Column({ type: 'boolean' }) isAnnual!: boolean;
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'int' }) sortOrder!: number;
}

/** HR's override of one date of the tenant's calendar. */
@Entity('leave_calendar_overrides')
@Index('uq_calendar_override', ['tenantId', 'date'], { unique: true })
export class CalendarOverride extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: DayKind;
  @Column({ type: 'varchar', length: 50, nullable: true }) name!: string | null;
}

/** Per tenant: annual leave tiers and the comp time rule. */
@Entity('leave_policies')
@Index('uq_leave_policy_tenant', ['tenantId'], { unique: true })
export class LeavePolicy extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 16 }) annualMode!: 'statutory' | 'custom';
  @Column({ type: 'text', transformer: jsonText }) annualTiers!: { minYears: number; days: number }[];
  @Column(DECIMAL) compTimeRatio!: number;
  @Column({ type: 'boolean' }) compForWorkdayOvertime!: boolean;
  @Column({ type: 'int', nullable: true }) compTimeExpiryDays!: number | null;
}

/** One change of a balance. The balance is the SUM of these rows (never a mutable counter). */
@Entity('leave_ledger')
@Index('ix_leave_ledger_balance', ['tenantId', 'employeeId', 'leaveTypeId'])
@Index('ix_leave_ledger_request', ['requestId'])
export class LeaveLedgerEntry extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 36 }) leaveTypeId!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: LedgerKind;
  /** Positive adds, negative takes; in the type's unit (days, or hours for hour types). */
  @Column(DECIMAL) amount!: number;
  /** For grants: the leave year. */
  @Column({ type: 'int', nullable: true }) year!: number | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) expiresOn!: string | null;
  /** Leave request (use / restore) or overtime request (overtime). */
  @Column({ type: 'varchar', length: 36, nullable: true }) requestId!: string | null;
  @Column({ type: 'varchar', length: 500 }) reason!: string;
  /** Employee who caused it (HR adjusting, the approver …); null = system. */
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId!: string | null;
}

/** One row per employee: submissions and negative adjustments bump it first, serialising them per employee. */
@Entity('leave_locks')
@Index('uq_leave_lock', ['tenantId', 'employeeId'], { unique: true })
export class LeaveLock extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'int' }) version!: number;
}

@Entity('leave_requests')
@Index('ix_leave_request_employee', ['tenantId', 'employeeId', 'status'])
@Index('ix_leave_request_dates', ['tenantId', 'startDate'])
@Index('ix_leave_request_end', ['tenantId', 'endDate'])
export class LeaveRequest extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 36 }) leaveTypeId!: string;
  @Column({ type: 'varchar', length: 10 }) startDate!: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) startHalf!: HalfDay | null;
  @Column({ type: 'varchar', length: 5, nullable: true }) startTime!: string | null;
  @Column({ type: 'varchar', length: 10 }) endDate!: string;
  @Column({ type: 'varchar', length: 2, nullable: true }) endHalf!: HalfDay | null;
  @Column({ type: 'varchar', length: 5, nullable: true }) endTime!: string | null;
  /** Occupied time [startKey, endKey) as 'YYYY-MM-DDTHH:mm' (string comparison finds overlaps). */
  @Column({ type: 'varchar', length: 16 }) startKey!: string;
  @Column({ type: 'varchar', length: 16 }) endKey!: string;
  @Column(DECIMAL) amount!: number;
  @Column({ type: 'varchar', length: 8 }) unit!: 'day' | 'hour';
  /** Per-day breakdown (dates counted) for attendance. */
  @Column({ type: 'text', transformer: jsonText }) days!: { date: string; amount: number }[];
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text', transformer: jsonText }) attachments!: string[];
  @Column({ type: 'varchar', length: 16 }) status!: LeaveRequestStatus;
  /** Reservation while pending (= amount); 0 otherwise. Balance pending = SUM over pending requests. */
  @Column(DECIMAL) reserved!: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) approvalInstanceId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) cancelApprovalInstanceId!: string | null;
  @Column({ type: 'text', nullable: true }) cancelReason!: string | null;
}

@Entity('overtime_requests')
@Index('ix_overtime_employee', ['tenantId', 'employeeId', 'date'])
export class OvertimeRequest extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 10 }) date!: string;
  @Column(DECIMAL) hours!: number;
  @Column({ type: 'varchar', length: 16 }) dayKind!: OvertimeDayKind;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'varchar', length: 16 }) status!: ApprovalStatus;
  @Column(DECIMAL) compHoursGranted!: number;
  @Column({ type: 'varchar', length: 10, nullable: true }) compExpiresOn!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) approvalInstanceId!: string | null;
}

/** An uploaded opening-balance file, validated, waiting for commit. */
@Entity('leave_import_batches')
@Index('uq_leave_import_token', ['token'], { unique: true })
export class ImportBatch extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 64 }) token!: string;
  @Column({ type: 'text', transformer: jsonText }) rows!: { employeeId: string; leaveTypeId: string; amount: number; reason: string }[];
  @Column({ type: 'varchar', length: 36, nullable: true }) createdBy!: string | null;
  @Column(DATETIME) expiresAt!: Date;
  @Column({ ...DATETIME, nullable: true }) committedAt!: Date | null;
}

export const LEAVE_ENTITIES = [LeaveType, CalendarOverride, LeavePolicy, LeaveLedgerEntry, LeaveLock, LeaveRequest, OvertimeRequest, ImportBatch];
