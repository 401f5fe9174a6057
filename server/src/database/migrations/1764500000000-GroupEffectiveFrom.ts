import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { localParts } from '../../modules/attendance/domain/time';

// attendance_groups.effectiveFrom: the first day (YYYY-MM-DD, tenant-local) a group applies; days before it get no
// daily result. Existing groups are backfilled with the local date of their createdAt (tenant time zone). Portable:
// added nullable, backfilled row by row in code (no engine-specific date functions), then made NOT NULL.

const col = (nullable: boolean) => new TableColumn({ name: 'effectiveFrom', type: 'varchar', length: '10', isNullable: nullable });

/** A stored datetime as an instant: mysql2 (timezone 'Z') gives a Date, SQLite a UTC 'YYYY-MM-DD HH:MM:SS.sss' string. */
function instant(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s.replace(' ', 'T')}Z`);
}

export class GroupEffectiveFrom1764500000000 implements MigrationInterface {
  name = 'GroupEffectiveFrom1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('attendance_groups', col(true));
    const rows: { id: string; createdAt: unknown; timeZone: string | null }[] = await q.query(
      'SELECT g.id AS id, g.createdAt AS createdAt, t.timeZone AS timeZone FROM attendance_groups g LEFT JOIN tenants t ON t.id = g.tenantId');
    for (const r of rows) {
      const at = instant(r.createdAt);
      const date = Number.isNaN(+at) ? new Date().toISOString().slice(0, 10) : localParts(at, r.timeZone || 'Asia/Shanghai').date;
      await q.query('UPDATE attendance_groups SET effectiveFrom = ? WHERE id = ?', [date, r.id]);
    }
    await q.changeColumn('attendance_groups', 'effectiveFrom', col(false));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('attendance_groups', 'effectiveFrom');
  }
}
