import { Column, Entity, Index } from 'typeorm';
import type { Platform } from '@hrlink/shared';
import { BaseRow } from '../../../database/base.entity';

@Entity('employee_identities')
@Index('uq_identity_binding_user', ['bindingId', 'platformUserId'], { unique: true })
@Index('ix_identity_employee', ['tenantId', 'employeeId'])
export class EmployeeIdentity extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) employeeId!: string;
  @Column({ type: 'varchar', length: 36 }) bindingId!: string;
  @Column({ type: 'varchar', length: 16 }) platform!: Platform;
  @Column({ type: 'varchar', length: 128 }) platformUserId!: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) unionId!: string | null;
  @Column({ type: 'varchar', length: 128, nullable: true }) openId!: string | null;
}
