import { Column, Entity, Index } from 'typeorm';
import type { Platform, SyncRunStatus, SyncRunView, SyncTrigger } from '@hrlink/shared';
import { BaseRow, DATETIME, jsonText } from '../../../database/base.entity';

@Entity('sync_runs')
@Index('ix_sync_run_tenant_started', ['tenantId', 'startedAt'])
@Index('ix_sync_run_binding', ['bindingId'])
export class SyncRun extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) bindingId!: string;
  @Column({ type: 'varchar', length: 16 }) platform!: Platform;
  @Column({ type: 'varchar', length: 16 }) trigger!: SyncTrigger;
  @Column({ type: 'varchar', length: 16 }) status!: SyncRunStatus;
  @Column(DATETIME) startedAt!: Date;
  @Column({ ...DATETIME, nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'int', default: 0 }) departmentsSeen!: number;
  @Column({ type: 'int', default: 0 }) membersSeen!: number;
  @Column({ type: 'int', default: 0 }) departmentsCreated!: number;
  @Column({ type: 'int', default: 0 }) departmentsUpdated!: number;
  @Column({ type: 'int', default: 0 }) departmentsDeactivated!: number;
  @Column({ type: 'int', default: 0 }) employeesCreated!: number;
  @Column({ type: 'int', default: 0 }) employeesUpdated!: number;
  @Column({ type: 'int', default: 0 }) employeesDeactivated!: number;
  @Column({ type: 'int', default: 0 }) identitiesLinked!: number;
  @Column({ type: 'int', default: 0 }) identitiesRemoved!: number;
  @Column({ type: 'int', default: 0 }) unmatched!: number;
  @Column({ type: 'int', default: 0 }) rowsWritten!: number;
  @Column({ type: 'text', transformer: jsonText }) errors!: SyncRunView['errors'];
}
