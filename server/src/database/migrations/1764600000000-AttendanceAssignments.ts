import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { newId } from '../../common/ids';
import { resolveGroupIds } from '../../modules/attendance/domain/membership';

// attendance_assignments: membership history — from fromDate (tenant-local YYYY-MM-DD) on, a person counts under
// groupId (null = no group). Backfill: every employee who resolves to a group now gets one row from that group's
// effectiveFrom, so nothing changes for existing data. Resolution in code (portable, same rule as AttendanceCore).

export class AttendanceAssignments1764600000000 implements MigrationInterface {
  name = 'AttendanceAssignments1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(new Table({
      name: 'attendance_assignments',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'tenantId', type: 'varchar', length: '36' },
        { name: 'employeeId', type: 'varchar', length: '36' },
        { name: 'groupId', type: 'varchar', length: '36', isNullable: true },
        { name: 'fromDate', type: 'varchar', length: '10' },
        { name: 'createdAt', type: 'datetime', precision: 3 },
        { name: 'updatedAt', type: 'datetime', precision: 3 },
      ],
      indices: [
        new TableIndex({ name: 'uq_att_assignment', columnNames: ['tenantId', 'employeeId', 'fromDate'], isUnique: true }),
        new TableIndex({ name: 'ix_att_assignment_group', columnNames: ['tenantId', 'groupId'] }),
      ],
    }));
    const groups: { id: string; tenantId: string; effectiveFrom: string }[] = await q.query('SELECT id, tenantId, effectiveFrom FROM attendance_groups');
    // UTC 'YYYY-MM-DD HH:MM:SS.sss': what both drivers store for datetime(3) (better-sqlite3 cannot bind a Date).
    const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
    for (const tenantId of [...new Set(groups.map((g) => g.tenantId))]) {
      const members = await q.query('SELECT groupId, memberType, memberId FROM attendance_group_members WHERE tenantId = ?', [tenantId]);
      const links = await q.query('SELECT employeeId, departmentId, isMain FROM employee_departments WHERE tenantId = ?', [tenantId]);
      const depts: { id: string; parentId: string | null }[] = await q.query('SELECT id, parentId FROM departments WHERE tenantId = ?', [tenantId]);
      const employees = new Set((await q.query('SELECT id FROM employees WHERE tenantId = ?', [tenantId]) as { id: string }[]).map((e) => e.id));
      const from = new Map(groups.filter((g) => g.tenantId === tenantId).map((g) => [g.id, g.effectiveFrom]));
      const resolved = resolveGroupIds(members, links, new Map(depts.map((d) => [d.id, d.parentId])));
      for (const [employeeId, groupId] of resolved) {
        if (!employees.has(employeeId) || !from.has(groupId)) continue;
        await q.query('INSERT INTO attendance_assignments (id, tenantId, employeeId, groupId, fromDate, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [newId(), tenantId, employeeId, groupId, from.get(groupId), now, now]);
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attendance_assignments');
  }
}
