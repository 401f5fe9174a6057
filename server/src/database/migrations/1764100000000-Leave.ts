import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Leave and overtime. Portable conventions as before: varchar ids, decimal(12,3) amounts, booleans, text JSON,
// datetime(3) stamps set by the server, no engine-specific defaults, no foreign keys.

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const dec = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'decimal', precision: 12, scale: 3, isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false });
const dt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const stamps = (): TableColumnOptions[] => [dt('createdAt'), dt('updatedAt')];
const ix = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class Leave1764100000000 implements MigrationInterface {
  name = 'Leave1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'leave_types',
      columns: [id(), ref('tenantId'), str('code', 64), str('name', 50), bool('paid'), str('unit', 16), dec('hoursPerDay'), bool('countsRestDays'),
        bool('requiresBalance'), bool('allowNegative'), dec('attachmentOverDays', true), int('minNoticeDays', true), dec('maxPerRequest', true),
        dec('carryForwardCap', true), str('carryForwardExpiry', 5, true), bool('isAnnual'), bool('enabled'), int('sortOrder'), ...stamps()],
      indices: [ix('uq_leave_type_code', ['tenantId', 'code'], true)],
    }));
    await q.createTable(new Table({
      name: 'leave_calendar_overrides',
      columns: [id(), ref('tenantId'), str('date', 10), str('kind', 16), str('name', 50, true), ...stamps()],
      indices: [ix('uq_calendar_override', ['tenantId', 'date'], true)],
    }));
    await q.createTable(new Table({
      name: 'leave_policies',
      columns: [id(), ref('tenantId'), str('annualMode', 16), text('annualTiers'), dec('compTimeRatio'), bool('compForWorkdayOvertime'),
        int('compTimeExpiryDays', true), ...stamps()],
      indices: [ix('uq_leave_policy_tenant', ['tenantId'], true)],
    }));
    await q.createTable(new Table({
      name: 'leave_ledger',
      columns: [id(), ref('tenantId'), ref('employeeId'), ref('leaveTypeId'), str('kind', 16), dec('amount'), int('year', true), str('expiresOn', 10, true),
        ref('requestId', true), str('reason', 500), ref('actorId', true), ...stamps()],
      indices: [ix('ix_leave_ledger_balance', ['tenantId', 'employeeId', 'leaveTypeId']), ix('ix_leave_ledger_request', ['requestId'])],
    }));
    await q.createTable(new Table({
      name: 'leave_locks',
      columns: [id(), ref('tenantId'), ref('employeeId'), int('version'), ...stamps()],
      indices: [ix('uq_leave_lock', ['tenantId', 'employeeId'], true)],
    }));
    await q.createTable(new Table({
      name: 'leave_requests',
      columns: [id(), ref('tenantId'), ref('employeeId'), ref('leaveTypeId'), str('startDate', 10), str('startHalf', 2, true), str('startTime', 5, true),
        str('endDate', 10), str('endHalf', 2, true), str('endTime', 5, true), str('startKey', 16), str('endKey', 16), dec('amount'), str('unit', 8),
        text('days'), text('reason'), text('attachments'), str('status', 16), dec('reserved'), ref('approvalInstanceId', true),
        ref('cancelApprovalInstanceId', true), text('cancelReason', true), ...stamps()],
      indices: [ix('ix_leave_request_employee', ['tenantId', 'employeeId', 'status']), ix('ix_leave_request_dates', ['tenantId', 'startDate'])],
    }));
    await q.createTable(new Table({
      name: 'overtime_requests',
      columns: [id(), ref('tenantId'), ref('employeeId'), str('date', 10), dec('hours'), str('dayKind', 16), text('reason'), str('status', 16),
        dec('compHoursGranted'), str('compExpiresOn', 10, true), ref('approvalInstanceId', true), ...stamps()],
      indices: [ix('ix_overtime_employee', ['tenantId', 'employeeId', 'date'])],
    }));
    await q.createTable(new Table({
      name: 'leave_import_batches',
      columns: [id(), ref('tenantId'), str('token', 64), text('rows'), ref('createdBy', true), dt('expiresAt'), dt('committedAt', true), ...stamps()],
      indices: [ix('uq_leave_import_token', ['token'], true)],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['leave_import_batches', 'overtime_requests', 'leave_requests', 'leave_locks', 'leave_ledger', 'leave_policies',
      'leave_calendar_overrides', 'leave_types']) await q.dropTable(t);
  }
}
