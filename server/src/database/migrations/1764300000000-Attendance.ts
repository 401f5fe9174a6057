import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Attendance: groups, members, sites, punches, daily results, 补卡 corrections. Portable conventions as before:
// varchar ids, decimals, booleans, text JSON, datetime(3) stamps set by the server, no engine-specific defaults, no FKs.

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const dec = (name: string, precision: number, scale: number, nullable = false): TableColumnOptions => ({ name, type: 'decimal', precision, scale, isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', isNullable: false });
const dt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const stamps = (): TableColumnOptions[] => [dt('createdAt'), dt('updatedAt')];
const ix = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class Attendance1764300000000 implements MigrationInterface {
  name = 'Attendance1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'attendance_groups',
      columns: [id(), ref('tenantId'), str('name', 50), str('kind', 8), text('shift', true), text('free', true), bool('allowField'), bool('fieldRemarkRequired'),
        bool('fieldPhotoRequired'), text('correction'), ...stamps()],
      indices: [ix('ix_att_group_tenant', ['tenantId'])],
    }));
    await q.createTable(new Table({
      name: 'attendance_group_members',
      columns: [id(), ref('tenantId'), ref('groupId'), str('memberType', 16), ref('memberId'), ...stamps()],
      indices: [ix('uq_att_member', ['tenantId', 'memberType', 'memberId'], true), ix('ix_att_member_group', ['groupId'])],
    }));
    await q.createTable(new Table({
      name: 'attendance_sites',
      columns: [id(), ref('tenantId'), ref('groupId'), str('name', 100), str('address', 300, true), dec('latitude', 10, 7), dec('longitude', 10, 7),
        int('radiusMeters'), text('wifi'), ...stamps()],
      indices: [ix('ix_att_site_group', ['tenantId', 'groupId'])],
    }));
    await q.createTable(new Table({
      name: 'attendance_punches',
      columns: [id(), ref('tenantId'), ref('employeeId'), str('date', 10), dt('at'), str('kind', 4), str('source', 12), ref('siteId', true), str('siteName', 100, true),
        int('distanceMeters', true), dec('latitude', 10, 7, true), dec('longitude', 10, 7, true), dec('accuracy', 12, 3, true), text('wifi', true), text('flags'),
        str('remark', 500, true), text('photoFileIds'), str('deviceId', 128, true), str('idempotencyKey', 100), ...stamps()],
      indices: [ix('uq_att_punch_key', ['tenantId', 'employeeId', 'idempotencyKey'], true), ix('ix_att_punch_day', ['tenantId', 'employeeId', 'date']),
        ix('ix_att_punch_date', ['tenantId', 'date'])],
    }));
    await q.createTable(new Table({
      name: 'attendance_daily_results',
      columns: [id(), ref('tenantId'), ref('employeeId'), str('date', 10), ref('groupId', true), text('statuses'), int('lateMinutes'), int('earlyMinutes'),
        int('workedMinutes'), dec('leaveDays', 12, 3), bool('provisional'), dt('computedAt'), ...stamps()],
      indices: [ix('uq_att_daily', ['tenantId', 'employeeId', 'date'], true), ix('ix_att_daily_date', ['tenantId', 'date'])],
    }));
    await q.createTable(new Table({
      name: 'attendance_corrections',
      columns: [id(), ref('tenantId'), ref('employeeId'), str('date', 10), str('kind', 4), str('time', 5), str('reason', 500), str('status', 16),
        ref('approvalInstanceId', true), ref('punchId', true), ...stamps()],
      indices: [ix('ix_att_correction_emp', ['tenantId', 'employeeId', 'date'])],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['attendance_corrections', 'attendance_daily_results', 'attendance_punches', 'attendance_sites', 'attendance_group_members', 'attendance_groups']) {
      await q.dropTable(t);
    }
  }
}
