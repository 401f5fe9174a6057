import { Column, Entity, Index } from 'typeorm';
import type { Role } from '@hrlink/shared';
import { BaseRow, DATETIME } from '../../../database/base.entity';

@Entity('admin_users')
@Index('uq_admin_username', ['username'], { unique: true })
export class AdminUser extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 64 }) username!: string;
  /** scrypt$N$r$p$salt$hash */
  @Column({ type: 'varchar', length: 255 }) passwordHash!: string;
  @Column({ type: 'varchar', length: 100 }) displayName!: string;
  @Column({ type: 'varchar', length: 16 }) role!: Extract<Role, 'hr' | 'admin'>;
  @Column({ type: 'varchar', length: 36, nullable: true }) employeeId!: string | null;
  /** Link to the employee with this number once the org has been synced. */
  @Column({ type: 'varchar', length: 64, nullable: true }) linkEmployeeNo!: string | null;
  /** Consecutive failed log-ins (back to 0 on a successful one, and when they lock the account). */
  @Column({ type: 'int', default: 0 }) failedLogins!: number;
  /** After MAX_FAILED_LOGINS failures every log-in is refused until then (null: not locked). */
  @Column({ ...DATETIME, nullable: true }) lockedUntil!: Date | null;
}
