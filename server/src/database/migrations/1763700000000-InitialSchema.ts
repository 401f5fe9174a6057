import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Written by hand for both SQLite and MySQL/MariaDB: only portable types (varchar with lengths, int, text,
// boolean → tinyint(1) on MySQL, datetime(3) for UTC instants, JSON as text). No engine-specific defaults
// for timestamps: the server sets them. No foreign keys (ids are checked by the services).

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false, def?: string): TableColumnOptions => ({
  name, type: 'varchar', length: String(length), isNullable: nullable, ...(def !== undefined ? { default: `'${def}'` } : {}),
});
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const int = (name: string): TableColumnOptions => ({ name, type: 'int', isNullable: false, default: 0 });
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', isNullable: false, default: def ? 1 : 0 });
const dt = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const stamps = (): TableColumnOptions[] => [dt('createdAt'), dt('updatedAt')];
const ix = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

export class InitialSchema1763700000000 implements MigrationInterface {
  name = 'InitialSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'tenants',
      columns: [id(), str('name', 200), str('timeZone', 64, false, 'Asia/Shanghai'), str('matchKey', 20, false, 'employeeNo'),
        str('syncCron', 100, false, '0 3 * * *'), ref('orgSourceBindingId', true), ...stamps()],
    }));
    await q.createTable(new Table({
      name: 'platform_bindings',
      columns: [id(), ref('tenantId'), str('platform', 16), str('corpId', 128), str('appKey', 128, true), text('appSecret', true),
        str('agentId', 64, true), text('callbackToken', true), text('callbackAesKey', true), bool('enabled', true),
        dt('lastSyncAt', true), str('lastSyncStatus', 16, true), str('syncLeaseOwner', 64, true), dt('syncLeaseUntil', true), ...stamps()],
      indices: [ix('uq_binding_platform_corp', ['platform', 'corpId'], true), ix('ix_binding_tenant', ['tenantId'])],
    }));
    await q.createTable(new Table({
      name: 'departments',
      columns: [id(), ref('tenantId'), str('sourcePlatform', 16), str('platformDeptId', 128), str('name', 200), ref('parentId', true),
        int('sortOrder'), ref('headEmployeeId', true), bool('active', true), ...stamps()],
      indices: [ix('uq_department_source', ['tenantId', 'sourcePlatform', 'platformDeptId'], true), ix('ix_department_parent', ['tenantId', 'parentId'])],
    }));
    await q.createTable(new Table({
      name: 'employees',
      columns: [id(), ref('tenantId'), str('name', 100), str('employeeNo', 64, true), text('mobile', true), str('mobileHash', 64, true),
        str('title', 200, true), str('hireDate', 10, true), str('firstWorkDate', 10, true), ref('managerId', true),
        str('status', 16, false, 'active'), dt('leftAt', true), text('roles'), ...stamps()],
      indices: [ix('ix_employee_no', ['tenantId', 'employeeNo']), ix('ix_employee_mobile_hash', ['tenantId', 'mobileHash']),
        ix('ix_employee_manager', ['tenantId', 'managerId'])],
    }));
    await q.createTable(new Table({
      name: 'employee_departments',
      columns: [id('employeeId'), id('departmentId'), ref('tenantId'), bool('isMain', false)],
      indices: [ix('ix_employee_department_dept', ['tenantId', 'departmentId'])],
    }));
    await q.createTable(new Table({
      name: 'employee_identities',
      columns: [id(), ref('tenantId'), ref('employeeId'), ref('bindingId'), str('platform', 16), str('platformUserId', 128),
        str('unionId', 128, true), str('openId', 128, true), ...stamps()],
      indices: [ix('uq_identity_binding_user', ['bindingId', 'platformUserId'], true), ix('ix_identity_employee', ['tenantId', 'employeeId'])],
    }));
    await q.createTable(new Table({
      name: 'admin_users',
      columns: [id(), ref('tenantId'), str('username', 64), str('passwordHash', 255), str('displayName', 100), str('role', 16),
        ref('employeeId', true), str('linkEmployeeNo', 64, true), ...stamps()],
      indices: [ix('uq_admin_username', ['username'], true)],
    }));
    await q.createTable(new Table({
      name: 'refresh_tokens',
      columns: [id(), ref('tenantId'), str('subjectKind', 16), ref('subjectId'), ref('familyId'), str('tokenHash', 64),
        str('platform', 16, true), dt('expiresAt'), dt('usedAt', true), dt('revokedAt', true), ...stamps()],
      indices: [ix('uq_refresh_token_hash', ['tokenHash'], true), ix('ix_refresh_token_family', ['familyId'])],
    }));
    await q.createTable(new Table({
      name: 'sync_runs',
      columns: [id(), ref('tenantId'), ref('bindingId'), str('platform', 16), str('trigger', 16), str('status', 16), dt('startedAt'),
        dt('finishedAt', true), ...['departmentsSeen', 'membersSeen', 'departmentsCreated', 'departmentsUpdated', 'departmentsDeactivated',
          'employeesCreated', 'employeesUpdated', 'employeesDeactivated', 'identitiesLinked', 'identitiesRemoved', 'unmatched',
          'rowsWritten'].map(int), text('errors'), ...stamps()],
      indices: [ix('ix_sync_run_tenant_started', ['tenantId', 'startedAt']), ix('ix_sync_run_binding', ['bindingId'])],
    }));
    await q.createTable(new Table({
      name: 'audit_logs',
      columns: [id(), ref('tenantId'), str('actorKind', 16), ref('actorId', true), str('action', 64), str('targetType', 64),
        ref('targetId', true), text('details'), ...stamps()],
      indices: [ix('ix_audit_tenant_created', ['tenantId', 'createdAt'])],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_logs', 'sync_runs', 'refresh_tokens', 'admin_users', 'employee_identities', 'employee_departments',
      'employees', 'departments', 'platform_bindings', 'tenants']) {
      await q.dropTable(t);
    }
  }
}
