import { Column, Entity, Index } from 'typeorm';
import type { ApprovalAction, Platform } from '@hrlink/shared';
import { BaseRow, DATETIME } from '../../../database/base.entity';

@Entity('approval_timeline')
@Index('ix_approval_timeline_instance', ['instanceId', 'at'])
export class ApprovalTimeline extends BaseRow {
  @Column({ type: 'varchar', length: 36 }) tenantId!: string;
  @Column({ type: 'varchar', length: 36 }) instanceId!: string;
  @Column({ type: 'varchar', length: 16 }) action!: ApprovalAction;
  @Column({ type: 'varchar', length: 36, nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) targetId!: string | null;
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) via!: 'app' | 'card' | 'admin' | 'system' | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) platform!: Platform | null;
  @Column(DATETIME) at!: Date;
  /** Order of entries written in the same millisecond. */
  @Column({ type: 'int', default: 0 }) seq!: number;
}
