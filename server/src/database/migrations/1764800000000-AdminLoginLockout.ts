import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

// admin_users.failedLogins / lockedUntil: consecutive failed log-ins lock the account for a while
// (modules/auth/domain/lockout.ts). Existing accounts start unlocked with no failures.

export class AdminLoginLockout1764800000000 implements MigrationInterface {
  name = 'AdminLoginLockout1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('admin_users', new TableColumn({ name: 'failedLogins', type: 'int', isNullable: false, default: 0 }));
    await q.addColumn('admin_users', new TableColumn({ name: 'lockedUntil', type: 'datetime', precision: 3, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('admin_users', 'lockedUntil');
    await q.dropColumn('admin_users', 'failedLogins');
  }
}
