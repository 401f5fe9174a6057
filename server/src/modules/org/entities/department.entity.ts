import { Column, Entity, Index } from 'typeorm';
import type { Platform } from '@hrlink/shared';
import { BaseRow } from '../../../database/base.entity';

@Entity('departments')
@Index('uq_department_source', ['tenantId', 'sourcePlatform', 'platformDeptId'], { unique: true })
@Index('ix_department_parent', ['tenantId', 'parentId'])
export class Department extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 16 }) sourcePlatform!: Platform;
  @Column({ type: 'varchar', length: 128 }) platformDeptId!: string;
  @Column({ type: 'varchar', length: 200 }) name!: string;
  @Column({ type: 'varchar', length: 36, nullable: true }) parentId!: string | null;
  @Column({ name: 'sortOrder', type: 'int', default: 0 }) order!: number;
  @Column({ type: 'varchar', length: 36, nullable: true }) headEmployeeId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}
