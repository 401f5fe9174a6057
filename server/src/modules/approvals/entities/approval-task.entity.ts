import { Column, Entity, Index } from 'typeorm';
import type { TaskStatus } from '@hrlink/shared';
import { BaseRow, DATETIME } from '../../../database/base.entity';

@Entity('approval_tasks')
@Index('ix_approval_task_approver', ['tenantId', 'approverId', 'status'])
@Index('ix_approval_task_instance', ['instanceId', 'stepIndex'])
@Index('ix_approval_task_remind', ['status', 'remindAt'])
export class ApprovalTask extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) instanceId!: string;
  @Column({ type: 'int' }) stepIndex!: number;
  @Column({ type: 'varchar', length: 36 }) approverId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: TaskStatus;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ ...DATETIME, nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) transferredFromTaskId!: string | null;
  @Column({ ...DATETIME, nullable: true }) activatedAt!: Date | null;
  /** activatedAt + the route's reminder hours; null = no reminder. */
  @Column({ ...DATETIME, nullable: true }) remindAt!: Date | null;
  /** Claimed with a conditional UPDATE by the reminder job (once per task). */
  @Column({ ...DATETIME, nullable: true }) remindedAt!: Date | null;
}
