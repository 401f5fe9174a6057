import { Column, Entity, Index } from 'typeorm';
import type { EmployeeStatus, Role } from '@hrlink/shared';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';
import { encrypted } from '../../../common/crypto/encrypted.transformer';

@Entity('employees')
@Index('ix_employee_no', ['tenantId', 'employeeNo'])
@Index('ix_employee_mobile_hash', ['tenantId', 'mobileHash'])
@Index('ix_employee_manager', ['tenantId', 'managerId'])
export class Employee extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) employeeNo!: string | null;
  /** Encrypted at rest; matched through mobileHash. */
  @Column({ type: 'text', nullable: true, transformer: encrypted }) mobile!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) mobileHash!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) title!: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) hireDate!: string | null;
  @Column({ type: 'varchar', length: 10, nullable: true }) firstWorkDate!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) managerId!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'active' }) status!: EmployeeStatus;
  @Column({ ...DATETIME, nullable: true }) leftAt!: Date | null;
  /** Extra roles granted by HR (hr, admin); every employee is implicitly `employee`. */
  @Column({ type: 'text', transformer: jsonText }) roles!: Role[];
}
